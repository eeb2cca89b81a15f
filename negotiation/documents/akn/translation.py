"""A circulated revision in one of the negotiation's other languages, as the Akoma Ntoso
expression of that language: the same work, paragraphs and eIds as the original's, each
paragraph's text its current translation (:mod:`negotiation.draft.language_versions`).

A paragraph the language services have not translated, or whose translation renders an
older version of it (outdated), keeps the original's text: the file says so on the
paragraph, so a system reading it never takes the original's words for the translation.

A reader of the translation reads what a reader of the original reads, in its language
where it has been translated:

- a translated paragraph keeps its footnotes. The language services translate a paragraph's
  text, not its notes, so the notes are the original's words, marked as such as an
  untranslated paragraph is. A marker stands after the same word as in the original where
  the translation has that word too (a symbol, a number, a name: what notes are mostly
  attached to), else at the paragraph's end, since the original's places are offsets in
  another text;
- the proposals on the table are there, as in the original's expression: the same
  amendment documents (the same IRIs, in the original's language, as the delegations wrote
  them against the original's words), against the same eIds. Their content shows the
  original's text they change, not the translation.
"""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from negotiation.documents.akn.rows import AknParagraph
from negotiation.documents.akn.statement import AknDraft, AknTranslation, akn_draft
from negotiation.documents.comparison import local_date, original_language
from negotiation.draft.language_versions import (
    CURRENT,
    OUTDATED,
    check_target,
    language_version,
    target_languages,
)
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation, ParagraphTranslation, Revision, RevisionEntry
from negotiation.text.footnotes import Footnote, carried, from_stored, stored
from negotiation.text.languages import N_, translate


def check_expression(negotiation: Negotiation, language: str, of_revision: bool) -> None:
    """Refuse a language the draft has no expression in: the original's is always there, a
    translation's only for a circulated revision (today's text is not translated)."""
    if language == negotiation.original_language:
        return
    check_target(negotiation, language)
    if not of_revision:
        raise InvalidSubmission(
            "Only a circulated revision is translated: choose one to download it "
            "in another language.")


def akn_translation(session: Session, negotiation: Negotiation, revision: Revision,
                    language: str) -> AknDraft:
    """``revision`` as its ``language`` version reads (refused for a language the draft is
    not translated into)."""
    check_target(negotiation, language)
    draft = akn_draft(session, negotiation, revision.circulated_at, revision)
    versions = {row.entry.paragraph_id: row
                for row in language_version(session, negotiation, revision, language)}
    rows: list[AknParagraph] = []
    originals: dict[int, str] = {}
    missing: set[int] = set()
    outdated: set[int] = set()
    for row in draft.rows:
        assert isinstance(row, AknParagraph)  # what akn_draft reads of a revision
        version = versions.get(row.paragraph_id)
        if version is not None and version.status == CURRENT:
            reads = version.reads
            rows.append(row._replace(text=reads,
                                     footnotes=placed_notes(row.text, reads, row.footnotes)))
            originals[row.paragraph_id] = row.text
            continue
        rows.append(row)
        if version is not None and version.status == OUTDATED:
            outdated.add(row.paragraph_id)
        else:
            missing.add(row.paragraph_id)
    line = translate(N_("Original: %(original)s"), language,
                     original=original_language(negotiation, language))
    return replace(
        draft, language=language, rows=rows,
        issued_label=local_date(negotiation, revision.circulated_at, language),
        translation=AknTranslation(negotiation.original_language, line,
                                   frozenset(missing), frozenset(outdated), originals))


def placed_notes(original: str, translated: str, notes: object) -> list[dict[str, object]]:
    """The original's footnotes (as stored) placed in its translation: after the word
    their marker follows where the translation has it too, else at the end."""
    placed = []
    for note in from_stored(notes, original):
        kept = carried(original, translated, [note])
        placed.append(Footnote(kept[0].at if kept else len(translated), note.text))
    return stored(sorted(placed, key=lambda note: note.at))


def translated_languages(session: Session, negotiation: Negotiation) -> dict[int, list[str]]:
    """By revision number, the languages with at least one paragraph of that revision
    translated (on its version there): those whose Akoma Ntoso is worth offering. One query
    whatever the revisions."""
    languages = target_languages(negotiation)
    if not languages:
        return {}
    entry, made = RevisionEntry.__table__.c, ParagraphTranslation.__table__.c
    revision = Revision.__table__.c
    found: dict[int, set[str]] = {}
    for number, language in session.execute(
        select(revision.number, made.language).distinct()
        .select_from(Revision.__table__)
        .join(RevisionEntry.__table__, entry.revision_id == revision.id)
        .join(ParagraphTranslation.__table__, and_(
            made.paragraph_id == entry.paragraph_id,
            made.source_version_id == entry.version_id,
            made.negotiation_id == negotiation.id, made.language.in_(languages)))
        .where(revision.negotiation_id == negotiation.id)
    ).all():
        found.setdefault(number, set()).add(language)
    return {number: [code for code in languages if code in codes]
            for number, codes in found.items()}
