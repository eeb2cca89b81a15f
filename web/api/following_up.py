"""A delegation's follow-ups on its own proposal through the API, by the functions its
forms call: a revised text, and an invitation to co-sponsor."""

from __future__ import annotations

from negotiation.people.permissions import acts_for
from negotiation.proposals.invitations import invite_cosponsor
from negotiation.proposals.submissions import revise_proposal
from web.api.blueprint import api
from web.api.errors import ApiRefusal
from web.api.schemas import CosponsorInviteIn, InvitationOut, ProposalRevisionIn, SubmittedOut
from web.api.shapes import proposal_out
from web.draft.paragraphpage import proposal_for_change
from web.plumbing.access import actor, negotiation, now
from web.plumbing.dbsession import db
from web.words.wording import in_words


@api.operation("POST", "/proposals/<int:proposal_id>/revise", body=ProposalRevisionIn,
               summary="Send a revised version of one's own open proposal",
               answers={201: SubmittedOut}, tag="delegation")
def revise(proposal_id: int, body: ProposalRevisionIn) -> tuple[int, SubmittedOut]:
    """The answer is the new proposal; the earlier one is kept in the record, superseded."""
    amendment = proposal_for_change(proposal_id)
    if not acts_for(actor(), amendment.delegation_id):
        raise ApiRefusal(403, "not_permitted",
                         "Only the delegation that made a proposal may revise it.")
    submission = revise_proposal(db(), negotiation(), actor(), amendment, now(),
                                 text=body.text, comment=body.comment)
    return 201, SubmittedOut(proposal=proposal_out(submission.amendment),
                             warnings=[in_words(w) for w in submission.warnings])


@api.operation("POST", "/proposals/<int:proposal_id>/invitations", body=CosponsorInviteIn,
               summary="Invite another delegation to co-sponsor one's proposal",
               answers={201: InvitationOut}, tag="delegation")
def invite(proposal_id: int, body: CosponsorInviteIn) -> tuple[int, InvitationOut]:
    amendment = proposal_for_change(proposal_id)
    invitation = invite_cosponsor(db(), negotiation(), actor(), amendment, body.delegation_id,
                                  now())
    return 201, InvitationOut(id=invitation.id, proposal_id=amendment.id,
                              answer=invitation.answer.value)
