"""The draft: sections in order, filters, live search, and one paragraph's page."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, request, url_for
from flask_login import login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from negotiation.drafting import sections_of
from negotiation.models import Delegation, Paragraph
from negotiation.queries import last_record_id
from web.access import negotiation, now
from web.dbsession import db
from web.draftview import STATE_CHOICES, Filters, draft_view
from web.paragraphpage import render_paragraph
from web.rendering import render, wants_fragment
from web.requestvalues import arg_id

bp = Blueprint("draft", __name__, url_prefix="/draft")


@bp.get("/")
@login_required
def index() -> Response | tuple[str, int]:
    """The whole draft; htmx asks for the list alone as the reader types or picks a filter,
    and polls it so the page follows the meeting (204 when nothing happened since)."""
    session, current = db(), negotiation()
    filters = Filters(
        state=request.args.get("state", ""),
        section=request.args.get("section", ""),
        delegation=request.args.get("delegation", ""),
        q=request.args.get("q", "").strip(),
    )
    seen = last_record_id(session, current)
    if wants_fragment() and arg_id("seen") == seen:
        return Response(status=204)
    return render(
        "draft/index.html", "draft/_paragraphs.html",
        negotiation=current,
        view=draft_view(session, current, filters, now()),
        filters=filters,
        states=STATE_CHOICES,
        sections=sections_of(session, current),
        delegations=list(session.scalars(select(Delegation).order_by(Delegation.name_en))),
        poll_url=url_for("draft.index", **{k: v for k, v in asdict(filters).items() if v},
                         seen=seen),
    )


@bp.get("/paragraph/<int:paragraph_id>")
@login_required
def paragraph(paragraph_id: int) -> tuple[str, int]:
    """A paragraph with its versions, the proposals on it and the forms the reader may use."""
    found = db().get(Paragraph, paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return render_paragraph(found)
