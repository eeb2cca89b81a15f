"""Inviting people to a negotiation by e-mail, from its People page: the invitation, and
revoking or sending again one still pending."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, NegotiationError, NotPermitted
from negotiation.models import AccountInvitation
from negotiation.notices.invitations import checked_part, invite, resend, revoke
from web.people.appointments import people_page
from web.plumbing.access import actor, negotiation, now, roles_required, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import current_language, refusal

bp = Blueprint("inviting", __name__, url_prefix="/people/invitations")

_FIELDS = ("email", "role", "delegation", "entity")


@bp.post("/")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def create() -> Response | tuple[str, int]:
    """Invite a person by address, with their part; the link goes out by e-mail."""
    session, current = db(), negotiation()
    kept = {k: request.form.get(k, "") for k in _FIELDS}
    try:
        try:
            role = Role(kept["role"])
        except ValueError:
            raise InvalidSubmission("Choose the part the person will take.") from None
        part = checked_part(session, current, actor(), role, kept["delegation"], kept["entity"])
        # An address with no account yet is written to in the inviter's language.
        invitation = invite(session, current, actor(), kept["email"], part, now(),
                            wall_clock_now(), language=current_language())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return people_page({}, invite_error=refusal(exc), status=status_for(exc),
                           invite_kept=kept)
    flash(gettext("An invitation was sent to %(address)s (%(part)s).",
                  address=invitation.address, part=part.described()), "success")
    return redirect(url_for("people.index"), 303)


def _invitation(invitation_id: int) -> AccountInvitation:
    found = db().get(AccountInvitation, invitation_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return found


@bp.post("/<int:invitation_id>/revoke")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def revoke_one(invitation_id: int) -> Response | tuple[str, int]:
    """Revoke a pending invitation: its link opens nothing from now on."""
    found = _invitation(invitation_id)
    try:
        revoke(db(), negotiation(), actor(), found, now(), wall_clock_now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return people_page({}, invite_error=refusal(exc), status=status_for(exc))
    flash(gettext("The invitation to %(address)s is revoked.", address=found.address),
          "success")
    return redirect(url_for("people.index"), 303)


@bp.post("/<int:invitation_id>/resend")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def resend_one(invitation_id: int) -> Response | tuple[str, int]:
    """Send a pending invitation again, with a new link good for 7 more days."""
    found = _invitation(invitation_id)
    try:
        resend(db(), negotiation(), actor(), found, now(), wall_clock_now(),
               language=current_language())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return people_page({}, invite_error=refusal(exc), status=status_for(exc))
    flash(gettext("The invitation was sent again to %(address)s; the earlier link no longer "
                  "works.", address=found.address), "success")
    return redirect(url_for("people.index"), 303)
