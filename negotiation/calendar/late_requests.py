"""A delegation asks for late leave after the deadline; the chair grants it or refuses it.

A request names what it is for: one paragraph, one section or the whole draft. It is
answered once: two chairs answering at once cannot both succeed (the answer is written by a
conditional UPDATE, so the second changes nothing and is told who answered first), and
nothing is asked or answered once the meetings that consider its paragraphs are over (late
leave would let in nothing they could still consider).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from negotiation.actors import Actor
from negotiation.calendar.deadlines import (
    applicable_deadline,
    grant_late_leave,
    late_leave_in_force,
    meetings_for,
    open_before,
)
from negotiation.enums import MilestoneKind, Role
from negotiation.errors import InvalidSubmission, NotPermitted, RefusedTransition, Term
from negotiation.models import (
    Delegation,
    LateLeaveRequest,
    Milestone,
    Negotiation,
    Paragraph,
    Section,
)
from negotiation.models.late_requests import GRANTED, REFUSED
from negotiation.notices.telling import late_leave_asked, late_leave_refused, scope_words
from negotiation.people.appointments import participates
from negotiation.people.permissions import require_chair
from negotiation.record.clock import format_moment
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.delegations import state_name
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

#: The answers, as the refusal of a second answer names them.
_ANSWERS = {GRANTED: N_("granted"), REFUSED: N_("refused")}


def meeting_over(meetings: Sequence[Milestone], negotiation: Negotiation,
                 section_id: int | None, now: datetime) -> Milestone | None:
    """The last meeting that considers ``section_id`` (None: the whole draft), when every
    such meeting is over; None while one is still to sit (or the calendar holds none). A
    meeting sits until the end of its day at headquarters, as in meeting mode."""
    concerned = [m for m in meetings if m.kind is MilestoneKind.MEETING
                 and m.removed_at is None
                 and (m.section_id is None or m.section_id == section_id)]
    if not concerned:
        return None
    last = max(concerned, key=lambda m: m.at)
    zone = negotiation.zone
    return last if now.astimezone(zone).date() > last.at.astimezone(zone).date() else None


def _refuse_after_meeting(session: Session, negotiation: Negotiation,
                          section: Section | None, now: datetime) -> None:
    held = meeting_over(meetings_for(session, negotiation, section), negotiation,
                        section.id if section is not None else None, now)
    if held is not None:
        raise RefusedTransition(
            "The meeting that considered it (%(meeting)s, %(when)s) is over: late leave "
            "would let in nothing it could still consider.",
            meeting=held.title, when=format_moment(held.at, negotiation.zone))


def ask_late_leave(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    reason: str,
    now: datetime,
    *,
    section: Section | None = None,
    paragraph: Paragraph | None = None,
    paragraph_label: str = "",
) -> LateLeaveRequest:
    """The delegation the actor acts for asks to submit late on ``paragraph`` (numbered
    ``paragraph_label`` in the draft), ``section``, or (neither) the whole draft."""
    if actor.role is not Role.DELEGATION or actor.delegation_id is None:
        raise NotPermitted("Only a delegation may ask for late leave.")
    delegation = session.get_one(Delegation, actor.delegation_id)
    if not participates(session, negotiation, delegation.id):
        raise InvalidSubmission("%(delegation)s takes no part in this negotiation.",
                                delegation=state_name(delegation))
    if paragraph is not None:
        section = paragraph.section
    reason = checked_text(reason, N_("The reason"),
                          limit=column_limit(LateLeaveRequest.reason))
    if not reason:
        raise InvalidSubmission("Say why your delegation asks to submit late.")
    deadline = applicable_deadline(session, negotiation, section)
    if open_before(deadline, now):
        raise RefusedTransition(
            "The deadline has not passed: your delegation may still submit, without leave.")
    if late_leave_in_force(session, negotiation, section, delegation.id, now,
                           paragraph.id if paragraph is not None else None) is not None:
        raise RefusedTransition("Your delegation already has late leave for this.")
    _refuse_after_meeting(session, negotiation, section, now)
    waiting = session.scalars(select(LateLeaveRequest).where(
        LateLeaveRequest.negotiation_id == negotiation.id,
        LateLeaveRequest.delegation_id == delegation.id,
        LateLeaveRequest.decision.is_(None),
        (LateLeaveRequest.section_id == section.id) if section is not None
        else LateLeaveRequest.section_id.is_(None),
        (LateLeaveRequest.paragraph_id == paragraph.id) if paragraph is not None
        else LateLeaveRequest.paragraph_id.is_(None),
    )).first()
    if waiting is not None:
        raise RefusedTransition(
            "Your delegation asked for this on %(when)s; the chair has not answered yet.",
            when=format_moment(waiting.asked_at, negotiation.zone))
    asked = LateLeaveRequest(
        negotiation_id=negotiation.id, delegation_id=delegation.id,
        section_id=section.id if section is not None else None,
        paragraph_id=paragraph.id if paragraph is not None else None,
        reason=reason, asked_at=now, asked_by=actor.name)
    session.add(asked)
    scope = scope_words(section, paragraph, paragraph_label)
    record(session, negotiation.id, actor, now, "late_leave_asked",
           says(N_("%(delegation)s asked to submit late for %(scope)s"),
                delegation=delegation, scope=scope),
           subject=f"delegation:{delegation.code}", reason=reason)
    session.flush()
    late_leave_asked(session, negotiation, delegation, scope, reason, asked.id, now)
    return asked


def answer_late_request(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    asked: LateLeaveRequest,
    answer: str,
    reason: str,
    now: datetime,
    *,
    until: datetime | None = None,
    paragraph_label: str = "",
) -> LateLeaveRequest:
    """The chair grants the request (late submissions accepted ``until``) or refuses it,
    with a reason the delegation is told; a request is answered once."""
    require_chair(actor, "answer requests for late leave")
    if answer not in _ANSWERS:
        raise InvalidSubmission("Grant the request or refuse it.")
    if asked.negotiation_id != negotiation.id:
        raise InvalidSubmission("That request belongs to another negotiation.")
    reason = checked_text(reason, N_("The reason"),
                          limit=column_limit(LateLeaveRequest.decision_reason))
    if not reason:
        raise InvalidSubmission("Give the reason for your answer: the delegation is told it.")
    if answer == GRANTED and until is None:
        raise InvalidSubmission("Give the end of the late leave.")
    _refuse_answered(asked, negotiation)
    _refuse_after_meeting(session, negotiation, asked.section, now)
    # Written only while no one has answered: of two chairs at once, the second's UPDATE
    # waits for the first's (PostgreSQL's row lock; SQLite's writers queue), then finds
    # the answer given and changes nothing.
    taken = session.execute(
        update(LateLeaveRequest)
        .where(LateLeaveRequest.id == asked.id, LateLeaveRequest.decision.is_(None))
        .values(decision=answer, decided_at=now, decided_by=actor.name,
                decision_reason=reason)
        .execution_options(synchronize_session=False)).rowcount
    session.refresh(asked)
    if taken != 1:
        _refuse_answered(asked, negotiation)
    delegation = asked.delegation
    scope = scope_words(asked.section, asked.paragraph, paragraph_label)
    if answer == GRANTED:
        assert until is not None
        leave = grant_late_leave(session, negotiation, actor, delegation, until, reason, now,
                                 section=asked.section, paragraph=asked.paragraph,
                                 paragraph_label=paragraph_label)
        asked.leave_id = leave.id
    else:
        record(session, negotiation.id, actor, now, "late_leave_refused",
               says(N_("Late submissions from %(delegation)s for %(scope)s refused"),
                    delegation=delegation, scope=scope),
               subject=f"delegation:{delegation.code}", reason=reason)
        late_leave_refused(session, negotiation, delegation, scope, reason, now)
    session.flush()
    return asked


def _refuse_answered(asked: LateLeaveRequest, negotiation: Negotiation) -> None:
    if asked.decision is None:
        return
    raise RefusedTransition(
        "This request was already %(answer)s by %(by)s on %(when)s.",
        answer=Term(_ANSWERS[asked.decision]), by=asked.decided_by or "",
        when=format_moment(asked.decided_at or asked.asked_at, negotiation.zone))


def late_requests(session: Session, negotiation: Negotiation,
                  delegation_id: int | None = None) -> list[LateLeaveRequest]:
    """The requests for late leave, those waiting first, then the newest; one delegation's
    when ``delegation_id`` is given."""
    query = (select(LateLeaveRequest)
             .where(LateLeaveRequest.negotiation_id == negotiation.id)
             .options(selectinload(LateLeaveRequest.delegation),
                      selectinload(LateLeaveRequest.section),
                      selectinload(LateLeaveRequest.paragraph).selectinload(Paragraph.section),
                      selectinload(LateLeaveRequest.leave)))
    if delegation_id is not None:
        query = query.where(LateLeaveRequest.delegation_id == delegation_id)
    found = list(session.scalars(query.order_by(LateLeaveRequest.asked_at.desc(),
                                                LateLeaveRequest.id.desc())))
    return sorted(found, key=lambda asked: not asked.pending)


def meetings_of(session: Session, negotiation: Negotiation) -> list[Milestone]:
    """The calendar's meetings, to tell which requests lapsed with them (one read)."""
    return list(session.scalars(select(Milestone).where(
        Milestone.negotiation_id == negotiation.id, Milestone.kind == MilestoneKind.MEETING,
        Milestone.removed_at.is_(None))))
