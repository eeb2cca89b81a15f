"""The home page: the negotiation at a glance."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from negotiation.calendar.deadlines import has_submission_deadline, late_leaves, upcoming
from negotiation.draft.capcheck import cap_reports
from negotiation.draft.circulation import revisions_of
from negotiation.draft.drafting import numbering_of
from negotiation.enums import MilestoneKind, Role
from negotiation.errors import NegotiationError, NotPermitted
from negotiation.notices.visits import since_last_visit
from negotiation.people.appointments import close_negotiation
from negotiation.proposals.invitations import invitations_to
from negotiation.record.queries import progress, proposals_of_delegation
from negotiation.setup.calendar import recent_moves
from web.plumbing.access import actor, negotiation, now, roles_required
from web.plumbing.dbsession import db
from web.plumbing.errors import status_for
from web.words.languages import refusal

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index() -> str:
    """Next deadline, progress by state, caps per section and, for a delegate, its proposals."""
    return _page()


def _page(close_error: str = "", close_reason: str = "") -> str:
    session, current, moment = db(), negotiation(), now()
    numbering = numbering_of(session, current.id)  # the caps and the labels, from one read
    coming = upcoming(session, current, moment)
    deadline = next((m for m in coming if m.kind is MilestoneKind.SUBMISSION_DEADLINE), None)
    own = []
    my_leaves = []
    invitations = []
    if current_user.delegation is not None:
        own = proposals_of_delegation(session, current, current_user.delegation.id)
        invitations = invitations_to(session, current, current_user.delegation.id)
        my_leaves = [leave for leave in late_leaves(session, current)
                     if leave.delegation_id == current_user.delegation.id
                     and leave.until > moment]
    since = since_last_visit(session, current_user.account.id, current.id,
                             current_user.delegation.id if current_user.delegation else None,
                             moment, current_user.role)
    return render_template(
        "home/index.html",
        since=since,
        negotiation=current,
        now=moment,
        deadline=deadline,
        deadline_set=deadline is not None or has_submission_deadline(session, current),
        coming=coming[:5],
        progress=progress(session, current),
        caps=cap_reports(session, current, moment, numbering),
        revisions=revisions_of(session, current),
        own=own,
        invitations=invitations,
        my_leaves=my_leaves,
        moves=recent_moves(session, current, moment),
        label_of=numbering.label_of,
        close_error=close_error,
        close_reason=close_reason,
    )


@bp.post("/close")
@roles_required(Role.ADMIN, Role.CHAIR)
def close() -> Response | tuple[str, int]:
    """Close the cycle: from now on it is an archive that accepts no change. A refused
    reason comes back beside the form, as typed."""
    current = negotiation()
    reason = request.form.get("reason", "")
    try:
        close_negotiation(db(), current, actor(), now(), reason)
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return _page(refusal(exc), reason), status_for(exc)
    flash(gettext("%(committee)s %(cycle)s is closed; it stays readable as an archive.",
                  committee=current.committee, cycle=current.cycle), "success")
    return redirect(url_for("home.index"), 303)
