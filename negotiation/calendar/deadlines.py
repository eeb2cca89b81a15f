"""Deadlines and meetings: which deadline applies, and whether a submission is in time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, selectinload

from negotiation.actors import Actor
from negotiation.enums import MilestoneKind
from negotiation.errors import DeadlinePassed, InvalidSubmission, RefusedTransition, Term
from negotiation.models import Delegation, LateLeave, Milestone, Negotiation, Paragraph, Section
from negotiation.notices.telling import late_leave_granted, paragraph_name, scope_words
from negotiation.people.appointments import participates
from negotiation.people.permissions import require_chair
from negotiation.record.clock import quoted_moment
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.delegations import state_name
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit


def applicable_deadline(
    session: Session, negotiation: Negotiation, section: Section | None,
    deadlines: Sequence[Milestone] | None = None,
) -> Milestone | None:
    """The section's own submission deadline if it has one, else the whole draft's; from
    the negotiation's submission ``deadlines`` (latest first) when the caller read them."""
    if deadlines is None:
        deadlines = session.scalars(
            _submission_deadlines(), {"negotiation_id": negotiation.id}).all()
    if section is not None:
        own = [m for m in deadlines if m.section_id == section.id]
        if own:
            return own[0]
    general = [m for m in deadlines if m.section_id is None]
    return general[0] if general else None


@cache
def _submission_deadlines() -> Select[tuple[Milestone]]:
    """The negotiation's submission deadlines, latest first: built once, as every
    submission asks (building a query costs more than running it)."""
    return (
        select(Milestone)
        .where(
            Milestone.negotiation_id == bindparam("negotiation_id"),
            Milestone.kind == MilestoneKind.SUBMISSION_DEADLINE,
            Milestone.removed_at.is_(None),
        )
        .order_by(Milestone.at.desc())
    )


def has_submission_deadline(session: Session, negotiation: Negotiation) -> bool:
    """Whether the calendar holds any submission deadline (a new cycle's holds none yet)."""
    return session.scalars(_submission_deadlines(),
                           {"negotiation_id": negotiation.id}).first() is not None


def open_before(deadline: Milestone | None, now: datetime) -> bool:
    """Whether submissions are still in time: strictly before the deadline, if there is one."""
    return deadline is None or now < deadline.at


def submissions_open(
    session: Session, negotiation: Negotiation, section: Section | None, now: datetime
) -> bool:
    return open_before(applicable_deadline(session, negotiation, section), now)


def describe_deadline(deadline: Milestone | None, negotiation: Negotiation) -> Term:
    """The deadline as the refusals quote it: "Title, 21 April 2024, 23:59 in Washington",
    its moment written in the reader's language where the refusal is shown."""
    if deadline is None:
        return Term(N_("no deadline set"))
    # The title is typed by people and the comma is no word: the pattern is no message of
    # the catalogs, and reads as itself in every language.
    return Term("%(title)s, %(when)s", title=deadline.title,
                when=quoted_moment(deadline.at, negotiation.zone))


def check_submission_window(
    session: Session,
    negotiation: Negotiation,
    section: Section | None,
    delegation_id: int,
    now: datetime,
    deadlines: Sequence[Milestone] | None = None,
    paragraph_id: int | None = None,
) -> LateLeave | None:
    """Pass when the deadline has not come, or the chair accepted this delegation as late.

    Returns the late leave that lets a late submission in, or None when it is in time;
    raises :class:`DeadlinePassed`, naming the deadline, otherwise. ``deadlines`` are the
    negotiation's submission deadlines, when the caller read them already; ``paragraph_id``
    the paragraph submitted on, which leave for that paragraph alone lets in.
    """
    deadline = applicable_deadline(session, negotiation, section, deadlines)
    if deadline is None or open_before(deadline, now):
        return None
    leave = late_leave_in_force(session, negotiation, section, delegation_id, now,
                                paragraph_id)
    if leave is not None:
        return leave
    when = quoted_moment(deadline.at, negotiation.zone)
    raise DeadlinePassed(
        "The deadline for submissions (%(title)s) passed on %(when)s. "
        "Only the chair can accept a late submission.",
        deadline_title=deadline.title,
        deadline_at=deadline.at,
        title=deadline.title,
        when=when,
    )


def late_leave_in_force(
    session: Session,
    negotiation: Negotiation,
    section: Section | None,
    delegation_id: int | None,
    now: datetime,
    paragraph_id: int | None = None,
) -> LateLeave | None:
    """The chair's acceptance that lets this delegation submit late here now, if any (leave
    for one paragraph lets in that paragraph only)."""
    if delegation_id is None:
        return None
    leaves = session.scalars(
        select(LateLeave).where(
            LateLeave.negotiation_id == negotiation.id,
            LateLeave.delegation_id == delegation_id,
            LateLeave.until > now,
        )
    ).all()
    for leave in leaves:
        if _covers(leave, section.id if section is not None else None, paragraph_id):
            return leave
    return None


def _covers(leave: LateLeave, section_id: int | None, paragraph_id: int | None) -> bool:
    """Whether ``leave`` reaches a submission in that section, on that paragraph (None: a
    new paragraph of the section, or the whole draft)."""
    if leave.paragraph_id is not None:
        return paragraph_id is not None and leave.paragraph_id == paragraph_id
    return leave.section_id is None or leave.section_id == section_id


def grant_late_leave(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    delegation: Delegation,
    until: datetime,
    reason: str,
    now: datetime,
    section: Section | None = None,
    paragraph: Paragraph | None = None,
    paragraph_label: str = "",
) -> LateLeave:
    """The chair accepts a delegation's submissions as late, until a given time: for the
    whole draft, one ``section``, or one ``paragraph`` (numbered ``paragraph_label`` in the
    draft, for the record and the notice)."""
    if paragraph is not None:
        section = paragraph.section
    scope = scope_words(section, paragraph, paragraph_label)
    require_chair(actor, "accept late submissions")
    if not participates(session, negotiation, delegation.id):
        raise InvalidSubmission("%(delegation)s takes no part in this negotiation.",
                                delegation=state_name(delegation))
    reason = checked_text(reason, N_("The reason"), limit=column_limit(LateLeave.reason))
    if not reason:
        raise InvalidSubmission("Give the reason for accepting late submissions.")
    # Granting the same leave twice (a second click, two chairs) would only add noise to
    # the record; a later end is an extension and is granted.
    covering = [
        held for held in session.scalars(select(LateLeave).where(
            LateLeave.negotiation_id == negotiation.id,
            LateLeave.delegation_id == delegation.id,
            LateLeave.until >= until,
            LateLeave.until > now,
        ))
        if _covers(held, section.id if section is not None else None,
                   paragraph.id if paragraph is not None else None)
    ]
    if covering:
        held = covering[0]
        granted = {"delegation": state_name(delegation),
                   "until": quoted_moment(held.until, negotiation.zone),
                   "granted": quoted_moment(held.granted_at, negotiation.zone),
                   "by": held.granted_by}
        if held.paragraph is not None:
            # Held leave for one paragraph covers only that paragraph: the one asked for.
            message, number = paragraph_name(held.paragraph.kind, paragraph_label)
            raise InvalidSubmission(
                "%(delegation)s already has late leave for %(paragraph)s of %(section)s until "
                "%(until)s (granted %(granted)s by %(by)s); give a later end to extend it.",
                paragraph=Term(message, label=number), section=held.paragraph.section.title,
                **granted)
        if held.section is None:
            raise InvalidSubmission(
                "%(delegation)s already has late leave for the whole draft until %(until)s "
                "(granted %(granted)s by %(by)s); give a later end to extend it.", **granted)
        raise InvalidSubmission(
            "%(delegation)s already has late leave for %(section)s until %(until)s "
            "(granted %(granted)s by %(by)s); give a later end to extend it.",
            section=held.section.title, **granted)

    leave = LateLeave(
        negotiation_id=negotiation.id,
        delegation_id=delegation.id,
        section_id=section.id if section else None,
        paragraph_id=paragraph.id if paragraph else None,
        until=until,
        granted_at=now,
        granted_by=actor.name,
        reason=reason,
    )
    session.add(leave)
    record(
        session, negotiation.id, actor, now, "late_leave_granted",
        says(N_("Late submissions from %(delegation)s accepted for %(scope)s until %(until)s"),
             delegation=delegation, scope=scope, until=quoted_moment(until, negotiation.zone)),
        subject=f"delegation:{delegation.code}", reason=reason,
    )
    late_leave_granted(session, negotiation, delegation, scope, until, now)
    session.flush()
    return leave


def meetings_for(
    session: Session, negotiation: Negotiation, section: Section | None
) -> list[Milestone]:
    """The calendar's meetings that examine this section: the whole draft's and its own."""
    found = session.scalars(
        select(Milestone)
        .where(Milestone.negotiation_id == negotiation.id,
               Milestone.kind == MilestoneKind.MEETING, Milestone.removed_at.is_(None))
        .order_by(Milestone.at)
    ).all()
    return [m for m in found
            if m.section_id is None or (section is not None and m.section_id == section.id)]


def meeting_in_session(meetings: list[Milestone], negotiation: Negotiation,
                       now: datetime) -> Milestone | None:
    """The meeting sitting now: one that has begun today at headquarters.

    The calendar gives a meeting's start, not its end, so a meeting is taken to sit until
    the end of its day (meetings at headquarters run into the afternoon).
    """
    zone = negotiation.zone
    today = now.astimezone(zone).date()
    for meeting in meetings:
        if meeting.at <= now and meeting.at.astimezone(zone).date() == today:
            return meeting
    return None


def outside_meeting_reason(
    meetings: list[Milestone], negotiation: Negotiation, now: datetime
) -> RefusedTransition | None:
    """Why nothing can be approved now, as the refusal the approval raises (None when a
    meeting sits or the calendar has none)."""
    if not meetings or meeting_in_session(meetings, negotiation, now) is not None:
        return None
    coming = [m for m in meetings if m.at > now]
    when = quoted_moment(now, negotiation.zone)
    if not coming:
        return RefusedTransition("Paragraphs are approved in meetings, and no meeting sits now "
                                 "(%(when)s). The calendar has no meeting left.", when=when)
    return RefusedTransition(
        "Paragraphs are approved in meetings, and no meeting sits now (%(when)s). The next "
        "meeting: %(meeting)s, %(at)s.",
        when=when, meeting=coming[0].title, at=quoted_moment(coming[0].at, negotiation.zone))


def upcoming(session: Session, negotiation: Negotiation, now: datetime) -> list[Milestone]:
    """Milestones still to come, soonest first, with their sections and moves."""
    return list(
        session.scalars(
            select(Milestone)
            .where(Milestone.negotiation_id == negotiation.id, Milestone.at >= now,
                   Milestone.removed_at.is_(None))
            .options(selectinload(Milestone.section), selectinload(Milestone.moves))
            .order_by(Milestone.at)
        )
    )


def late_leaves(session: Session, negotiation: Negotiation) -> list[LateLeave]:
    """Every late acceptance the chair granted, newest first."""
    return list(
        session.scalars(
            select(LateLeave)
            .where(LateLeave.negotiation_id == negotiation.id)
            .order_by(LateLeave.granted_at.desc(), LateLeave.id.desc())
        )
    )
