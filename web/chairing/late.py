"""The chair accepts a delegation's late submissions, for the draft or one section."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.calendar.deadlines import applicable_deadline, grant_late_leave, late_leaves
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Delegation, Section
from negotiation.people.appointments import participating_delegations
from negotiation.record.clock import local_moment
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, lock_for_change
from web.plumbing.errors import status_for
from web.plumbing.languages import refusal
from web.plumbing.requestvalues import parse_id
from web.plumbing.wording import name_on_page

bp = Blueprint("late", __name__, url_prefix="/chair/late", template_folder="templates")


def _page(errors: dict[str, str] | None = None, form: dict[str, str] | None = None,
          status: int = 200) -> tuple[str, int]:
    session, current = db(), negotiation()
    delegations = participating_delegations(session, current)
    return render_template(
        "late/index.html", negotiation=current, leaves=late_leaves(session, current),
        delegations=delegations, deadline=applicable_deadline(session, current, None),
        errors=errors or {}, form=form or {},
    ), status


@bp.get("/")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def index() -> tuple[str, int]:
    """Late acceptances granted so far, and (for the chair) the form to grant one."""
    return _page()


@bp.post("/")
@roles_required(Role.CHAIR)
def grant() -> Response | tuple[str, int]:
    """Accept one delegation's submissions until a time at headquarters."""
    session, current = db(), negotiation()
    form = {k: request.form.get(k, "").strip() for k in ("delegation", "section", "until",
                                                           "reason")}
    errors: dict[str, str] = {}
    delegation_id, section_id = parse_id(form["delegation"]), parse_id(form["section"])
    if delegation_id:
        # Two chairs granting the same leave at once: the second waits, then finds the
        # first's leave and is refused as a repeated grant is.
        lock_for_change(Delegation, delegation_id)
    delegation = session.get(Delegation, delegation_id) if delegation_id else None
    if delegation is None:
        errors["delegation"] = gettext("Choose the delegation.")
    section = None
    if form["section"]:
        section = session.get(Section, section_id) if section_id else None
        if section is None or section.negotiation_id != current.id:
            errors["section"] = gettext("Choose a section of this draft, or the whole draft.")
    until: datetime | None = None
    try:
        until = local_moment(form["until"], current.zone)
    except ValueError as exc:
        errors["until"] = gettext("Give the date and time at headquarters, e.g. "
                                  "2024-04-23T18:00 (%(problem)s).", problem=exc)
    if until is not None and until <= now():
        errors["until"] = gettext("That moment has already passed.")
    if errors or delegation is None or until is None:
        return _page(errors, form, 422)
    try:
        grant_late_leave(session, current, actor(), delegation, until, form["reason"], now(),
                         section=section)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page({"reason": refusal(exc)}, form, status_for(exc))
    flash(gettext("Late submissions from %(delegation)s accepted.",
                  delegation=name_on_page(delegation)), "success")
    return redirect(url_for("late.index"), 303)
