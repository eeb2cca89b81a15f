"""The draft: sections in order, filters, live search, and one paragraph's page."""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask_login import login_required
from sqlalchemy import select

from negotiation.drafting import sections_of
from negotiation.models import Delegation, Paragraph
from web.access import negotiation, now
from web.dbsession import db
from web.draftview import STATE_CHOICES, Filters, draft_view
from web.paragraphpage import render_paragraph
from web.rendering import render

bp = Blueprint("draft", __name__, url_prefix="/draft")


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """The whole draft; htmx asks for the list alone as the reader types or picks a filter."""
    session, current = db(), negotiation()
    filters = Filters(
        state=request.args.get("state", ""),
        section=request.args.get("section", ""),
        delegation=request.args.get("delegation", ""),
        q=request.args.get("q", "").strip(),
    )
    return render(
        "draft/index.html", "draft/_paragraphs.html",
        negotiation=current,
        view=draft_view(session, current, filters, now()),
        filters=filters,
        states=STATE_CHOICES,
        sections=sections_of(session, current),
        delegations=list(session.scalars(select(Delegation).order_by(Delegation.name_en))),
    )


@bp.get("/paragraph/<int:paragraph_id>")
@login_required
def paragraph(paragraph_id: int) -> tuple[str, int]:
    """A paragraph with its versions, the proposals on it and the forms the reader may use."""
    found = db().get(Paragraph, paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return render_paragraph(found)
