"""Meeting mode: the agenda in the order of consideration, approved or deferred in one click,
followed live by every open page (htmx polls; nothing is sent when nothing changed)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

from negotiation.agenda import DECIDED, PENDING, ordered_for_consideration
from negotiation.chairing import decide
from negotiation.drafting import name_in_draft
from negotiation.draftrows import live_rows
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.queries import last_record_id, progress
from negotiation.tabled import views_on
from web.access import actor, negotiation, now, roles_required
from web.dbsession import db
from web.errors import status_for
from web.paragraphpage import paragraph_for_change, seen_state
from web.rendering import render, wants_fragment
from web.requestvalues import arg_id
from web.timefmt import capitalize_first

bp = Blueprint("meeting", __name__, url_prefix="/meeting")

DEFER_REASON = "Deferred in the meeting: returned to informal consultations"


def _agenda_context(error: str = "", error_paragraph: int | None = None,
                    confirmation: str = "") -> dict[str, object]:
    session, current = db(), negotiation()
    # The draft as plain rows, and the proposals as the documents read them: every screen of
    # the room polls this page, so it reads the draft once, in a fixed number of queries.
    shown = live_rows(session, current, states=PENDING | DECIDED)
    agenda = ordered_for_consideration(shown)
    return dict(
        negotiation=current,
        agenda=agenda,
        decided=[row for row in shown if row.state in DECIDED],
        # A long agenda shows its next items in full; the meeting reaches the others later.
        proposals=views_on(session, current, agenda[:current_app.config["DRAFT_FIRST_ROWS"]]),
        # Each agenda item links to its paragraph and posts to the meeting: the addresses
        # are made once, not twice per item and form.
        meeting_base=url_for("meeting.index"),
        paragraph_base=url_for("draft.index") + "paragraph/",
        confirmation=confirmation,
        progress=progress(session, current),
        seen=last_record_id(session, current),
        error=error,
        error_paragraph=error_paragraph,
    )


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """The meeting's agenda; the chair's page has the buttons, everyone's follows live."""
    return render("meeting/index.html", "meeting/_live.html", **_agenda_context())


@bp.get("/agenda")
@login_required
def agenda() -> Response | tuple[str, int]:
    """The agenda alone, for polling: 204 (htmx keeps the page) when nothing happened since."""
    seen = arg_id("seen")
    if seen is not None and seen == last_record_id(db(), negotiation()):
        return Response(status=204)
    if not wants_fragment():
        return redirect(url_for("meeting.index"), 303)
    return render("meeting/index.html", "meeting/_agenda.html", **_agenda_context())


@bp.post("/paragraph/<int:paragraph_id>/<any(approve, defer):act>")
@roles_required(Role.CHAIR)
def act_on(paragraph_id: int, act: str) -> Response | tuple[str, int]:
    """Approve (in order, or out of order with the chair's reason) or defer a paragraph."""
    paragraph = paragraph_for_change(paragraph_id)
    notices: list[str] = []
    try:
        if act == "approve":
            notices = decide(db(), negotiation(), actor(), paragraph, "approve", now(),
                             override_reason=request.form.get("override_reason", ""),
                             seen=seen_state())
        else:
            decide(db(), negotiation(), actor(), paragraph, "return_to_consultations", now(),
                   reason=request.form.get("reason", "").strip() or DEFER_REASON,
                   seen=seen_state())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        db().rollback()
        context = _agenda_context(str(exc), paragraph.id)
        return render("meeting/index.html", "meeting/_live.html", status_for(exc), **context)
    name = name_in_draft(db(), paragraph)
    confirmation = " ".join([f"{capitalize_first(name)} ({paragraph.section.title}): "
                             f"{paragraph.state.label.lower()}.", *notices])
    if wants_fragment():
        return render("meeting/index.html", "meeting/_live.html",
                      **_agenda_context(confirmation=confirmation))
    flash(confirmation, "success")
    return redirect(url_for("meeting.index") + "#agenda", 303)
