"""Two revisions of the draft compared paragraph by paragraph: added, removed, changed,
moved (a paragraph renumbered only because others came or went is not "moved")."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.documents.comparison import local_date, original_language
from negotiation.documents.parts import Header
from negotiation.documents.printable import printable
from negotiation.draft.circulation import revisions_of
from negotiation.draft.draftrows import DraftRow, revision_rows
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation, Revision
from negotiation.text.diffs import DELETE, INSERT, Change, has_changes, word_diff
from negotiation.text.footnotes import Footnote, from_stored, marked_changes
from negotiation.text.languages import N_, known_language, translate


@dataclass
class ParagraphChange:
    """One paragraph of two revisions compared: what became of it."""

    paragraph_id: int
    section_title: str
    status: str  # "unchanged", "changed", "added", "removed" (moved is a flag, see below)
    label_from: str
    label_to: str
    state_from: str
    state_to: str
    changes: list[Change]
    moved: bool = False
    #: The language of the document the paragraph is shown in (its notes' words).
    language: str = "en"
    #: The newer text's footnotes, and the number of its first in the document.
    footnotes: tuple[Footnote, ...] = ()
    first_note: int = 1

    def marked(self) -> list[tuple[Change | None, int | None]]:
        """The changes with the footnote markers in place, for the HTML: ``(change, None)``
        and ``(None, the note's number in the document)``."""
        out: list[tuple[Change | None, int | None]] = []
        number = self.first_note
        for item in marked_changes(self.changes, self.footnotes):
            if isinstance(item, Footnote):
                out.append((None, number))
                number += 1
            else:
                out.append((item, None))
        return out

    @property
    def notes(self) -> list[str]:
        """What a reader is told about the paragraph, in words of the document's language."""
        language = self.language
        notes: list[str] = []
        if self.status == "added":
            notes.append(translate(N_("added"), language))
        elif self.status == "removed":
            notes.append(translate(N_("removed"), language))
        if self.moved:
            if self.label_from:
                notes.append(translate(N_("moved (was %(label)s)"), language,
                                       label=self.label_from))
            else:
                notes.append(translate(N_("moved (was unnumbered)"), language))
        elif self.label_from and self.label_to and self.label_from != self.label_to:
            notes.append(translate(N_("renumbered (was %(label)s)"), language,
                                   label=self.label_from))
        if self.status == "changed":
            notes.append(translate(N_("text changed"), language))
        if self.state_from and self.state_to and self.state_from != self.state_to:
            notes.append(f"{translate(self.state_from, language).lower()} → "
                         f"{translate(self.state_to, language).lower()}")
        return notes

    @property
    def label(self) -> str:
        return self.label_to or self.label_from


@dataclass
class RevisionComparison:
    """Two revisions compared paragraph by paragraph, in the newer one's order."""

    header: Header
    symbol_from: str
    symbol_to: str
    paragraphs: list[ParagraphChange]

    def by_status(self, status: str) -> list[ParagraphChange]:
        return [p for p in self.paragraphs if p.status == status]

    @property
    def moved(self) -> list[ParagraphChange]:
        return [p for p in self.paragraphs if p.moved]


def revision_by_number(session: Session, negotiation: Negotiation, number: int) -> Revision:
    """The negotiation's revision N, or a refusal naming the ones that exist."""
    revision = session.scalars(
        select(Revision).where(Revision.negotiation_id == negotiation.id,
                               Revision.number == number)
    ).first()
    if revision is None:
        known = ", ".join(str(r.number) for r in revisions_of(session, negotiation))
        if not known:
            raise InvalidSubmission("There is no revision %(number)s (none circulated yet).",
                                    number=number)
        raise InvalidSubmission("There is no revision %(number)s (circulated: %(known)s).",
                                number=number, known=known)
    return revision


def compare_revisions(session: Session, rev_a: Revision, rev_b: Revision,
                      language: str = "en") -> RevisionComparison:
    """Compare two revisions paragraph by paragraph: changed text as a word diff, and
    paragraphs added, removed and moved (a change of place among the paragraphs both share,
    or of section; a number that shifted only because others came or went is "renumbered").
    ``language`` is the document's: its header's and notes' words."""
    if rev_a.negotiation_id != rev_b.negotiation_id:
        raise InvalidSubmission("The two revisions belong to different negotiations.")
    negotiation = session.get(Negotiation, rev_a.negotiation_id)
    assert negotiation is not None
    language = known_language(language)
    changes = compare_rows(revision_rows(session, rev_a), revision_rows(session, rev_b))
    number = 1
    for change in changes:
        change.language = language
        change.first_note = number
        number += len(change.footnotes)
    header = Header(
        council=negotiation.council,
        committee_name=negotiation.committee_name,
        symbol=rev_b.symbol,
        date=local_date(negotiation, rev_b.circulated_at, language),
        original_language=original_language(negotiation, language),
        title=negotiation.title,
        document=translate(N_("Comparison of %(later)s with %(earlier)s"), language,
                           later=rev_b.symbol, earlier=rev_a.symbol),
        language=language,
        header_lines=negotiation.header_lines,
    )
    return RevisionComparison(header, rev_a.symbol, rev_b.symbol, changes)


def compare_rows(
    rows_a: list[DraftRow],
    rows_b: list[DraftRow],
    key_b: Callable[[DraftRow], int | None] = lambda row: row.paragraph_id,
) -> list[ParagraphChange]:
    """Two texts compared paragraph by paragraph, in the newer one's order.

    ``key_b`` names, for each paragraph of the newer text, the paragraph of the older text
    it is (itself between two revisions; the one it was carried over from across cycles).
    """
    in_a = {r.paragraph_id: r for r in rows_a}
    keyed_b = [(key_b(r), r) for r in rows_b]
    in_b = {key: r for key, r in keyed_b if key is not None}
    shared_a = [pid for pid in in_a if pid in in_b]
    shared_b = [key for key, _ in keyed_b if key in in_a]
    # The longest run of shared paragraphs kept in the same order stayed put; the others moved.
    matcher = difflib.SequenceMatcher(a=shared_a, b=shared_b, autojunk=False)
    stayed = {shared_a[block.a + k] for block in matcher.get_matching_blocks()
              for k in range(block.size)}

    changes: list[ParagraphChange] = []
    by_old: dict[int, ParagraphChange] = {}
    for key, row in keyed_b:
        before = in_a.get(key) if key is not None else None
        if before is None:
            changes.append(ParagraphChange(
                row.paragraph_id, row.section.title, "added", "", row.label, "", row.state_label,
                [Change(INSERT, printable(row.text))],
                footnotes=from_stored(row.footnotes or [], row.text),
            ))
            continue
        diff = word_diff(printable(before.text), printable(row.text))
        change = ParagraphChange(
            row.paragraph_id, row.section.title,
            "changed" if has_changes(diff) else "unchanged",
            before.label, row.label, before.state_label, row.state_label, diff,
            moved=key not in stayed or before.section.code != row.section.code,
            footnotes=from_stored(row.footnotes or [], row.text),
        )
        changes.append(change)
        by_old[before.paragraph_id] = change
    _place_removed(changes, rows_a, by_old)
    return changes


def _place_removed(
    changes: list[ParagraphChange], rows_a: list[DraftRow], by_old: dict[int, ParagraphChange]
) -> None:
    """Put each removed paragraph right after the paragraph that preceded it in the old text."""
    previous: ParagraphChange | None = None
    for row in rows_a:
        kept = by_old.get(row.paragraph_id)
        if kept is not None:
            previous = kept
            continue
        removed = ParagraphChange(
            row.paragraph_id, row.section.title, "removed", row.label, "", row.state_label, "",
            [Change(DELETE, printable(row.text))],
        )
        index = 0 if previous is None else changes.index(previous) + 1
        changes.insert(index, removed)
        previous = removed
