"""What the chair decides through the API, by the functions of the chair's desk."""

from __future__ import annotations

from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside
from negotiation.draft.drafting import label_of
from negotiation.models import Section
from negotiation.text.languages import N_
from web.api.blueprint import api
from web.api.errors import ApiRefusal
from web.api.schemas import (
    DecisionOut,
    ParagraphDecisionIn,
    ProposalDecisionIn,
    ProposalOut,
    TriageOut,
)
from web.api.shapes import paragraph_out, proposal_out
from web.draft.paragraphpage import paragraph_for_change, proposal_for_change
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db, lock_for_change


@api.operation("POST", "/sections/<int:section_id>/triage", summary="Triage a section: its "
               "untouched paragraphs into consensus in principle", answers={200: TriageOut},
               tag="chair")
def triage(section_id: int) -> TriageOut:
    # Two chairs triaging one section at once: the second waits, then finds nothing left.
    lock_for_change(Section, section_id)
    section = db().get(Section, section_id)
    if section is None or section.negotiation_id != negotiation().id:
        raise ApiRefusal(404, "not_found", N_("There is no such section in this negotiation."))
    moved = triage_section(db(), negotiation(), actor(), section, now())
    return TriageOut(section_code=section.code,
                     moved={state.value: count for state, count in moved.items()})


@api.operation("POST", "/paragraphs/<int:paragraph_id>/decision", body=ParagraphDecisionIn,
               summary="Decide on a paragraph (consensus, approval, consultations ...)",
               answers={200: DecisionOut}, tag="chair")
def decide_paragraph(paragraph_id: int, body: ParagraphDecisionIn) -> DecisionOut:
    """Events that need a reason (return to consultations, reopen, delete by agreement) are
    refused without one."""
    paragraph = paragraph_for_change(paragraph_id)
    notices = decide(db(), negotiation(), actor(), paragraph, body.event, now(),
                     reason=body.reason, override_reason=body.override_reason,
                     seen=body.seen_state)
    return DecisionOut(paragraph=paragraph_out(paragraph, label_of(db(), paragraph)),
                       notices=list(notices))


@api.operation("POST", "/proposals/<int:proposal_id>/decision", body=ProposalDecisionIn,
               summary="Accept a proposal, or set it aside with a reason",
               answers={200: ProposalOut}, tag="chair")
def decide_proposal(proposal_id: int, body: ProposalDecisionIn) -> ProposalOut:
    amendment = proposal_for_change(proposal_id)
    if body.decision == "accept":
        accept_proposal(db(), negotiation(), actor(), amendment, now())
    else:
        set_aside(db(), negotiation(), actor(), amendment, body.reason, now())
    return proposal_out(amendment)
