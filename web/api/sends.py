"""What a delegation sends through the API, by the very functions its forms call: the
same checks, deadlines and refusals (a refusal's message is the form's)."""

from __future__ import annotations

from sqlalchemy import select

from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Amendment, Paragraph, Section, SponsorInvitation
from negotiation.people.permissions import acts_for
from negotiation.proposals.cosponsors import join_proposal, leave_proposal
from negotiation.proposals.invitations import accept_invitation, decline_invitation
from negotiation.proposals.submissions import (
    submit_new_paragraph,
    submit_proposal,
    withdraw_proposal,
)
from negotiation.text.languages import N_
from web.api.blueprint import api
from web.api.errors import ApiRefusal
from web.api.schemas import (
    InvitationAnswerIn,
    InvitationOut,
    NewParagraphIn,
    ProposalIn,
    ProposalOut,
    SubmittedOut,
)
from web.api.shapes import proposal_out
from web.draft.paragraphpage import paragraph_to_propose_on, proposal_for_change
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db, lock_for_change
from web.words.wording import in_words


@api.operation("POST", "/paragraphs/<int:paragraph_id>/proposals", body=ProposalIn,
               summary="Send a modification, request to delete, support, comment or "
                       "national footnote",
               answers={201: SubmittedOut}, tag="delegation")
def propose(paragraph_id: int, body: ProposalIn) -> tuple[int, SubmittedOut]:
    """A modification carries ``text``; a comment carries ``comment``. ``base_version_id`` is
    the version the delegation read: a paragraph changed since is refused (409
    ``stale_version``), as the form refuses it."""
    paragraph, current = paragraph_to_propose_on(paragraph_id)
    submission = submit_proposal(
        db(), negotiation(), actor(), paragraph, AmendmentKind(body.kind), now(),
        written_on=body.base_version_id, text=body.text, comment=body.comment,
        current=current)
    return 201, SubmittedOut(proposal=proposal_out(submission.amendment),
                             warnings=[in_words(w) for w in submission.warnings])


@api.operation("POST", "/sections/<int:section_id>/paragraphs", body=NewParagraphIn,
               summary="Propose a new paragraph in a section", answers={201: SubmittedOut},
               tag="delegation")
def new_paragraph(section_id: int, body: NewParagraphIn) -> tuple[int, SubmittedOut]:
    """Placed after ``after_paragraph_id`` (a paragraph of the same section) or at the
    section's end. Over the section's cap it is accepted with a warning: the chair decides."""
    session, current = db(), negotiation()
    section = session.get(Section, section_id)
    if section is None or section.negotiation_id != current.id:
        raise ApiRefusal(404, "not_found", N_("There is no such section in this negotiation."))
    after = None
    if body.after_paragraph_id is not None:
        after = session.get(Paragraph, body.after_paragraph_id)
        if after is None or after.negotiation_id != current.id:
            raise ApiRefusal(422, "invalid_input", N_("after_paragraph_id names no paragraph "
                             "of this negotiation."))
    submission = submit_new_paragraph(
        session, current, actor(), section, ParagraphKind(body.kind), body.text, now(),
        after=after, comment=body.comment)
    return 201, SubmittedOut(proposal=proposal_out(submission.amendment),
                             warnings=[in_words(w) for w in submission.warnings])


@api.operation("POST", "/proposals/<int:proposal_id>/join", summary="Join another "
               "delegation's proposal as a co-sponsor", answers={200: ProposalOut},
               tag="delegation")
def join(proposal_id: int) -> ProposalOut:
    amendment = proposal_for_change(proposal_id)
    join_proposal(db(), negotiation(), actor(), amendment, now())
    return proposal_out(amendment)


@api.operation("POST", "/proposals/<int:proposal_id>/leave", summary="Leave a proposal "
               "one's delegation joined", answers={200: ProposalOut}, tag="delegation")
def leave(proposal_id: int) -> ProposalOut:
    amendment = proposal_for_change(proposal_id)
    leave_proposal(db(), negotiation(), actor(), amendment, now())
    return proposal_out(amendment)


@api.operation("POST", "/proposals/<int:proposal_id>/withdraw", summary="Withdraw one's own "
               "proposal (a new paragraph goes with it)", answers={200: ProposalOut},
               tag="delegation")
def withdraw(proposal_id: int) -> ProposalOut:
    amendment = proposal_for_change(proposal_id)
    if not acts_for(actor(), amendment.delegation_id):
        raise ApiRefusal(403, "not_permitted",
                         N_("Only the delegation that made a proposal may withdraw it."))
    withdraw_proposal(db(), negotiation(), actor(), amendment, now())
    return proposal_out(amendment)


@api.operation("POST", "/invitations/<int:invitation_id>/answer", body=InvitationAnswerIn,
               summary="Accept or decline an invitation to co-sponsor",
               answers={200: InvitationOut}, tag="delegation")
def answer_invitation(invitation_id: int, body: InvitationAnswerIn) -> InvitationOut:
    session = db()
    amendment_id = session.scalar(
        select(SponsorInvitation.amendment_id).where(SponsorInvitation.id == invitation_id))
    found = session.get(Amendment, amendment_id) if amendment_id is not None else None
    if found is None or found.negotiation_id != negotiation().id:
        raise ApiRefusal(404, "not_found", N_("There is no such invitation in this negotiation."))
    # Locked as the form locks it: the proposal's paragraph, the proposal, the invitation.
    proposal_for_change(found.id)
    lock_for_change(SponsorInvitation, invitation_id)
    invitation = session.get_one(SponsorInvitation, invitation_id)
    answer = accept_invitation if body.answer == "accept" else decline_invitation
    answer(session, negotiation(), actor(), invitation, now())
    return InvitationOut(id=invitation.id, proposal_id=invitation.amendment_id,
                         answer=invitation.answer.value)
