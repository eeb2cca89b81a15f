"""A new cycle starts from the previous cycle's resolution: its sections and approved
paragraphs become the chair's first draft, and a document compares this year's draft with
last year's resolution.

The new cycle's negotiation is created beforehand (by the secretariat); the chair then
carries the text over into its draft, which stays the chair's to edit until rev. 0.
Carrying over twice changes nothing: paragraphs remember where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.documents.comparison import LANGUAGE_NAMES, local_date
from negotiation.documents.parts import Header
from negotiation.documents.revision_comparison import RevisionComparison, compare_rows
from negotiation.draft.circulation import last_symbol
from negotiation.draft.drafting import paragraphs_of, sections_of
from negotiation.draft.draftrows import DraftRow, live_rows
from negotiation.draft.writing import add_paragraph
from negotiation.enums import ParagraphState
from negotiation.errors import InvalidSubmission, RefusedTransition
from negotiation.models import Negotiation, Paragraph, Section
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.setup.structure import require_drafting
from negotiation.text.languages import N_


@dataclass(frozen=True)
class CarryOutcome:
    """What starting from the previous cycle did."""

    changed: bool
    sections: int
    paragraphs: int

    @property
    def message(self) -> str:
        if not self.changed:
            return "The draft already starts from that resolution: nothing was changed."
        return (f"The draft now starts from the previous resolution: {self.sections} sections "
                f"and {self.paragraphs} approved paragraphs carried over.")


def previous_cycles(session: Session, negotiation: Negotiation) -> list[Negotiation]:
    """The same committee's other cycles a draft can start from, latest first."""
    return list(session.scalars(
        select(Negotiation)
        .where(Negotiation.committee == negotiation.committee,
               Negotiation.id != negotiation.id, Negotiation.cycle < negotiation.cycle)
        .order_by(Negotiation.cycle.desc())
    ))


def final_text(session: Session, previous: Negotiation) -> list[Paragraph]:
    """The previous cycle's resolution as adopted: its approved paragraphs, in order
    (a mandate counts when both it and its mandates paragraph were approved)."""
    approved = [p for p in paragraphs_of(session, previous)
                if p.state is ParagraphState.APPROVED]
    kept = {p.id for p in approved if p.parent_id is None}
    return [p for p in approved if p.parent_id is None or p.parent_id in kept]


def start_from_previous(
    session: Session,
    negotiation: Negotiation,
    previous: Negotiation,
    actor: Actor,
    now: datetime,
) -> CarryOutcome:
    """Carry the previous cycle's sections and approved paragraphs into this cycle's
    draft, which must be empty (or already carried over from that same resolution)."""
    require_drafting(session, negotiation, actor, "start the draft from the previous cycle")
    if previous.id == negotiation.id or previous.committee != negotiation.committee:
        raise InvalidSubmission("A draft starts from a previous cycle of the same committee.")
    carried = final_text(session, previous)
    present = paragraphs_of(session, negotiation)
    if present:
        source = {p.id for p in carried}
        if {p.carried_from_id for p in present} == source and len(present) == len(source):
            return CarryOutcome(False, len(sections_of(session, previous)), len(carried))
        raise RefusedTransition(
            "The draft already has paragraphs (%(count)s); a draft starts from the previous "
            "resolution only when it is empty. Remove them first, or import.",
            count=len(present))
    if not carried:
        raise InvalidSubmission("The %(cycle)s cycle has no approved paragraph to start from.",
                                cycle=previous.cycle)

    own = {s.code: s for s in sections_of(session, negotiation)}
    placed: dict[int, Section] = {}
    for position, old in enumerate(sections_of(session, previous), start=len(own) + 1):
        section = own.get(old.code)
        if section is None:
            section = Section(negotiation_id=negotiation.id, code=old.code, kind=old.kind,
                              area=old.area, title=old.title, position=position)
            session.add(section)
        placed[old.id] = section
    session.flush()
    new_of: dict[int, Paragraph] = {}
    for old in carried:
        paragraph = add_paragraph(
            session, placed[old.section_id], old.kind, old.text, actor, now,
            parent=new_of.get(old.parent_id) if old.parent_id is not None else None,
            is_mandates=old.is_mandates,
            reason=f"Carried over from the {previous.cycle} resolution",
        )
        paragraph.carried_from_id = old.id
        new_of[old.id] = paragraph
    session.flush()
    outcome = CarryOutcome(True, len(placed), len(carried))
    record(session, negotiation.id, actor, now, "draft_carried_over",
           says(N_("Draft started from the %(cycle)s resolution (%(symbol)s): %(sections)s "
                   "sections, %(paragraphs)s paragraphs"), cycle=previous.cycle,
                symbol=previous.symbol, sections=outcome.sections,
                paragraphs=outcome.paragraphs))
    return outcome


def _resolution_rows(session: Session, previous: Negotiation) -> list[DraftRow]:
    kept = {p.id for p in final_text(session, previous)}
    return [row for row in live_rows(session, previous) if row.paragraph_id in kept]


def compare_with_previous(
    session: Session, negotiation: Negotiation, previous: Negotiation, now: datetime
) -> RevisionComparison:
    """This cycle's draft compared with last cycle's resolution, paragraph by paragraph:
    texts changed, paragraphs added and dropped, as the revisions' comparison shows them."""
    symbol_from = last_symbol(session, previous)
    changes = compare_rows(_resolution_rows(session, previous), live_rows(session, negotiation),
                           key_b=lambda row: row.carried_from_id)
    header = Header(
        council=negotiation.council,
        committee_name=negotiation.committee_name,
        symbol=negotiation.symbol,
        date=local_date(negotiation, now),
        original_language=LANGUAGE_NAMES.get(negotiation.original_language,
                                             negotiation.original_language),
        title=negotiation.title,
        document=f"Comparison of the {negotiation.cycle} draft with the {previous.cycle} "
                 "resolution",
        header_lines=negotiation.header_lines,
    )
    return RevisionComparison(header, f"{symbol_from} ({previous.cycle})",
                              f"{negotiation.symbol} ({negotiation.cycle})", changes)
