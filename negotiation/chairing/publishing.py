"""The chair publishes a meeting's agenda: the order of consideration as it stands, dated and
numbered, kept as published; publishing again for the same meeting makes a new edition,
and everyone is told what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from negotiation.actors import Actor
from negotiation.chairing.agenda import order_of_consideration
from negotiation.draft.drafting import numbering_of
from negotiation.enums import MilestoneKind
from negotiation.errors import InvalidSubmission, RefusedTransition
from negotiation.models import Milestone, Negotiation, PublishedAgenda
from negotiation.notices.meetings import agenda_published
from negotiation.people.permissions import require_chair
from negotiation.record.clock import format_moment, quoted_moment
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_

Item = dict[str, Any]


@dataclass(frozen=True)
class Changes:
    """What an edition changed from the one it replaces: items added, items removed, and
    items that kept their place on the agenda but moved in it (old place, new place)."""

    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    moved: list[tuple[Item, int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved)


def agenda_items(session: Session, negotiation: Negotiation,
                 meeting: Milestone) -> list[Item]:
    """The order of consideration now, for the meeting (its section's paragraphs when the
    meeting examines one section), each item as the published agenda keeps it."""
    labels = numbering_of(session, negotiation.id).label_of
    return [
        {"paragraph_id": p.id, "label": labels.get(p.id, ""), "kind": p.kind.value,
         "section": p.section.title, "state": p.state.value}
        for p in order_of_consideration(session, negotiation)
        if meeting.section_id is None or p.section_id == meeting.section_id
    ]


def changes_between(before: list[Item], after: list[Item]) -> Changes:
    """What ``after`` changed from ``before`` (items are one paragraph each)."""
    old = {item["paragraph_id"]: place for place, item in enumerate(before, 1)}
    new = {item["paragraph_id"]: place for place, item in enumerate(after, 1)}
    kept_old = [pid for pid in old if pid in new]
    kept_new = [pid for pid in new if pid in old]
    moved = []
    if kept_old != kept_new:
        # Only the items whose order among the kept ones changed, not every item an
        # addition pushed down.
        rank_old = {pid: rank for rank, pid in enumerate(kept_old)}
        moved = [(item, old[item["paragraph_id"]], new[item["paragraph_id"]])
                 for rank, item in enumerate(i for i in after if i["paragraph_id"] in old)
                 if rank_old[item["paragraph_id"]] != rank]
    return Changes(added=[item for item in after if item["paragraph_id"] not in old],
                   removed=[item for item in before if item["paragraph_id"] not in new],
                   moved=moved)


def latest_edition(session: Session, meeting: Milestone) -> PublishedAgenda | None:
    return session.scalars(
        select(PublishedAgenda).where(PublishedAgenda.meeting_id == meeting.id)
        .order_by(PublishedAgenda.edition.desc()).limit(1)).first()


def publish_agenda(session: Session, negotiation: Negotiation, actor: Actor,
                   meeting: Milestone, now: datetime) -> PublishedAgenda:
    """Publish the meeting's agenda as the order of consideration stands now."""
    require_chair(actor, "publish the agenda")
    if (meeting.negotiation_id != negotiation.id or meeting.kind is not MilestoneKind.MEETING
            or meeting.removed_at is not None):
        raise InvalidSubmission("Choose a meeting of this negotiation's calendar.")
    zone = negotiation.zone
    if now.astimezone(zone).date() > meeting.at.astimezone(zone).date():
        raise RefusedTransition("%(meeting)s sat on %(when)s: its agenda can no longer change.",
                                meeting=meeting.title, when=format_moment(meeting.at, zone))
    items = agenda_items(session, negotiation, meeting)
    if not items:
        raise RefusedTransition(
            "Nothing is left for %(meeting)s to consider: the agenda would be empty.",
            meeting=meeting.title)
    previous = latest_edition(session, meeting)
    changes = changes_between(previous.items, items) if previous is not None else Changes()
    if previous is not None and not changes:
        raise RefusedTransition(
            "The order of consideration has not changed since agenda no. %(number)s was "
            "published on %(when)s.",
            number=previous.number, when=format_moment(previous.published_at, zone))
    number = (session.scalar(select(func.max(PublishedAgenda.number)).where(
        PublishedAgenda.negotiation_id == negotiation.id)) or 0) + 1
    agenda = PublishedAgenda(
        negotiation_id=negotiation.id, meeting_id=meeting.id, number=number,
        edition=previous.edition + 1 if previous is not None else 1,
        published_at=now, published_by=actor.name, items=items)
    session.add(agenda)
    # Two chairs publishing at once take the same number: the database refuses the second
    # here (a unique key), and the request answers it as a conflict.
    session.flush()
    when = quoted_moment(meeting.at, zone)
    published = says(
        N_("Agenda no. %(number)s published for %(meeting)s (%(when)s), replacing no. "
           "%(previous)s: %(count)s paragraphs"), number=number, meeting=meeting.title,
        when=when, previous=previous.number, count=len(items),
    ) if previous is not None else says(
        N_("Agenda no. %(number)s published for %(meeting)s (%(when)s): %(count)s paragraphs"),
        number=number, meeting=meeting.title, when=when, count=len(items))
    record(session, negotiation.id, actor, now, "agenda_published", published,
           subject=f"meeting:{meeting.id}")
    agenda_published(session, negotiation, agenda, meeting, previous, _told(changes), now)
    return agenda


def _told(changes: Changes) -> dict[str, list[Item]]:
    return {"added": changes.added, "removed": changes.removed,
            "moved": [dict(item, before=before, after=after)
                      for item, before, after in changes.moved]}


def published_agendas(session: Session, negotiation: Negotiation) -> list[PublishedAgenda]:
    """Every agenda published in the negotiation, the newest first."""
    return list(session.scalars(
        select(PublishedAgenda).where(PublishedAgenda.negotiation_id == negotiation.id)
        .options(selectinload(PublishedAgenda.meeting))
        .order_by(PublishedAgenda.number.desc())))


def agenda_numbered(session: Session, negotiation: Negotiation,
                    number: int) -> PublishedAgenda | None:
    return session.scalars(select(PublishedAgenda).where(
        PublishedAgenda.negotiation_id == negotiation.id,
        PublishedAgenda.number == number)).first()


def replaced(session: Session, agenda: PublishedAgenda) -> PublishedAgenda | None:
    """The edition ``agenda`` replaced, if any."""
    return session.scalars(select(PublishedAgenda).where(
        PublishedAgenda.meeting_id == agenda.meeting_id,
        PublishedAgenda.edition == agenda.edition - 1)).first()


def replaced_by(session: Session, agenda: PublishedAgenda) -> PublishedAgenda | None:
    """The edition that replaced ``agenda``, if any."""
    return session.scalars(select(PublishedAgenda).where(
        PublishedAgenda.meeting_id == agenda.meeting_id,
        PublishedAgenda.edition == agenda.edition + 1)).first()
