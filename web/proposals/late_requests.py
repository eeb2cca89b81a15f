"""A delegation asks the chair for late leave after the deadline, for one paragraph, one
section or the whole draft, and follows the answers to its requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from negotiation.calendar.late_requests import (
    ask_late_leave,
    late_requests,
    meeting_over,
    meetings_of,
)
from negotiation.draft.drafting import numbering_of
from negotiation.enums import Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.models import LateLeaveRequest, Paragraph, Section
from negotiation.text.languages import N_
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.plumbing.requestvalues import parse_id
from web.words.languages import refusal

#: The refusal of anyone else (the domain refuses in the same words).
ONLY_DELEGATIONS = N_("Only a delegation may ask for late leave.")

bp = Blueprint("late_requests", __name__, url_prefix="/late-leave",
               template_folder="templates")


@dataclass(frozen=True)
class Choice:
    """One thing a request may be for, as the form's list offers it: "s:12" a section,
    "p:345" a paragraph (its number in the draft and kind for its name), "" the draft."""

    value: str
    section: Section
    label: str = ""
    paragraph: Paragraph | None = None


def _choices() -> list[tuple[Section, list[Choice]]]:
    """Each section, then its paragraphs in draft order, from the draft's numbering (one
    read of small rows) and the sections."""
    session, current = db(), negotiation()
    numbering = numbering_of(session, current.id)
    paragraphs = {p.id: p for p in session.query(Paragraph).filter(
        Paragraph.id.in_([row.id for row in numbering.rows]))} if numbering.rows else {}
    return [(section, [Choice(f"p:{row.id}", section, numbering.label_of.get(row.id, ""),
                              paragraphs[row.id])
                       for row in numbering.section_rows(section) if row.id in paragraphs])
            for section in current.sections]


def labelled(asked: LateLeaveRequest) -> str:
    """The request's paragraph's number in the draft as it stands ("" for none)."""
    if asked.paragraph_id is None:
        return ""
    return numbering_of(db(), negotiation().id).label_of.get(asked.paragraph_id, "")


def _page(errors: dict[str, str] | None = None, form: dict[str, str] | None = None,
          status: int = 200) -> tuple[str, int]:
    session, current = db(), negotiation()
    delegation = current_user.delegation
    mine = late_requests(session, current, delegation.id) if delegation else []
    meetings = meetings_of(session, current)
    numbering = numbering_of(session, current.id).label_of
    return render_template(
        "late_requests/index.html", negotiation=current, choices=_choices(), requests=mine,
        labels=numbering, errors=errors or {}, form=form or {},
        lapsed={r.id for r in mine if r.pending and meeting_over(
            meetings, current, r.section_id, now()) is not None},
    ), status


@bp.get("/")
@login_required
def index() -> Response | tuple[str, int]:
    """The delegation's requests and the form to ask; the chair and the secretariat answer
    and read them on the late submissions page."""
    if current_user.role in (Role.CHAIR, Role.SECRETARIAT):
        return redirect(url_for("late.index"), 303)
    if current_user.delegation is None:
        abort(403, gettext(ONLY_DELEGATIONS))
    # The paragraph page's link names the paragraph: the form comes with it chosen.
    return _page(form={"scope": request.args.get("scope", ""), "reason": ""})


def _scope(value: str) -> tuple[Section | None, Paragraph | None, str | None]:
    """The section or paragraph the form's "for" names, or the error to show beside it."""
    session, current = db(), negotiation()
    if not value:
        return None, None, None
    kind, _, ident = value.partition(":")
    found_id = parse_id(ident)
    if kind == "s" and found_id:
        section = session.get(Section, found_id)
        if section is not None and section.negotiation_id == current.id:
            return section, None, None
    if kind == "p" and found_id:
        paragraph = session.get(Paragraph, found_id)
        if paragraph is not None and paragraph.section.negotiation_id == current.id:
            return paragraph.section, paragraph, None
    return None, None, gettext("Choose a paragraph or a section of this draft, or the whole "
                               "draft.")


@bp.post("/")
@roles_required(Role.DELEGATION, refusal=ONLY_DELEGATIONS)
def ask() -> Response | tuple[str, int]:
    """Ask the chair for late leave, with the delegation's reason."""
    session, current = db(), negotiation()
    form = {k: request.form.get(k, "").strip() for k in ("scope", "reason")}
    section, paragraph, problem = _scope(form["scope"])
    if problem:
        return _page({"scope": problem}, form, 422)
    label = ""
    if paragraph is not None:
        label = numbering_of(session, current.id).label_of.get(paragraph.id, "")
    try:
        ask_late_leave(session, current, actor(), form["reason"], now(), section=section,
                       paragraph=paragraph, paragraph_label=label)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page({"reason": refusal(exc)}, form, status_for(exc))
    flash(gettext("Your request was sent to the chair. You will be told the answer here, on "
                  "your home page and by e-mail."), "success")
    return redirect(url_for("late_requests.index"), 303)


@bp.app_template_global()
def late_requests_for_home() -> dict[str, Any]:
    """The home page's block: a delegation's requests waiting or answered, the chair's count
    of requests to answer (read only where the block is included)."""
    session, current = db(), negotiation()
    delegation = current_user.delegation
    if delegation is not None:
        mine = late_requests(session, current, delegation.id)
        return dict(mine=mine[:5], waiting=0,
                    labels=numbering_of(session, current.id).label_of if mine else {})
    if current_user.role in (Role.CHAIR, Role.SECRETARIAT):
        waiting = session.scalar(select(func.count()).select_from(LateLeaveRequest).where(
            LateLeaveRequest.negotiation_id == current.id,
            LateLeaveRequest.decision.is_(None))) or 0
        return dict(mine=[], waiting=waiting, labels={})
    return dict(mine=[], waiting=0, labels={})
