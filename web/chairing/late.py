"""The chair accepts a delegation's late submissions, for the draft or one section."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.calendar.deadlines import applicable_deadline, grant_late_leave, late_leaves
from negotiation.calendar.late_requests import (
    answer_late_request,
    late_requests,
    meeting_over,
    meetings_of,
)
from negotiation.draft.drafting import numbering_of
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Delegation, LateLeaveRequest, Section
from negotiation.models.late_requests import GRANTED
from negotiation.people.appointments import participating_delegations
from negotiation.record.clock import local_moment
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, lock_for_change, reset
from web.plumbing.errors import status_for
from web.plumbing.requestvalues import parse_id
from web.words.languages import refusal
from web.words.wording import name_on_page

bp = Blueprint("late", __name__, url_prefix="/chair/late", template_folder="templates")


def _page(errors: dict[str, str] | None = None, form: dict[str, str] | None = None,
          status: int = 200) -> tuple[str, int]:
    session, current = db(), negotiation()
    delegations = participating_delegations(session, current)
    asked = late_requests(session, current)
    meetings = meetings_of(session, current)
    return render_template(
        "late/index.html", negotiation=current, leaves=late_leaves(session, current),
        delegations=delegations, deadline=applicable_deadline(session, current, None),
        errors=errors or {}, form=form or {}, requests=asked,
        labels=numbering_of(session, current.id).label_of if asked else {},
        lapsed={r.id for r in asked if r.pending and meeting_over(
            meetings, current, r.section_id, now()) is not None},
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


@bp.post("/requests/<int:request_id>/<any(granted, refused):answer>")
@roles_required(Role.CHAIR)
def answer(request_id: int, answer: str) -> Response | tuple[str, int]:
    """Grant a delegation's request for late leave, until a time at headquarters, or refuse
    it; the delegation is told, with the chair's reason. Of two chairs answering at once,
    the second is refused (409) and told the first's answer."""
    session, current = db(), negotiation()
    asked = session.get(LateLeaveRequest, request_id)
    if asked is None or asked.negotiation_id != current.id:
        abort(404)
    form = {f"{request_id}-{k}": request.form.get(k, "").strip() for k in ("until", "reason")}
    until: datetime | None = None
    if answer == GRANTED:
        try:
            until = local_moment(form[f"{request_id}-until"], current.zone)
        except ValueError as exc:
            return _page({f"{request_id}-until": gettext(
                "Give the date and time at headquarters, e.g. 2024-04-23T18:00 "
                "(%(problem)s).", problem=exc)}, form, 422)
        if until <= now():
            return _page({f"{request_id}-until": gettext("That moment has already passed.")},
                         form, 422)
    label = numbering_of(session, current.id).label_of.get(asked.paragraph_id or 0, "")
    try:
        answer_late_request(session, current, actor(), asked, answer,
                            form[f"{request_id}-reason"], now(), until=until,
                            paragraph_label=label)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        reset()
        return _page({f"{request_id}-reason": refusal(exc)}, form, status_for(exc))
    if answer == GRANTED:
        flash(gettext("Late leave granted to %(delegation)s; the delegation is told.",
                      delegation=name_on_page(asked.delegation)), "success")
    else:
        flash(gettext("Late leave refused to %(delegation)s; the delegation is told why.",
                      delegation=name_on_page(asked.delegation)), "success")
    return redirect(url_for("late.index"), 303)
