"""A negotiation's people: who is appointed to what, and the delegations admitted to it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, NegotiationError, NotPermitted
from negotiation.models import Account, Appointment, Delegation
from negotiation.notices.invitations import pending_invitations
from negotiation.people.accounts import find_account
from negotiation.people.appointments import (
    APPOINTABLE,
    appoint,
    appointable_accounts,
    appointments_of,
    end_appointment,
    may_end,
    participating_delegations,
)
from web.plumbing.access import actor, negotiation, now, roles_required, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("people", __name__, url_prefix="/people", template_folder="templates")

_FIELDS = ("account", "username", "role", "delegation", "entity")


def people_page(kept: dict[str, str], error: str = "", status: int = 200, *,
                invite_error: str = "", invite_kept: dict[str, str] | None = None,
                ) -> tuple[str, int]:
    """The People page, with a refusal beside the form it answers and what was typed kept."""
    session, current, acting = db(), negotiation(), actor()
    appointments = appointments_of(session, current)
    may_appoint = acting.role in (Role.ADMIN, Role.SECRETARIAT)
    return render_template(
        "people/index.html", negotiation=current, appointments=appointments,
        endable={a.id for a in appointments if may_end(acting, a)},
        delegations=participating_delegations(session, current),
        appointable=appointable_accounts(session, current, acting) if may_appoint else [],
        invitations=pending_invitations(session, current, wall_clock_now()),
        roles=APPOINTABLE, kept=kept, error=error, invite_error=invite_error,
        invite_kept=invite_kept or {},
    ), status




@bp.get("/")
@roles_required(Role.ADMIN, Role.CHAIR, Role.SECRETARIAT)
def index() -> tuple[str, int]:
    """The people appointed, the delegations admitted, and the form to appoint someone."""
    return people_page({})


@bp.post("/")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def create() -> Response | tuple[str, int]:
    """Appoint a person chosen from the list (scripts may name a username) to a role in this
    negotiation."""
    session, current = db(), negotiation()
    kept = {k: request.form.get(k, "").strip() for k in _FIELDS}
    try:
        if kept["account"]:
            chosen = int(kept["account"]) if kept["account"].isdigit() else 0
            account = session.get(Account, chosen) if chosen < 2**31 else None
            if account is None:
                raise InvalidSubmission("Choose the person to appoint from the list.")
        else:
            account = find_account(session, kept["username"])
            if account is None:
                raise InvalidSubmission("No account has the username %(username)s.",
                                        username=repr(kept["username"]))
        try:
            role = Role(kept["role"])
        except ValueError:
            raise InvalidSubmission("Choose a role.") from None
        delegation = None
        if role is Role.DELEGATION:
            delegation = session.scalars(
                select(Delegation).where(Delegation.code == kept["delegation"].upper())).first()
            if delegation is None:
                raise InvalidSubmission("Choose the delegation the delegate acts for.")
        appoint(session, current, actor(), account, role, now(), delegation=delegation,
                entity=kept["entity"] if role is Role.ENTITY else None)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return people_page(kept, refusal(exc), status_for(exc))
    flash(gettext("%(name)s appointed (%(role)s).", name=account.display_name,
                  role=gettext(role.value)), "success")
    return redirect(url_for("people.index"), 303)


@bp.post("/<int:appointment_id>/end")
@roles_required(Role.ADMIN, Role.SECRETARIAT)
def end(appointment_id: int) -> Response | tuple[str, int]:
    """End an appointment in this negotiation."""
    found = db().get(Appointment, appointment_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    name = found.account.display_name
    try:
        end_appointment(db(), negotiation(), actor(), found, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return people_page({}, refusal(exc), status_for(exc))
    flash(gettext("%(name)s is no longer appointed here.", name=name), "success")
    return redirect(url_for("people.index"), 303)
