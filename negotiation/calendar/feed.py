"""The calendar as iCalendar (RFC 5545), for the calendar programs people already use.

One event per date (deadline, circulation, meeting), at headquarters' time with the zone's
VTIMEZONE, under a UID that never changes, so that Outlook, Google Calendar and Apple
Calendar update the event they already hold instead of adding another:

- a moved date raises the event's SEQUENCE and says in DESCRIPTION what moved and why;
- a removed date stays in the feed as STATUS:CANCELLED (a feed published with
  METHOD:PUBLISH keeps it, so that programs take it off rather than keep a stale copy);
- DTSTAMP and LAST-MODIFIED are the date's last change in the record, not the moment of the
  request: the same calendar gives the same bytes, so that a polling program's conditional
  request is answered "not modified".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from hashlib import sha256

from babel.dates import format_date
from icalendar import Calendar, Event, vDuration
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from negotiation.calendar.kinds import KIND_LABELS
from negotiation.models import Milestone, MilestoneMove, Negotiation, RecordEntry
from negotiation.text.languages import DEFAULT_LANGUAGE, N_, known_language, translate

PRODUCT = "-//Omnibus negotiation tracker//Calendar feed//EN"
#: How often a program should read the feed again (honoured by Outlook and Apple Calendar;
#: Google Calendar keeps its own pace, several hours).
REFRESH = timedelta(hours=1)
#: For a date the record never saw change (entered before the record kept calendar acts).
NEVER_CHANGED = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    """An iCalendar file and when what it holds last changed (None: it holds no date)."""

    body: bytes
    last_modified: datetime | None

    @property
    def etag(self) -> str:
        return sha256(self.body).hexdigest()[:32]


def uid_of(milestone: Milestone, negotiation: Negotiation) -> str:
    """The event's lasting name: the date's id within its negotiation's address."""
    committee, cycle = negotiation.slug
    return f"milestone-{milestone.id}@{committee}-{cycle}.negotiation"


def calendar_feed(session: Session, negotiations: Sequence[Negotiation], name: str,
                  language: str = DEFAULT_LANGUAGE) -> Feed:
    """Every date of these negotiations, removed ones as cancelled events; what the app says
    of them in ``language`` (the feed owner's)."""
    by_id = {n.id: n for n in negotiations}
    milestones = list(session.scalars(
        select(Milestone)
        .where(Milestone.negotiation_id.in_(by_id))
        .options(selectinload(Milestone.section), selectinload(Milestone.moves))
        .order_by(Milestone.at, Milestone.id)
    )) if by_id else []
    return _feed(session, name, [(m, by_id[m.negotiation_id]) for m in milestones],
                 known_language(language))


def event_feed(session: Session, negotiation: Negotiation, milestone: Milestone,
               language: str = DEFAULT_LANGUAGE) -> Feed:
    """One date alone, for "Add to calendar": the same event, under the same UID, as the
    subscription carries, so that a program holding both keeps one."""
    return _feed(session, milestone.title, [(milestone, negotiation)],
                 known_language(language))


def _feed(session: Session, name: str,
          dated: list[tuple[Milestone, Negotiation]], language: str) -> Feed:
    changed = _last_changes(session, [m for m, _ in dated])
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for milestone, negotiation in dated:
        calendar.add_component(_event(milestone, negotiation, changed[milestone.id],
                                      language))
    if dated:
        # One VTIMEZONE per headquarters' zone named by a DTSTART, built from zoneinfo,
        # over the years the dates span: the default (1970 to 2038, hundreds of RDATEs)
        # is misread by some readers, which then put every date an hour off.
        years = [m.at.year for m, _ in dated]
        calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1),
                                       last_date=date(max(years) + 2, 1, 1))
    return Feed(calendar.to_ical(), max(changed.values(), default=None))


def _event(milestone: Milestone, negotiation: Negotiation, changed: datetime,
           language: str) -> Event:
    event = Event()
    event.add("uid", uid_of(milestone, negotiation))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    # Every change of the date counts (title, kind, section, move, removal); the first
    # version is sequence 0, as RFC 5545 has it.
    event.add("sequence", milestone.version - 1)
    event.add("dtstart", milestone.at.astimezone(negotiation.zone))
    # A deadline or a date of circulation is a moment, not a span: no DTEND, so the event
    # ends where it starts (RFC 5545, 3.6.1); a meeting's end is not in the calendar either.
    event.add("summary", _summary(milestone, negotiation))
    event.add("description", _description(milestone, negotiation, language))
    event.add("categories", [translate(KIND_LABELS[milestone.kind], language)])
    event.add("status", "CANCELLED" if milestone.removed_at is not None else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _summary(milestone: Milestone, negotiation: Negotiation) -> str:
    section = f" ({milestone.section.title})" if milestone.section is not None else ""
    return f"{negotiation.committee}: {milestone.title}{section}"


def _description(milestone: Milestone, negotiation: Negotiation, language: str) -> str:
    """What the date is, for which negotiation and part of the draft, and what changed."""
    scope = (milestone.section.title if milestone.section is not None
             else translate(N_("the whole draft"), language))
    lines = []
    if milestone.removed_at is not None:
        lines.append(_with_reason(translate(N_("Removed from the calendar"), language),
                                  milestone.removal_reason, language))
    # Latest move first: it is the one a reader needs.
    lines += [_moved(move, negotiation, language) for move in reversed(milestone.moves)]
    lines.append(translate(
        N_("%(kind)s for %(scope)s, %(committee)s %(cycle)s, at headquarters (%(zone)s)."),
        language, kind=translate(KIND_LABELS[milestone.kind], language), scope=scope,
        committee=negotiation.committee_name, cycle=negotiation.cycle,
        zone=negotiation.timezone))
    return "\n".join(lines)


def _moved(move: MilestoneMove, negotiation: Negotiation, language: str) -> str:
    zone = negotiation.zone
    return _with_reason(
        translate(N_("Moved from %(before)s to %(after)s"), language,
                  before=_moment(move.from_at.astimezone(zone), language),
                  after=_moment(move.to_at.astimezone(zone), language)),
        move.reason, language)


def _with_reason(text: str, reason: str, language: str) -> str:
    if not reason:
        return f"{text}."
    # "Moved from ... : the reason": French puts a (non-breaking) space before the colon.
    return f"{text}\u00a0: {reason}" if language == "fr" else f"{text}: {reason}"


def _moment(local: datetime, language: str) -> str:
    """"22 April 2024, 18:00", "22 de abril de 2024, 18:00", "22 avril 2024, 18:00"."""
    if language == DEFAULT_LANGUAGE:
        return f"{local.day} {local:%B %Y, %H:%M}"
    return f"{format_date(local, 'long', locale=language)}, {local:%H:%M}"


def _last_changes(session: Session, milestones: list[Milestone]) -> dict[int, datetime]:
    """Each date's last change: its latest entry in the record (added, moved, changed,
    removed), or its latest move or removal when the record holds none."""
    subjects = {f"milestone:{m.id}": m.id for m in milestones}
    recorded: dict[int, datetime] = {}
    if subjects:
        negotiation_ids = {m.negotiation_id for m in milestones}
        for subject, at in session.execute(
            select(RecordEntry.subject, func.max(RecordEntry.at))
            .where(RecordEntry.negotiation_id.in_(negotiation_ids),
                   RecordEntry.subject.in_(subjects))
            .group_by(RecordEntry.subject)
        ):
            recorded[subjects[subject]] = at
    changed = {}
    for m in milestones:
        known = [recorded.get(m.id), m.removed_at, *(move.moved_at for move in m.moves)]
        changed[m.id] = max((at for at in known if at is not None), default=NEVER_CHANGED)
    return changed
