"""One paragraph's page, shared by the reading view and by forms that failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from werkzeug.wrappers import Response

from negotiation.capcheck import section_report
from negotiation.deadlines import applicable_deadline, late_leave_in_force, open_before
from negotiation.diffs import Change, diff_from_json
from negotiation.drafting import label_of, spoken_name
from negotiation.errors import NegotiationError, NotPermitted, StaleEdit
from negotiation.models import Amendment, AmendmentSupport, Paragraph, Section
from negotiation.submissions import OPEN_TO_PROPOSALS
from web.access import negotiation, now
from web.dbsession import db
from web.errors import status_for


def submission_window(section: Section) -> dict[str, Any]:
    """What a delegate needs where it acts: the deadline that applies to the section, whether
    it is still open (or open to this delegation by the chair's late leave), and the
    section's cap count."""
    session, current, moment = db(), negotiation(), now()
    delegation = current_user.delegation
    deadline = applicable_deadline(session, current, section)
    late_leave = late_leave_in_force(session, current, section,
                                     delegation.id if delegation else None, moment)
    cap = section_report(session, current, section, moment)
    return dict(
        deadline=deadline,
        late_leave=late_leave,
        in_time=open_before(deadline, moment),
        submissions_open=open_before(deadline, moment) or late_leave is not None,
        section_cap=cap,
        now=moment,
    )


def paragraph_for_page(session: Session, paragraph_id: int) -> Paragraph | None:
    """The paragraph with what its page shows of it (section, proposer, chapeau, every
    version), in one query."""
    return session.scalars(
        select(Paragraph).where(Paragraph.id == paragraph_id)
        .options(joinedload(Paragraph.section), joinedload(Paragraph.proposer_delegation),
                 joinedload(Paragraph.parent), joinedload(Paragraph.versions))
    ).unique().first()


def _proposals(session: Session, paragraph: Paragraph) -> list[Amendment]:
    """Every proposal on the paragraph, oldest first, with their delegations and who joined
    them, in one query (the versions they were written on are the paragraph's own)."""
    return list(session.scalars(
        select(Amendment).where(Amendment.paragraph_id == paragraph.id)
        .options(joinedload(Amendment.delegation),
                 joinedload(Amendment.supports).joinedload(AmendmentSupport.delegation),
                 selectinload(Amendment.replies))
        .order_by(Amendment.submitted_at, Amendment.id)
    ).unique())


def render_paragraph(
    paragraph: Paragraph,
    *,
    errors: dict[str, str] | None = None,
    kept: dict[str, str] | None = None,
    stale: StaleEdit | None = None,
    live_diff: list[Change] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """The paragraph page; a refused form comes back with its message and the input kept."""
    session, current = db(), negotiation()
    proposals = _proposals(session, paragraph)
    label = label_of(session, paragraph)
    delegation = current_user.delegation
    context: dict[str, Any] = dict(
        negotiation=current,
        paragraph=paragraph,
        label=label,
        spoken=spoken_name(paragraph, label),
        proposals=proposals,
        diffs={a.id: diff_from_json(a.diff) for a in proposals if a.diff},
        takes_proposals=paragraph.state in OPEN_TO_PROPOSALS,
        my_delegation_id=delegation.id if delegation else None,
        errors=errors or {},
        kept=kept or {},
        stale=stale,
        live_diff=live_diff,
        section=paragraph.section,
        **submission_window(paragraph.section),
    )
    return render_template("draft/paragraph.html", **context), status


def act_on_proposal(
    amendment: Amendment, act: Callable[[], object], done: str
) -> Response | tuple[str, int]:
    """Run a domain act on a proposal: back to its paragraph with a message, or the page
    again with the refusal beside the proposal (a role's refusal stays a 403 page)."""
    try:
        act()
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(amendment.paragraph,
                                errors={f"proposal-{amendment.id}": str(exc)},
                                status=status_for(exc))
    flash(done, "success")
    return redirect(url_for("draft.paragraph", paragraph_id=amendment.paragraph_id), 303)
