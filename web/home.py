"""The home page: the negotiation at a glance."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from negotiation.capcheck import cap_reports
from negotiation.circulation import revisions_of
from negotiation.deadlines import upcoming
from negotiation.drafting import labels, paragraphs_of
from negotiation.enums import MilestoneKind
from negotiation.queries import progress, proposals_of_delegation
from negotiation.setup.calendar import recent_moves
from web.access import negotiation, now
from web.dbsession import db

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index() -> str:
    """Next deadline, progress by state, caps per section and, for a delegate, its proposals."""
    session, current, moment = db(), negotiation(), now()
    coming = upcoming(session, current, moment)
    deadline = next((m for m in coming if m.kind is MilestoneKind.SUBMISSION_DEADLINE), None)
    own = []
    if current_user.delegation is not None:
        own = proposals_of_delegation(session, current, current_user.delegation.id)
    return render_template(
        "home/index.html",
        negotiation=current,
        now=moment,
        deadline=deadline,
        coming=coming[:5],
        progress=progress(session, current),
        caps=cap_reports(session, current, moment),
        revisions=revisions_of(session, current),
        own=own,
        moves=recent_moves(session, current, moment),
        label_of=labels(paragraphs_of(session, current)),
    )
