"""The meeting's agenda as the chair publishes it: numbered and dated, kept as published,
listed for everyone; the meeting page shows the latest and (for the chair) the form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.chairing.publishing import (
    agenda_numbered,
    changes_between,
    publish_agenda,
    published_agendas,
    replaced,
    replaced_by,
)
from negotiation.enums import MilestoneKind, ParagraphState, Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import Milestone
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, reset
from web.plumbing.errors import status_for
from web.plumbing.requestvalues import parse_id
from web.words.languages import refusal

bp = Blueprint("agendas", __name__, url_prefix="/meeting/agendas",
               template_folder="templates")


def _meetings_to_come(moment: datetime) -> list[Milestone]:
    """The calendar's meetings whose day has not ended, soonest first."""
    current = negotiation()
    zone = current.zone
    found = db().scalars(select(Milestone).where(
        Milestone.negotiation_id == current.id, Milestone.kind == MilestoneKind.MEETING,
        Milestone.removed_at.is_(None)).order_by(Milestone.at))
    today = moment.astimezone(zone).date()
    return [m for m in found if m.at.astimezone(zone).date() >= today]


@bp.app_template_global()
def agenda_publication() -> dict[str, Any]:
    """What the meeting page's block shows: the latest agenda published, and the meetings
    the chair may publish one for (read only where the block is included)."""
    published = published_agendas(db(), negotiation())
    chairs = current_user.is_authenticated and current_user.role == Role.CHAIR
    return dict(latest=published[0] if published else None, count=len(published),
                meetings=_meetings_to_come(now()) if chairs else [], chairs=chairs)


def _index(error: str = "", status: int = 200) -> tuple[str, int]:
    current = negotiation()
    return render_template("agendas/index.html", negotiation=current,
                           agendas=published_agendas(db(), current),
                           meetings=_meetings_to_come(now())
                           if current_user.role == Role.CHAIR else [],
                           error=error), status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """Every agenda published, the newest first."""
    return _index()


@bp.get("/<int:number>")
@login_required
def show(number: int) -> tuple[str, int]:
    """One agenda as published: its items in order, and what it changed from the one it
    replaced."""
    session, current = db(), negotiation()
    agenda = agenda_numbered(session, current, number)
    if agenda is None:
        abort(404)
    before = replaced(session, agenda)
    return render_template(
        "agendas/show.html", negotiation=current, agenda=agenda, before=before,
        after=replaced_by(session, agenda),
        changes=changes_between(before.items, agenda.items) if before else None), 200


@bp.post("/")
@roles_required(Role.CHAIR)
def publish() -> Response | tuple[str, int]:
    """Publish the chosen meeting's agenda as the order of consideration stands now;
    everyone taking part is told."""
    session, current = db(), negotiation()
    meeting_id = parse_id(request.form.get("meeting"))
    meeting = session.get(Milestone, meeting_id) if meeting_id else None
    if meeting is None or meeting.negotiation_id != current.id:
        return _index(gettext("Choose a meeting of this negotiation's calendar."), 422)
    try:
        agenda = publish_agenda(session, current, actor(), meeting, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        reset()
        return _index(refusal(exc), status_for(exc))
    flash(gettext("Agenda no. %(number)s published for %(meeting)s; everyone taking part is "
                  "told.", number=agenda.number, meeting=meeting.title), "success")
    return redirect(url_for("agendas.show", number=agenda.number), 303)


@bp.app_template_global()
def paragraph_state_label(value: str) -> str:
    """A paragraph state kept as its value ("consensus") named in the reader's language."""
    return gettext(ParagraphState(value).label)
