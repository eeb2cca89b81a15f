"""The chair's desk: triage section by section, compromise texts, decisions, revisions."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from werkzeug.wrappers import Response

from negotiation.chairing.decisions import decide, triage_section
from negotiation.chairing.proposal_decisions import accept_proposal, set_aside, write_compromise
from negotiation.draft.circulation import circulate_revision, revisions_of
from negotiation.draft.drafting import name_in_draft
from negotiation.draft.lifecycle import paragraph_events_from
from negotiation.enums import ParagraphState, Role
from negotiation.errors import (
    DraftChanged,
    NeedsConfirmation,
    NegotiationError,
    NotPermitted,
    StaleEdit,
)
from negotiation.models import Amendment, Paragraph, Section
from negotiation.text.languages import N_
from web.chairing.deskview import desk_view
from web.draft.circulating import confirmation_page
from web.draft.paragraphpage import (
    act_on_proposal,
    paragraph_for_change,
    proposal_for_change,
    render_paragraph,
    seen_state,
)
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db, lock_for_change, reset
from web.plumbing.errors import status_for
from web.plumbing.redirects import redirect_back
from web.plumbing.requestvalues import form_id, form_ids
from web.words.languages import refusal
from web.words.timefmt import capitalize_first
from web.words.wording import in_words, name_on_page

bp = Blueprint("chair", __name__, url_prefix="/chair", template_folder="templates")

#: Events the chair fires from the desk, with the button's words (in English: the page
#: shows them in its reader's language).
EVENT_LABELS = {
    "find_consensus": N_("Consensus in principle"),
    "mark_amended": N_("Modifications proposed"),
    "return_to_consultations": N_("Return to informal consultations"),
    "resume": N_("Resume from consultations"),
    "reopen": N_("Reopen"),
    "delete_by_agreement": N_("Delete by agreement"),
    "approve": N_("Approve"),
}
#: Events that must carry a reason (kept in the record), with the words that name the
#: reason's field for a screen reader: a whole phrase each, as a language words it.
NEEDS_REASON = {
    "return_to_consultations": N_("Reason to return to informal consultations"),
    "reopen": N_("Reason to reopen"),
    "delete_by_agreement": N_("Reason to delete by agreement"),
}


def chair_events(paragraph: Paragraph) -> list[tuple[str, str, str]]:
    """(event, label, the name of its reason's field or "" when it needs no reason) the
    machine knows from the paragraph's state."""
    return [(e, EVENT_LABELS[e], NEEDS_REASON.get(e, ""))
            for e in paragraph_events_from(paragraph.state) if e in EVENT_LABELS]


@bp.app_context_processor
def _chair_helpers() -> dict[str, object]:
    return {"chair_events": chair_events}


@bp.get("/")
@roles_required(Role.CHAIR)
def index() -> tuple[str, int]:
    """Triage: each section's paragraphs with the proposals on them, and the revisions."""
    return _desk()


def _desk(status: int = 200, **extra: object) -> tuple[str, int]:
    session, current = db(), negotiation()
    section_code = request.args.get("section", "")
    return render_template(
        "chair/index.html", negotiation=current,
        view=desk_view(session, current, section_code, now(),
                       current_app.config["DRAFT_FIRST_ROWS"]),
        revisions=revisions_of(session, current), section_code=section_code, **extra,
    ), status


@bp.post("/section/<int:section_id>/triage")
@roles_required(Role.CHAIR)
def triage(section_id: int) -> Response | tuple[str, int]:
    """Put the section's untouched paragraphs into consensus in principle."""
    # Two chairs triaging one section at once: the second waits, then finds nothing left.
    lock_for_change(Section, section_id)
    section = db().get(Section, section_id)
    if section is None or section.negotiation_id != negotiation().id:
        abort(404)
    try:
        moved = triage_section(db(), negotiation(), actor(), section, now())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        flash(refusal(exc), "error")
        return redirect(url_for("chair.index", section=section.code), 303)
    if not moved:
        flash(gettext("%(section)s has no paragraph left to triage: it was triaged already.",
                      section=section.title), "success")
        return redirect(url_for("chair.index", section=section.code), 303)
    consensus = moved.get(ParagraphState.CONSENSUS, 0)
    amended = moved.get(ParagraphState.AMENDED, 0)
    if amended:
        flash(ngettext("%(section)s: %(num)d paragraph put into consensus in principle, "
                       "%(amended)d marked as having proposed modifications; comments and "
                       "supports stay beside their paragraphs.",
                       "%(section)s: %(num)d paragraphs put into consensus in principle, "
                       "%(amended)d marked as having proposed modifications; comments and "
                       "supports stay beside their paragraphs.",
                       consensus, section=section.title, amended=amended), "success")
    else:
        flash(ngettext("%(section)s: %(num)d paragraph put into consensus in principle; "
                       "comments and supports stay beside their paragraphs.",
                       "%(section)s: %(num)d paragraphs put into consensus in principle; "
                       "comments and supports stay beside their paragraphs.",
                       consensus, section=section.title), "success")
    return redirect(url_for("chair.index", section=section.code) + f"#section-{section.code}", 303)


@bp.post("/paragraph/<int:paragraph_id>/decide")
@roles_required(Role.CHAIR)
def decide_paragraph(paragraph_id: int) -> Response | tuple[str, int]:
    """Fire one of the chair's events on a paragraph (reason when the event needs one)."""
    paragraph = paragraph_for_change(paragraph_id)
    event = request.form.get("event", "")
    if event not in EVENT_LABELS:
        abort(400)
    try:
        notices = decide(db(), negotiation(), actor(), paragraph, event, now(),
               reason=request.form.get("reason", ""),
               override_reason=request.form.get("override_reason", ""), seen=seen_state())
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(paragraph, errors={"decide": refusal(exc)},
                                status=status_for(exc))
    name = capitalize_first(in_words(name_in_draft(db(), paragraph)))
    flash(gettext("%(paragraph)s: %(state)s.", paragraph=name,
                  state=gettext(paragraph.state.label).lower()), "success")
    for notice in notices:
        flash(gettext(notice), "warning")
    return redirect_back(request.form.get("back"), "draft.paragraph", paragraph_id=paragraph.id)


@bp.post("/paragraph/<int:paragraph_id>/compromise")
@roles_required(Role.CHAIR)
def compromise(paragraph_id: int) -> Response | tuple[str, int]:
    """The chair's compromise text: a new version settling the proposals ticked."""
    paragraph = paragraph_for_change(paragraph_id)
    kept = {k: request.form.get(k, "") for k in ("text", "note", "written_on")}
    settles = [a for a in (db().get(Amendment, i) for i in form_ids("settles"))
               if a is not None]
    try:
        version = write_compromise(
            db(), negotiation(), actor(), paragraph, kept["text"], now(),
            written_on=form_id("written_on") or 0, settles=settles,
            note=kept["note"],
        )
    except StaleEdit as exc:
        return render_paragraph(paragraph, errors={"compromise": refusal(exc)}, kept=kept,
                                stale=exc, status=409)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(paragraph, errors={"compromise": refusal(exc)}, kept=kept,
                                status=status_for(exc))
    flash(gettext("Compromise text saved as version %(number)s.", number=version.number),
          "success")
    return redirect(url_for("draft.paragraph", paragraph_id=paragraph.id), 303)


@bp.post("/proposal/<int:amendment_id>/accept")
@roles_required(Role.CHAIR)
def accept(amendment_id: int) -> Response | tuple[str, int]:
    """Accept a modification (its text becomes the paragraph's) or a request to delete."""
    amendment = proposal_for_change(amendment_id)
    return act_on_proposal(
        amendment,
        lambda: accept_proposal(db(), negotiation(), actor(), amendment, now()),
        gettext("Proposal %(number)s of %(delegation)s accepted.", number=amendment.number,
                delegation=name_on_page(amendment.delegation)),
    )


@bp.post("/proposal/<int:amendment_id>/set-aside", endpoint="set_aside")
@roles_required(Role.CHAIR)
def set_aside_proposal(amendment_id: int) -> Response | tuple[str, int]:
    """Do not retain a proposal, with the reason."""
    amendment = proposal_for_change(amendment_id)
    reason = request.form.get("reason", "")
    return act_on_proposal(
        amendment,
        lambda: set_aside(db(), negotiation(), actor(), amendment, reason, now()),
        gettext("Proposal %(number)s of %(delegation)s not retained.",
                number=amendment.number, delegation=name_on_page(amendment.delegation)),
    )


@bp.get("/circulate")
@roles_required(Role.CHAIR)
def confirm_circulation() -> tuple[str, int]:
    """What the next revision would send out; nothing is circulated from this page."""
    return confirm_circulation_of(request.args.get("note", ""),
                                  request.args.get("renumber") == "yes")


@bp.post("/circulate")
@roles_required(Role.CHAIR)
def circulate() -> Response | tuple[str, int]:
    """Freeze the draft as it stands into the next revision: the one the confirmation page
    named, as that page showed it (its stamp); a post without one gets the page first."""
    note = request.form.get("note", "")
    renumber = request.form.get("renumber") == "yes"
    stamp = request.form.get("stamp", "")
    if not stamp:
        return confirm_circulation_of(note, renumber)
    number = request.form.get("number", "")
    expected = int(number) if number.isascii() and number.isdigit() and len(number) < 6 \
        else None
    try:
        revision = circulate_revision(db(), negotiation(), actor(), now(), note=note,
                                      expected_number=expected, renumber=renumber,
                                      confirmed=request.form.get("confirm") == "yes",
                                      stamp=stamp)
    except (DraftChanged, NeedsConfirmation) as exc:
        # The confirmation again, for the draft as it is now.
        reset()
        return confirm_circulation_of(note, renumber, error=refusal(exc), status=409)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        # The desk is drawn again from the database as the refusal left it, never from what
        # the refused act had begun to write in this request.
        reset()
        flash(refusal(exc), "error")
        return _desk(status_for(exc))
    flash(gettext("%(symbol)s circulated.", symbol=revision.symbol), "success")
    return redirect(url_for("chair.index"), 303)


def confirm_circulation_of(note: str, renumber: bool, error: str = "",
                           status: int = 200) -> tuple[str, int]:
    return confirmation_page("chair.circulate", url_for("chair.index") + "#revisions",
                             note=note, renumber=renumber, error=error, status=status)
