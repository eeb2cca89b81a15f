"""The draft: sections in order, filters, live search, and one paragraph's page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.models import Section
from negotiation.record.queries import last_record_id
from web.draft.draftpage import draft_page, section_page
from web.draft.pageparts import STATE_CHOICES, Filters
from web.draft.paragraphpage import paragraph_for_page, render_paragraph
from web.plumbing.access import negotiation, now
from web.plumbing.dbsession import db
from web.plumbing.rendering import render, wants_fragment
from web.plumbing.requestvalues import arg_id, section_markers

bp = Blueprint("draft", __name__, url_prefix="/draft", template_folder="templates")


def _filters() -> Filters:
    return Filters(
        state=request.args.get("state", ""),
        section=request.args.get("section", ""),
        delegation=request.args.get("delegation", ""),
        q=request.args.get("q", "").strip(),
    )


@bp.get("/")
@login_required
def index() -> Response | tuple[str, int]:
    """The whole draft, long drafts section by section; htmx asks for the list alone as the
    reader types or picks a filter, and polls so the page follows the meeting: 204 when
    nothing happened since, else only the sections whose content changed for this reader."""
    session, current = db(), negotiation()
    filters = _filters()
    seen = last_record_id(session, current)
    polled = wants_fragment() and "seen" in request.args
    if polled and arg_id("seen") == seen:
        return Response(status=204)
    markers = section_markers()
    listed = _section_page()
    page = draft_page(session, current, filters, now(),
                      first_rows=current_app.config["DRAFT_FIRST_ROWS"], in_full=markers,
                      page=listed, per_page=current_app.config["DRAFT_SECTIONS_PER_PAGE"])
    filter_args = filters.args()
    # A later page of a long draft's sections polls for that page.
    paged = {"page": listed} if listed > 1 and not filters.any else {}
    context = dict(
        negotiation=current, draft=page, filters=filters, filter_args=filter_args,
        states=STATE_CHOICES, poll_url=url_for("draft.index", **filter_args, **paged,
                                               seen=seen),
    )
    if polled and markers:
        changed = [sv for sv in page.sections
                   if sv.section.code in markers and markers[sv.section.code] != sv.marker]
        return render_template("draft/_changes.html", changed=changed, **context), 200
    if polled:
        # A page showing no section (nothing matched) gets its whole list again.
        body = render_template("draft/_paragraphs.html", **context)
        return Response(body, mimetype="text/html",
                    headers={"HX-Retarget": "#draft-body",
                                       "HX-Reswap": "outerHTML"})
    return render("draft/index.html", "draft/_paragraphs.html", **context)


def _section_page() -> int:
    """Which page of a long draft's sections the reader asked for (the first by default)."""
    return arg_id("page") or 1


@bp.get("/sections/<int:page>")
@login_required
def sections(page: int) -> Response | tuple[str, int]:
    """The next page of a long draft's sections, named only, as the reader scrolls past the
    last one listed (each then arrives in full as the reader gets to it); without htmx,
    the draft page listing them."""
    if not wants_fragment():
        return redirect(url_for("draft.index", page=page), 303)
    listed = draft_page(db(), negotiation(), Filters(), now(), first_rows=0, page=page,
                        per_page=current_app.config["DRAFT_SECTIONS_PER_PAGE"])
    return render_template("draft/_next_sections.html", draft=listed, filter_args={},
                           draft_base=url_for("draft.index")), 200


@bp.get("/section/<code>")
@login_required
def section(code: str) -> Response | tuple[str, int]:
    """One section of the draft, as a long draft's page fetches it when the reader gets
    there; without htmx, the draft filtered to that section."""
    session, current = db(), negotiation()
    found = session.scalars(select(Section).where(Section.negotiation_id == current.id,
                                                  Section.code == code)).first()
    if found is None:
        abort(404)
    filters = _filters()
    if not wants_fragment():
        return redirect(url_for("draft.index", **dict(filters.args(), section=code)), 303)
    return render_template(
        "draft/_section.html", sv=section_page(session, current, found, filters, now()),
        filter_args=filters.args(),
    ), 200


@bp.get("/paragraph/<int:paragraph_id>")
@login_required
def paragraph(paragraph_id: int) -> tuple[str, int]:
    """A paragraph with its versions, the proposals on it and the forms the reader may use."""
    found = paragraph_for_page(db(), paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return render_paragraph(found)
