"""Meeting mode: the agenda in the order of consideration, approved or deferred in one click,
followed live by every open page (htmx polls; nothing is sent when nothing changed)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import login_required
from werkzeug.wrappers import Response

from negotiation.chairing.decisions import decide
from negotiation.draft.drafting import name_in_draft
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.record.queries import last_record_id, progress
from web.chairing.meetingview import GROUPS, Agenda, meeting_agenda
from web.draft.paragraphpage import paragraph_for_change, seen_state
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.rendering import render, wants_fragment
from web.plumbing.requestvalues import arg_id, parse_id, section_markers
from web.words.languages import refusal
from web.words.timefmt import capitalize_first, page_language
from web.words.wording import in_words

bp = Blueprint("meeting", __name__, url_prefix="/meeting", template_folder="templates")

DEFER_REASON = "Deferred in the meeting: returned to informal consultations"


def _agenda() -> Agenda:
    # Every screen of the room polls this page: it reads the draft's places once, as plain
    # rows, in a fixed number of queries; a long agenda shows its next items in full and
    # lists the others a page at a time (a poll or decision sends the page it shows).
    return meeting_agenda(db(), negotiation(), current_app.config["DRAFT_FIRST_ROWS"],
                          page=parse_id(request.values.get("page")) or 1,
                          per_page=current_app.config["MEETING_ITEMS_PER_PAGE"],
                          language=page_language())


@dataclass(frozen=True)
class Outcome:
    """What the chair's decision came to: a confirmation, or a refusal shown at its item
    with the reason the chair typed kept."""

    confirmation: str = ""
    error: str = ""
    error_paragraph: int | None = None
    override_reason: str = ""


def _agenda_context(agenda: Agenda | None = None,
                    outcome: Outcome = Outcome()) -> dict[str, object]:
    session, current = db(), negotiation()
    agenda = agenda or _agenda()
    return dict(
        negotiation=current,
        agenda=agenda,
        groups=GROUPS,
        # Each agenda item links to its paragraph and posts to the meeting: the addresses
        # are made once, not twice per item and form.
        meeting_base=url_for("meeting.index"),
        paragraph_base=url_for("draft.index") + "paragraph/",
        outcome=outcome,
        progress=agenda.progress or progress(session, current),
        seen=last_record_id(session, current),
    )


def _what_changed(whole: str, outcome: Outcome = Outcome(),
                  status: int = 200) -> Response | tuple[str, int]:
    """For a page that sent its markers: the sections of the agenda whose marker changed
    (and that of a refused item, to show why), in place; else the ``whole`` fragment,
    retargeted to replace what the page shows."""
    agenda, shown = _agenda(), section_markers()
    context = _agenda_context(agenda, outcome)
    if shown and request.values.get("shape") == agenda.shape:
        changed = [block for block in agenda.blocks
                   if shown.get(str(block.section.id)) != block.marker
                   or any(row.paragraph_id == outcome.error_paragraph for row in block.items)]
        template = "meeting/_changes.html" if request.method == "GET" \
            else "meeting/_decision.html"
        return render_template(template, changed=changed, **context), status
    target = "#agenda" if request.method == "GET" else "#meeting-live"
    return Response(render_template(whole, **context), status,
                    mimetype="text/html",
                    headers={"HX-Retarget": target, "HX-Reswap": "outerHTML"})


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """The meeting's agenda; the chair's page has the buttons, everyone's follows live."""
    return render("meeting/index.html", "meeting/_live.html", **_agenda_context())


@bp.get("/agenda")
@login_required
def agenda() -> Response | tuple[str, int]:
    """The agenda alone, for polling: 204 (htmx keeps the page) when nothing happened since,
    else the sections whose items changed for this reader, or the whole agenda when its
    shape changed."""
    seen = arg_id("seen")
    if seen is not None and seen == last_record_id(db(), negotiation()):
        return Response(status=204)
    if not wants_fragment():
        return redirect(url_for("meeting.index"), 303)
    return _what_changed("meeting/_agenda.html")


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
        refused = Outcome(error=refusal(exc), error_paragraph=paragraph.id,
                          override_reason=request.form.get("override_reason", ""))
        if wants_fragment():
            return _what_changed("meeting/_live.html", refused, status_for(exc))
        return render_template("meeting/index.html", **_agenda_context(outcome=refused)), \
            status_for(exc)
    name = in_words(name_in_draft(db(), paragraph))
    decided = gettext("%(paragraph)s (%(section)s): %(state)s.",
                      paragraph=capitalize_first(name), section=paragraph.section.title,
                      state=gettext(paragraph.state.label).lower())
    confirmation = " ".join([decided, *(gettext(notice) for notice in notices)])
    if wants_fragment():
        return _what_changed("meeting/_live.html", Outcome(confirmation=confirmation))
    flash(confirmation, "success")
    return redirect(url_for("meeting.index") + "#agenda", 303)
