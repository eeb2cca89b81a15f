"""The domain's rows as the API's models (one place, so every answer names things alike)."""

from __future__ import annotations

from negotiation.draft.draftrows import DraftRow
from negotiation.models import Amendment, Negotiation, Paragraph, ParagraphVersion, RecordEntry
from negotiation.record.wording import entry_in, reason_in
from negotiation.text.diffs import diff_from_json
from negotiation.text.footnotes import Footnote, from_stored, notes_of
from negotiation.text.languages import DEFAULT_LANGUAGE
from negotiation.text.tokendiff import DELETE, INSERT
from web.api.schemas import (
    DiffRun,
    FootnoteOut,
    NegotiationOut,
    ParagraphOut,
    ProposalOut,
    RecordEntryOut,
    VersionOut,
)

_OP_NAMES = {INSERT: "insert", DELETE: "delete"}


def negotiation_out(negotiation: Negotiation) -> NegotiationOut:
    return NegotiationOut(committee=negotiation.committee, cycle=negotiation.cycle,
                          title=negotiation.title, symbol=negotiation.symbol,
                          timezone=negotiation.timezone, closed=negotiation.is_closed)


def row_out(row: DraftRow) -> ParagraphOut:
    """A paragraph of the draft as read in one query (:func:`live_rows`)."""
    return ParagraphOut(
        id=row.paragraph_id, label=row.label, section_code=row.section.code, kind=row.kind,
        is_mandates=row.is_mandates, parent_id=row.parent_id, state=row.state,
        proposer=row.proposer,
        current_version=VersionOut(id=row.version_id, number=row.version_number,
                                   text=row.text, footnotes=_footnotes(
                                       from_stored(row.footnotes or [], row.text))))


def version_out(version: ParagraphVersion) -> VersionOut:
    return VersionOut(id=version.id, number=version.number, text=version.text,
                      footnotes=_footnotes(notes_of(version)))


def _footnotes(notes: tuple[Footnote, ...]) -> list[FootnoteOut]:
    return [FootnoteOut(at=n.at, text=n.text) for n in notes]


def paragraph_out(paragraph: Paragraph, label: str) -> ParagraphOut:
    return ParagraphOut(
        id=paragraph.id, label=label, section_code=paragraph.section.code,
        kind=paragraph.kind, is_mandates=paragraph.is_mandates, parent_id=paragraph.parent_id,
        state=paragraph.state,
        proposer=paragraph.proposer_label,
        current_version=version_out(paragraph.current_version))


def proposal_out(amendment: Amendment) -> ProposalOut:
    diff = None
    if amendment.diff:
        diff = [DiffRun(op=_OP_NAMES.get(change.op, "equal"), text=change.text)
                for change in diff_from_json(amendment.diff)]
    return ProposalOut(
        id=amendment.id, number=amendment.number, paragraph_id=amendment.paragraph_id,
        kind=amendment.kind, state=amendment.state, delegation=amendment.delegation.code,
        cosponsors=[d.code for d in amendment.supporters],
        base_version_id=amendment.base_version_id, proposed_text=amendment.proposed_text,
        comment=amendment.comment, diff=diff, submitted_at=amendment.submitted_at,
        late=amendment.late)


def record_entry_out(entry: RecordEntry, language: str) -> RecordEntryOut:
    """A record entry as kept (``summary``, ``reason``) and as read in ``language``: the
    request's language, the same as its refusals' (web.api.language)."""
    return RecordEntryOut(
        id=entry.id, at=entry.at, actor_role=entry.actor_role, actor_name=entry.actor_name,
        action=entry.action, subject=entry.subject, summary=entry.summary,
        reason=entry.reason, text=entry_in(entry, language),
        reason_text=reason_in(entry, language),
        # An entry written before the record kept its words has only its English.
        language=language if entry.words else DEFAULT_LANGUAGE)  # type: ignore[arg-type]
