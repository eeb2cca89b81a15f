"""The calendar page: everyone reads it; the chair and the secretariat add and move dates."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext
from werkzeug.wrappers import Response

from negotiation.enums import MilestoneKind, Role
from negotiation.errors import InvalidSetting, NegotiationError, NotPermitted, StaleEdit
from negotiation.models import Milestone, Section
from negotiation.setup.calendar import (
    KIND_LABELS,
    MilestoneChange,
    add_milestone,
    calendar_of,
    change_milestone,
    local_moment,
    recent_moves,
    remove_milestone,
)
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.rendering import render
from web.plumbing.requestvalues import form_id, parse_id
from web.setup import bp, owned, saved
from web.words.languages import refusal

FIELDS = ("kind", "title", "at", "section", "reason")


def _form() -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in FIELDS}


def _change(form: dict[str, str]) -> MilestoneChange:
    """The form as the domain's request; a field that cannot be read is refused by name."""
    current = negotiation()
    try:
        kind = MilestoneKind(form["kind"])
    except ValueError:
        raise InvalidSetting("Choose a deadline, a circulation or a meeting.", "kind") from None
    section = None
    if form["section"]:
        section_id = parse_id(form["section"])
        section = db().get(Section, section_id) if section_id is not None else None
        if section is None or section.negotiation_id != current.id:
            raise InvalidSetting("Choose a section of this draft, or the whole draft.",
                                 "section")
    return MilestoneChange(kind, form["title"], local_moment(form["at"], current), section)


def _context(**extra: Any) -> dict[str, Any]:
    session, current, moment = db(), negotiation(), now()
    return {"negotiation": current, "dates": calendar_of(session, current),
            "moves": recent_moves(session, current, moment), "now": moment,
            "kinds": KIND_LABELS, "errors": {}, "form": {}, **extra}


def _calendar(status: int = 200, **extra: Any) -> tuple[str, int]:
    return render("setup/calendar.html", "setup/_calendar.html", status, **_context(**extra))


@bp.get("/calendar/")
@roles_required(*Role)
def calendar() -> tuple[str, int]:
    """Every date of the cycle, what moved lately, and (for those who keep it) the forms."""
    return _calendar()


@bp.post("/calendar/")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def add_date() -> Response | tuple[str, int]:
    """Put a deadline, a circulation or a meeting in the calendar."""
    form = _form()
    try:
        added = add_milestone(db(), negotiation(), actor(), _change(form), now(),
                              reason=form["reason"])
    except NotPermitted:
        raise
    except NegotiationError as exc:
        field = getattr(exc, "field", "") or "form"
        return _calendar(status_for(exc), errors={field: refusal(exc)}, form=form)
    return saved(gettext("Added to the calendar: %(title)s.", title=added.title), "setup.calendar",
                 "setup/calendar.html", "setup/_calendar.html", _context())


def _date_page(milestone: Milestone, status: int = 200, **extra: Any) -> tuple[str, int]:
    form = {"kind": milestone.kind.value, "title": milestone.title,
            "at": milestone.at.astimezone(negotiation().zone).strftime("%Y-%m-%dT%H:%M"),
            "section": str(milestone.section_id or ""), "reason": ""}
    context = {"negotiation": negotiation(), "milestone": milestone, "kinds": KIND_LABELS,
               "now": now(), "errors": {}, "form": form, "written_on": milestone.version,
               **extra}
    return render("setup/date.html", "setup/_date_form.html", status, **context)


@bp.get("/calendar/<int:milestone_id>")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def edit_date(milestone_id: int) -> tuple[str, int]:
    """The form to move a date or change its title, kind or section."""
    return _date_page(owned(Milestone, milestone_id))


@bp.post("/calendar/<int:milestone_id>")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def change_date(milestone_id: int) -> Response | tuple[str, int]:
    """Save the change; a move is kept with who and why, and shown to everyone at once."""
    milestone: Milestone = owned(Milestone, milestone_id)
    form = _form()
    written_on = parse_id(request.form.get("written_on"))
    try:
        change_milestone(db(), negotiation(), actor(), milestone, _change(form),
                         written_on=form_id("written_on") or -1,
                         reason=form["reason"], now=now())
    except NotPermitted:
        raise
    except StaleEdit as exc:
        # Keep what was typed; the next save is written on the version now shown.
        db().refresh(milestone)
        return _date_page(milestone, 409, errors={"form": refusal(exc)}, form=form)
    except NegotiationError as exc:
        field = getattr(exc, "field", "") or "form"
        return _date_page(milestone, status_for(exc), errors={field: refusal(exc)}, form=form,
                          written_on=written_on)
    return saved(gettext("Saved: %(title)s.", title=milestone.title), "setup.calendar",
                 "setup/calendar.html", "setup/_calendar.html", _context())


@bp.post("/calendar/<int:milestone_id>/remove")
@roles_required(Role.CHAIR, Role.SECRETARIAT)
def remove_date(milestone_id: int) -> Response | tuple[str, int]:
    """Take the date out of the calendar; subscribed calendars get it as cancelled."""
    milestone: Milestone = owned(Milestone, milestone_id)
    reason = request.form.get("reason", "").strip()
    try:
        remove_milestone(db(), negotiation(), actor(), milestone,
                         written_on=form_id("written_on") or -1, reason=reason, now=now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _date_page(milestone, status_for(exc), errors={"removal": refusal(exc)},
                          removal_reason=reason)
    return saved(gettext("Removed from the calendar: %(title)s.", title=milestone.title),
                 "setup.calendar", "setup/calendar.html", "setup/_calendar.html", _context())
