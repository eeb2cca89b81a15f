"""The cycle's calendar: deadlines, circulations and meetings, added, changed and moved.

A date that moves keeps its history (``MilestoneMove``) and an entry in the record, with
who moved it and why. A date already past is not moved, nor moved into the past, without
a reason: submissions that were closed would open again, or open ones close behind
delegations' backs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from negotiation.actors import Actor
from negotiation.calendar.kinds import KIND_LABELS
from negotiation.enums import MilestoneKind
from negotiation.errors import InvalidSetting, StaleEdit, Term
from negotiation.models import Milestone, MilestoneMove, Negotiation, Section
from negotiation.notices.telling import date_moved, date_removed
from negotiation.people.permissions import can_keep_calendar, require
from negotiation.record.clock import quoted_moment
from negotiation.record.journal import record
from negotiation.record.wording import Wording, says, written_in_english
from negotiation.setup.saving import saved_alone
from negotiation.setup.texts import setting_text
from negotiation.text.languages import N_

#: How long a moved date stays flagged as moved on the pages everyone reads.
RECENT = timedelta(days=14)


@dataclass(frozen=True)
class MilestoneChange:
    """What a person asks a date to become; every field is given, changed or not."""

    kind: MilestoneKind
    title: str
    at: datetime
    section: Section | None = None


def local_moment(text: str, negotiation: Negotiation, field: str = "at") -> datetime:
    """A date and time typed at headquarters ("2024-04-21 23:59" or "2024-04-21T23:59")."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None or not 1990 <= moment.year <= 2100:
        raise InvalidSetting(
            "Give the date and time at headquarters (%(timezone)s), e.g. 2024-04-21 23:59.",
            field, timezone=negotiation.timezone)
    local = moment.replace(tzinfo=negotiation.zone)
    # A time in the hour the clocks skip in spring does not exist at headquarters.
    if local.astimezone(UTC).astimezone(negotiation.zone).replace(tzinfo=None) != moment:
        raise InvalidSetting(
            "%(moment)s does not exist at headquarters (%(timezone)s): the clocks go forward "
            "then. Choose another time.", field,
            moment=format(moment, "%d %B %Y, %H:%M"), timezone=negotiation.timezone)
    return local


def calendar_of(session: Session, negotiation: Negotiation) -> list[Milestone]:
    """Every date of the cycle in order, with its section and its moves, in three queries."""
    return list(session.scalars(
        select(Milestone)
        .where(Milestone.negotiation_id == negotiation.id, Milestone.removed_at.is_(None))
        .options(selectinload(Milestone.section), selectinload(Milestone.moves))
        .order_by(Milestone.at, Milestone.id)
    ))


def recent_moves(
    session: Session, negotiation: Negotiation, now: datetime
) -> list[MilestoneMove]:
    """Dates moved that still matter, newest first: what delegations must not miss.

    A move matters while its date is still to come, and for two weeks after it was made.
    """
    return list(session.scalars(
        select(MilestoneMove)
        .join(Milestone, Milestone.id == MilestoneMove.milestone_id)
        .where(Milestone.negotiation_id == negotiation.id, Milestone.removed_at.is_(None),
               MilestoneMove.moved_at <= now,
               or_(Milestone.at >= now, MilestoneMove.moved_at > now - RECENT))
        .options(selectinload(MilestoneMove.milestone).selectinload(Milestone.section))
        .order_by(MilestoneMove.moved_at.desc(), MilestoneMove.id.desc())
    ))


def _check(negotiation: Negotiation, change: MilestoneChange) -> str:
    title = setting_text(change.title, N_("The title"), Milestone.title, "title", one_line=True)
    if not title:
        raise InvalidSetting("Give the date a title people will recognise.", "title")
    if change.at.tzinfo is None:
        raise InvalidSetting("Give the time with its time zone.", "at")
    if change.section is not None and change.section.negotiation_id != negotiation.id:
        raise InvalidSetting("Choose a section of this draft, or the whole draft.", "section")
    return title


def add_milestone(
    session: Session, negotiation: Negotiation, actor: Actor, change: MilestoneChange,
    now: datetime, reason: str | Wording = "",
) -> Milestone:
    """Put a deadline, a circulation or a meeting in the calendar; recorded. ``reason`` is a
    person's own, or the app's words (a cycle set up with its past dates), which the record
    keeps as words for each reader's language."""
    require(can_keep_calendar(actor), N_("Only the chair and the secretariat keep the calendar."))
    title = _check(negotiation, change)
    said = None if isinstance(reason, str) else reason
    reason = _reason(reason) if said is None else written_in_english(said)
    if change.at <= now and not reason:
        raise InvalidSetting(
            "%(at)s has already passed; give the reason for entering a past date (kept in the "
            "record).", "reason", at=quoted_moment(change.at, negotiation.zone))
    milestone = Milestone(negotiation_id=negotiation.id, kind=change.kind, title=title,
                          at=change.at, section_id=change.section.id if change.section else None)
    with saved_alone(session, N_("The calendar changed meanwhile; check it and add again.")):
        session.add(milestone)
    record(session, negotiation.id, actor, now, "milestone_added",
           _scoped(says(N_("%(kind)s added: %(title)s, %(at)s"),
                        kind=Term(KIND_LABELS[change.kind]), title=title,
                        at=quoted_moment(change.at, negotiation.zone)), change.section),
           subject=f"milestone:{milestone.id}", reason=said or reason)
    session.flush()
    return milestone


def change_milestone(
    session: Session, negotiation: Negotiation, actor: Actor, milestone: Milestone,
    change: MilestoneChange, written_on: int, reason: str, now: datetime,
) -> Milestone:
    """Change a date's title, kind, section or moment; a move is kept with who and why.

    ``written_on`` is the version of the date the person saw: if someone changed it since,
    the change is refused rather than silently replacing theirs.
    """
    require(can_keep_calendar(actor), N_("Only the chair and the secretariat keep the calendar."))
    if milestone.negotiation_id != negotiation.id:
        raise InvalidSetting("That date belongs to another negotiation.")
    if milestone.removed_at is not None:
        raise InvalidSetting("%(title)s was removed from the calendar.", title=milestone.title)
    title = _check(negotiation, change)
    reason = _reason(reason)
    if written_on != milestone.version:
        raise StaleEdit(
            "Someone changed this date while you were editing it; it now reads %(title)s, "
            "%(at)s. Check it and save again.", written_on=written_on,
            current=milestone.version, title=milestone.title,
            at=quoted_moment(milestone.at, negotiation.zone))
    section_id = change.section.id if change.section else None
    moved = change.at != milestone.at
    rescoped = change.kind is not milestone.kind or section_id != milestone.section_id
    retitled = title != milestone.title
    if not (moved or rescoped or retitled):
        raise InvalidSetting("Nothing to save: the date is as it was.")
    passed = milestone.at <= now
    if (moved or rescoped) and passed and not reason:
        raise InvalidSetting(
            "This date passed on %(at)s; give the reason for changing it (kept in the "
            "record).", "reason", at=quoted_moment(milestone.at, negotiation.zone))
    if moved and change.at <= now and not reason:
        raise InvalidSetting(
            "%(at)s has already passed; give the reason for moving the date into the past "
            "(kept in the record).", "reason", at=quoted_moment(change.at, negotiation.zone))
    before = milestone.at
    with saved_alone(session, N_("Someone changed this date at the same moment; check it and "
                                 "save again.")):
        milestone.kind, milestone.title, milestone.at = change.kind, title, change.at
        milestone.section_id = section_id
        if moved:
            session.add(MilestoneMove(milestone=milestone, moved_at=now, moved_by=actor.name,
                                      from_at=before, to_at=change.at, reason=reason))
    zone = negotiation.zone
    if moved:
        record(session, negotiation.id, actor, now, "milestone_moved",
               _scoped(says(N_("%(title)s moved from %(before)s to %(after)s"), title=title,
                            before=quoted_moment(before, zone),
                            after=quoted_moment(change.at, zone)), change.section),
               subject=f"milestone:{milestone.id}", reason=reason)
        date_moved(session, negotiation, milestone, before, now)
    if rescoped or (retitled and not moved):
        record(session, negotiation.id, actor, now, "milestone_changed",
               _scoped(says(N_("%(kind)s now reads: %(title)s"),
                            kind=Term(KIND_LABELS[change.kind]), title=title), change.section),
               subject=f"milestone:{milestone.id}", reason=reason)
    session.flush()
    return milestone


def remove_milestone(
    session: Session, negotiation: Negotiation, actor: Actor, milestone: Milestone,
    written_on: int, reason: str, now: datetime,
) -> Milestone:
    """Take a date out of the calendar; recorded with who and why.

    The row stays, marked removed: every page and check leaves it out, and subscribed
    calendars are told the event is cancelled rather than finding it silently gone.
    """
    require(can_keep_calendar(actor), N_("Only the chair and the secretariat keep the calendar."))
    if milestone.negotiation_id != negotiation.id:
        raise InvalidSetting("That date belongs to another negotiation.")
    if milestone.removed_at is not None:
        raise InvalidSetting("%(title)s was already removed from the calendar.",
                             title=milestone.title)
    reason = _reason(reason)
    if written_on != milestone.version:
        raise StaleEdit(
            "Someone changed this date while you were editing it; it now reads %(title)s, "
            "%(at)s. Check it and remove it again.", written_on=written_on,
            current=milestone.version, title=milestone.title,
            at=quoted_moment(milestone.at, negotiation.zone))
    if milestone.at <= now and not reason:
        raise InvalidSetting(
            "This date passed on %(at)s; give the reason for removing it (kept in the "
            "record).", "reason", at=quoted_moment(milestone.at, negotiation.zone))

    with saved_alone(session, N_("Someone changed this date at the same moment; check it and "
                                 "remove it again.")):
        milestone.removed_at, milestone.removed_by = now, actor.name
        milestone.removal_reason = reason
    record(session, negotiation.id, actor, now, "milestone_removed",
           _scoped(says(N_("%(kind)s removed: %(title)s, %(at)s"),
                        kind=Term(KIND_LABELS[milestone.kind]), title=milestone.title,
                        at=quoted_moment(milestone.at, negotiation.zone)), milestone.section),
           subject=f"milestone:{milestone.id}", reason=reason)
    date_removed(session, negotiation, milestone, now)
    session.flush()
    return milestone


def _reason(text: str) -> str:
    return setting_text(text, N_("The reason"), MilestoneMove.reason, "reason")


def _scoped(said: Wording, section: Section | None) -> Wording:
    """What the record says of a date, with the section it is for (if only one)."""
    if section is None:
        return said
    return says(N_("%(change)s (for %(section)s)"), change=said, section=section.title)
