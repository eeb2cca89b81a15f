"""One paragraph's page, shared by the reading view and by forms that failed."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from flask import abort, flash, render_template, request
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, joinedload
from werkzeug.wrappers import Response

from negotiation.calendar.deadlines import applicable_deadline, late_leave_in_force, open_before
from negotiation.draft.capcheck import section_report
from negotiation.draft.drafting import Numbering, spoken_name
from negotiation.draft.sectionnumbers import SectionNumbering, section_numbering
from negotiation.enums import ParagraphState
from negotiation.errors import NegotiationError, NotPermitted, StaleEdit
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Paragraph,
    ParagraphVersion,
    Section,
)
from negotiation.proposals.invitations import invitable_delegations, invitations_on
from negotiation.proposals.submissions import OPEN_TO_PROPOSALS
from negotiation.text.diffs import Change, diff_from_json
from web.plumbing.access import negotiation, now
from web.plumbing.dbsession import db, lock_for_change, writing
from web.plumbing.errors import status_for
from web.plumbing.redirects import redirect_back
from web.words.languages import refusal
from web.words.wording import in_words


def submission_window(
    section: Section, numbering: Numbering | SectionNumbering | None = None,
    paragraph_id: int | None = None,
) -> dict[str, Any]:
    """What a delegate needs where it acts: the deadline that applies to the section, whether
    it is still open (or open to this delegation by the chair's late leave), and the
    section's cap count (from the draft's ``numbering``, when the page read it already)."""
    session, current, moment = db(), negotiation(), now()
    delegation = current_user.delegation
    deadline = applicable_deadline(session, current, section)
    late_leave = late_leave_in_force(session, current, section,
                                     delegation.id if delegation else None, moment, paragraph_id)
    cap = section_report(session, current, section, moment, numbering)
    return dict(
        deadline=deadline,
        late_leave=late_leave,
        in_time=open_before(deadline, moment) and not current.is_closed,
        # A closed cycle is an archive: no form invites what the server would refuse.
        submissions_open=not current.is_closed and (
            open_before(deadline, moment) or late_leave is not None),
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


def paragraph_for_change(paragraph_id: int) -> Paragraph:
    """The negotiation's paragraph a request acts on (else 404), as its page shows it; a
    writing request locks it first, so two acts on one paragraph run one after the other."""
    lock_for_change(Paragraph, paragraph_id)
    found = paragraph_for_page(db(), paragraph_id)
    if found is None or found.negotiation_id != negotiation().id:
        abort(404)
    return found


def paragraph_to_propose_on(paragraph_id: int) -> tuple[Paragraph, ParagraphVersion]:
    """The negotiation's paragraph a proposal is sent on (else 404), locked as
    :func:`paragraph_for_change` locks it, read with its section and its current version
    only: a proposal is checked and stored against that one text. A refused form's page
    reads the rest of what it shows."""
    lock_for_change(Paragraph, paragraph_id)
    found = db().execute(_with_current_version(), {"paragraph_id": paragraph_id}).first()
    if found is None or found[0].negotiation_id != negotiation().id:
        abort(404)
    return found[0], found[1]


@cache
def _with_current_version() -> Select[tuple[Paragraph, ParagraphVersion]]:
    """The query of :func:`paragraph_to_propose_on`, built once (building it costs more than
    running it)."""
    return (
        select(Paragraph, ParagraphVersion)
        .join(ParagraphVersion, ParagraphVersion.paragraph_id == Paragraph.id)
        .where(Paragraph.id == bindparam("paragraph_id"))
        .options(joinedload(Paragraph.section))
        .order_by(ParagraphVersion.number.desc()).limit(1)
    )


def proposal_for_change(amendment_id: int) -> Amendment:
    """The negotiation's proposal a request acts on (else 404), with its delegation, the
    co-sponsors and its paragraph with the section, in two statements. A writing request
    locks its paragraph (found through the proposal), then the proposal as it reads it:
    every act on a proposal is also one on its paragraph, so two acts on proposals of one
    paragraph run one after the other."""
    locking = writing()
    where = db().execute(_paragraph_of_proposal(locking), {"id": amendment_id}).first()
    if where is None or where.negotiation_id != negotiation().id:
        abort(404)
    return db().scalars(_proposal_to_act_on(locking), {"id": amendment_id}).unique().one()


@cache
def _paragraph_of_proposal(locking: bool) -> Select[tuple[int, int]]:
    """The proposal's negotiation, its paragraph's row locked when ``locking`` (built once:
    building a query costs more than running it)."""
    proposals, paragraphs = Amendment.__table__, Paragraph.__table__
    query = (select(proposals.c.negotiation_id, paragraphs.c.id)
             .select_from(proposals.join(paragraphs, paragraphs.c.id == proposals.c.paragraph_id))
             .where(proposals.c.id == bindparam("id")))
    return query.with_for_update(of=paragraphs) if locking else query


@cache
def _proposal_to_act_on(locking: bool) -> Select[tuple[Amendment]]:
    """The proposal with what every act on it reads, its row locked when ``locking``."""
    query = (select(Amendment).where(Amendment.id == bindparam("id"))
             .options(joinedload(Amendment.delegation), joinedload(Amendment.supports),
                      joinedload(Amendment.paragraph).joinedload(Paragraph.section)))
    return query.with_for_update(of=Amendment) if locking else query


def _spoken_name(paragraph: Paragraph, label: str) -> str:
    """How people name the paragraph (``spoken_name``) in the reader's language:
    "operative paragraph 19"; one out of the draft is named by its section."""
    return in_words(spoken_name(paragraph, label))


def _proposals(session: Session, paragraph: Paragraph) -> list[Amendment]:
    """Every proposal on the paragraph, oldest first, with their delegations, who joined
    them and the replies to them, in one query (the versions they were written on are the
    paragraph's own). Joining both lists repeats a proposal's row once per (co-sponsor,
    reply) pair; replies are one or two, so that costs less than a second query."""
    return list(session.scalars(
        select(Amendment).where(Amendment.paragraph_id == paragraph.id)
        .options(joinedload(Amendment.delegation),
                 joinedload(Amendment.supports).joinedload(AmendmentSupport.delegation),
                 joinedload(Amendment.replies))
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
    invitations = invitations_on(session, [a.id for a in proposals])
    # One read of its section's outline labels the paragraph and counts the section's cap:
    # a page of one paragraph costs the same in a draft of any length.
    numbering = section_numbering(session, paragraph.section)
    label = numbering.label_of.get(paragraph.id, "")
    delegation = current_user.delegation
    context: dict[str, Any] = dict(
        negotiation=current,
        paragraph=paragraph,
        label=label,
        spoken=_spoken_name(paragraph, label),
        proposals=proposals,
        diffs={a.id: diff_from_json(a.diff) for a in proposals if a.diff},
        invitations=invitations,
        # Whom a delegation may still invite to each of its own open proposals.
        invitable=invitable_delegations(session, current, [
            a for a in proposals
            if a.delegation_id == delegation.id and a.is_open and a.kind.changes_text
        ], invitations) if delegation else {},
        takes_proposals=paragraph.state in OPEN_TO_PROPOSALS,
        my_delegation_id=delegation.id if delegation else None,
        errors=errors or {},
        kept=kept or {},
        stale=stale,
        live_diff=live_diff,
        section=paragraph.section,
        **submission_window(paragraph.section, numbering, paragraph.id),
    )
    return render_template("draft/paragraph.html", **context), status


def seen_state() -> ParagraphState | None:
    """The paragraph's state as the deciding form showed it (``seen_state``), if sent."""
    value = request.form.get("seen_state", "")
    if not value:
        return None
    try:
        return ParagraphState(value)
    except ValueError:
        abort(400, gettext("The form names no state of a paragraph; reload the page."))


def act_on_proposal(
    amendment: Amendment, act: Callable[[], object], done: str | None = None, *,
    back: str | None = None, anchored: bool = False,
) -> Response | tuple[str, int]:
    """Run a domain act on a proposal: back to its paragraph (or to ``back``, a page of
    this site) with ``done`` or what the act returned, or the page again with the refusal
    beside the proposal (a role's refusal stays a 403 page)."""
    try:
        said = act()
    except NotPermitted:
        raise
    except NegotiationError as exc:
        return render_paragraph(amendment.paragraph,
                                errors={f"proposal-{amendment.id}": refusal(exc)},
                                status=status_for(exc))
    flash(done if done is not None else in_words(said), "success")
    anchor = {"_anchor": f"proposal-{amendment.id}"} if anchored else {}
    return redirect_back(back, "draft.paragraph", paragraph_id=amendment.paragraph_id, **anchor)
