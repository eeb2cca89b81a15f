"""Invitations to co-sponsor: the proposer invites from its proposal; the invited delegation
answers from its home page or the paragraph page."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, request
from flask_babel import gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.models import Amendment, SponsorInvitation
from negotiation.proposals.invitations import (
    accept_invitation,
    decline_invitation,
    invite_cosponsor,
)
from web.draft.paragraphpage import act_on_proposal, proposal_for_change
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, lock_for_change
from web.plumbing.requestvalues import form_id
from web.words.wording import name_on_page

bp = Blueprint("invitations", __name__, url_prefix="/invitations", template_folder="templates")


def _invitation_for_change(invitation_id: int) -> SponsorInvitation:
    """The negotiation's invitation a request answers (else 404), locked after its proposal
    and paragraph, so that an answer and an act on the proposal run one after the other."""
    amendment_id = db().scalar(
        select(SponsorInvitation.amendment_id).where(SponsorInvitation.id == invitation_id))
    if amendment_id is None:
        abort(404)
    proposal_for_change(amendment_id)
    lock_for_change(SponsorInvitation, invitation_id)
    return db().get_one(SponsorInvitation, invitation_id)


def _act(amendment: Amendment, act: Callable[[], str]) -> Response | tuple[str, int]:
    """Run the act (it returns what to tell the person); then back where the form was (its
    ``next``), or the proposal's page again with the refusal beside the proposal."""
    return act_on_proposal(amendment, act, back=request.form.get("next"), anchored=True)


@bp.post("/proposal/<int:amendment_id>")
@roles_required(Role.DELEGATION)
def invite(amendment_id: int) -> Response | tuple[str, int]:
    """The proposing delegation invites another delegation to co-sponsor its proposal."""
    amendment = proposal_for_change(amendment_id)

    def act() -> str:
        invitation = invite_cosponsor(db(), negotiation(), actor(), amendment,
                                      form_id("delegation") or 0, now())
        return gettext("%(delegation)s was invited to co-sponsor your proposal %(number)s.",
                       delegation=name_on_page(invitation.delegation), number=amendment.number)

    return _act(amendment, act)


@bp.post("/<int:invitation_id>/accept")
@roles_required(Role.DELEGATION)
def accept(invitation_id: int) -> Response | tuple[str, int]:
    """The invited delegation accepts, and joins the proposal as a co-sponsor."""
    invitation = _invitation_for_change(invitation_id)
    amendment = invitation.amendment

    def act() -> str:
        accept_invitation(db(), negotiation(), actor(), invitation, now())
        return gettext("Your delegation co-sponsors proposal %(number)s of %(delegation)s.",
                       number=amendment.number, delegation=name_on_page(amendment.delegation))

    return _act(amendment, act)


@bp.post("/<int:invitation_id>/decline")
@roles_required(Role.DELEGATION)
def decline(invitation_id: int) -> Response | tuple[str, int]:
    """The invited delegation declines; the proposer sees the answer."""
    invitation = _invitation_for_change(invitation_id)
    amendment = invitation.amendment

    def act() -> str:
        decline_invitation(db(), negotiation(), actor(), invitation, now())
        return gettext("Your delegation declined to co-sponsor proposal %(number)s of "
                       "%(delegation)s.", number=amendment.number,
                       delegation=name_on_page(amendment.delegation))

    return _act(amendment, act)
