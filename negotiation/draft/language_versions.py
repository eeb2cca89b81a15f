"""The draft in the negotiation's other languages: what the language services translated of
each circulated revision, what is outdated, and what a reader of each language reads.

A translation renders one version of a paragraph. A revision's paragraph whose version is
the one translated reads in the translation; a paragraph changed since (a newer version in
that revision) keeps its last translation, marked outdated, until it is renewed; one never
translated reads in the original. The negotiating text stays the original: proposals are
written against it, whatever the language of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, joinedload

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, StaleEdit
from negotiation.models import (
    Negotiation,
    ParagraphTranslation,
    ParagraphVersion,
    Revision,
    RevisionEntry,
)
from negotiation.people.permissions import require
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.diffs import Change, word_diff
from negotiation.text.languages import LANGUAGES, N_
from negotiation.text.textcheck import checked_text, column_limit

#: Who enters translations: the secretariat's language services, and the chair.
TRANSLATORS = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.SYSTEM})

CURRENT, OUTDATED, MISSING = "current", "outdated", "missing"

#: What the record says of translations saved, by how they came (each language's name is
#: its own, as the language menus show it).
_TRANSLATED = {
    "typed": N_("%(symbol)s in %(language)s: %(count)s paragraph(s) translated (typed): "
                "%(labels)s"),
    "imported": N_("%(symbol)s in %(language)s: %(count)s paragraph(s) translated (imported): "
                   "%(labels)s"),
}


def can_translate(actor: Actor) -> bool:
    return actor.role in TRANSLATORS


def target_languages(negotiation: Negotiation) -> list[str]:
    """The languages the draft is translated into: the negotiation's, but its original."""
    return [code for code in negotiation.language_list
            if code in LANGUAGES and code != negotiation.original_language]


def check_target(negotiation: Negotiation, language: str) -> None:
    if language not in target_languages(negotiation):
        raise InvalidSubmission(
            "The draft is not translated into %(language)s in this negotiation.",
            language=language)


@dataclass(frozen=True)
class VersionRow:
    """One paragraph of a revision, in one language: the original as circulated, and the
    translation that renders it, or the last one made (outdated), or none."""

    entry: RevisionEntry
    original: ParagraphVersion
    translation: ParagraphTranslation | None
    #: The newest translation of the paragraph in the language (what an edit replaces).
    latest: ParagraphTranslation | None

    @property
    def status(self) -> str:
        if self.translation is None:
            return MISSING
        if self.translation.source_version_id == self.original.id:
            return CURRENT
        return OUTDATED

    @property
    def written_on(self) -> int:
        """What a form on this row names as the translation it replaces (0: none yet)."""
        return self.latest.id if self.latest is not None else 0

    @property
    def source_changes(self) -> list[Change]:
        """What changed in the original since the translation's version (outdated only)."""
        if self.translation is None or self.status != OUTDATED:
            return []
        return word_diff(self.translation.source_version.text, self.original.text)

    @property
    def reads(self) -> str:
        """The text a reader of the language reads: the translation when it is current."""
        if self.translation is not None and self.status == CURRENT:
            return self.translation.text
        return self.original.text


@dataclass(frozen=True)
class Status:
    """How far a revision's translation into one language has come."""

    language: str
    total: int
    translated: int
    outdated: int

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.outdated

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total


def revision_numbered(session: Session, negotiation: Negotiation, number: int) -> Revision:
    found = session.scalars(select(Revision).where(
        Revision.negotiation_id == negotiation.id, Revision.number == number)).first()
    if found is None:
        raise InvalidSubmission("There is no revision %(number)s of this draft.", number=number)
    return found


def latest_revision(session: Session, negotiation: Negotiation) -> Revision | None:
    return session.scalars(
        select(Revision).where(Revision.negotiation_id == negotiation.id)
        .order_by(Revision.number.desc()).limit(1)).first()


def _translations(session: Session, negotiation: Negotiation, languages: Sequence[str],
                  paragraph_ids: Sequence[int]
                  ) -> dict[tuple[str, int], list[ParagraphTranslation]]:
    """Each paragraph's translations into each of ``languages``, oldest first."""
    found: dict[tuple[str, int], list[ParagraphTranslation]] = {}
    if not paragraph_ids or not languages:
        return found
    rows = session.scalars(
        select(ParagraphTranslation)
        .where(ParagraphTranslation.negotiation_id == negotiation.id,
               ParagraphTranslation.language.in_(list(languages)),
               ParagraphTranslation.paragraph_id.in_(list(paragraph_ids)))
        .options(joinedload(ParagraphTranslation.source_version))
        .order_by(ParagraphTranslation.paragraph_id, ParagraphTranslation.number))
    for row in rows:
        found.setdefault((row.language, row.paragraph_id), []).append(row)
    return found


def _entries(session: Session, revision: Revision) -> Sequence[RevisionEntry]:
    return session.scalars(
        select(RevisionEntry).where(RevisionEntry.revision_id == revision.id)
        .options(joinedload(RevisionEntry.version))
        .order_by(RevisionEntry.position)).all()


def _rows(entries: Sequence[RevisionEntry], language: str,
          made: dict[tuple[str, int], list[ParagraphTranslation]]) -> list[VersionRow]:
    rows = []
    for entry in entries:
        translations = made.get((language, entry.paragraph_id), [])
        latest = translations[-1] if translations else None
        # The newest translation of this very version; else the newest of any (outdated).
        rendering = next((t for t in reversed(translations)
                          if t.source_version_id == entry.version_id), latest)
        rows.append(VersionRow(entry, entry.version, rendering, latest))
    return rows


def language_version(
    session: Session, negotiation: Negotiation, revision: Revision, language: str
) -> list[VersionRow]:
    """The revision's paragraphs, in its order, each with its translation into ``language``."""
    entries = _entries(session, revision)
    made = _translations(session, negotiation, [language], [e.paragraph_id for e in entries])
    return _rows(entries, language, made)


def status_of(rows: Sequence[VersionRow], language: str) -> Status:
    return Status(language, len(rows), sum(r.status == CURRENT for r in rows),
                  sum(r.status == OUTDATED for r in rows))


def statuses(session: Session, negotiation: Negotiation, revision: Revision) -> list[Status]:
    """The revision's translation status in each of the draft's other languages, counted in
    one read whatever the languages and the paragraphs (the chair's pages show it): a
    paragraph is translated when one of its translations renders its version there, and
    outdated when it has translations, but none of that version."""
    languages = target_languages(negotiation)
    entries, made = RevisionEntry.__table__, ParagraphTranslation.__table__
    renders = func.max(case((made.c.source_version_id == entries.c.version_id, 1), else_=0))
    rows = session.execute(
        select(entries.c.id, made.c.language, renders)
        .select_from(entries.outerjoin(made, and_(
            made.c.paragraph_id == entries.c.paragraph_id,
            made.c.negotiation_id == negotiation.id, made.c.language.in_(languages))))
        .where(entries.c.revision_id == revision.id)
        .group_by(entries.c.id, made.c.language)).all()
    total = len({row[0] for row in rows})
    return [Status(language, total,
                   sum(1 for row in rows if row[1] == language and row[2] == 1),
                   sum(1 for row in rows if row[1] == language and row[2] != 1))
            for language in languages]


@dataclass(frozen=True)
class TranslationEdit:
    """A translation as typed for one paragraph, on the translation the translator saw."""

    paragraph_id: int
    text: str
    #: The id of the newest translation the form showed (0 when there was none).
    written_on: int


def save_translations(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    revision: Revision,
    language: str,
    edits: Sequence[TranslationEdit],
    now: datetime,
    *,
    how: str = "typed",
) -> list[ParagraphTranslation]:
    """Store the translations of the revision's paragraphs into ``language``.

    Each one renders the paragraph's version in this revision. An edit written on a
    translation someone replaced meanwhile is refused (nothing of the lot is stored), with
    the newer translation named, so the translator compares before saving again; two saves
    at the same instant meet on the unique key and the second is refused the same way.
    """
    require(can_translate(actor),
            N_("Only the secretariat and the chair enter the draft's translations."))
    check_target(negotiation, language)
    rows = {row.entry.paragraph_id: row
            for row in language_version(session, negotiation, revision, language)}
    # Every edit is checked before any is stored: a refusal leaves nothing in the session.
    checked = []
    for edit in edits:
        row = rows.get(edit.paragraph_id)
        if row is None:
            raise InvalidSubmission("That paragraph is not part of %(symbol)s.",
                                    symbol=revision.symbol)
        text = checked_text(edit.text, N_("The translation"), required=True,
                            limit=column_limit(ParagraphTranslation.text))
        if edit.written_on != row.written_on:
            raise StaleEdit(
                "Someone saved another translation of paragraph %(label)s while you were "
                "writing. Your text is kept below; compare it with theirs and save again.",
                written_on=edit.written_on, current=row.latest, label=row.entry.label)
        if row.latest is not None and row.latest.text == text \
                and row.latest.source_version_id == row.original.id:
            continue  # the same translation of the same version: nothing new to keep
        checked.append((row, text))
    stored = []
    for row, text in checked:
        translation = ParagraphTranslation(
            negotiation_id=negotiation.id, paragraph_id=row.entry.paragraph_id,
            language=language,
            number=(row.latest.number + 1) if row.latest is not None else 1,
            source_version_id=row.original.id, text=text, written_at=now,
            written_by=actor.name, how=how)
        session.add(translation)
        stored.append(translation)
    if stored:
        session.flush()
        labels = ", ".join(rows[t.paragraph_id].entry.label or "?" for t in stored)
        record(session, negotiation.id, actor, now, "translation_saved",
               says(_TRANSLATED.get(how, _TRANSLATED["typed"]), symbol=revision.symbol,
                    language=LANGUAGES[language], count=len(stored), labels=labels),
               subject=f"revision:{revision.id}")
    return stored
