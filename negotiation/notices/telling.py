"""What the domain's acts call to tell people: one plain function per kind of event, each
writing one notice row in the act's own transaction (the sender fans it out to each
person's address outside the request, so an act pays for one INSERT whatever the
committee's size)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.orm import Session

from negotiation.models import Amendment, Delegation, Milestone, Negotiation, Notice
from negotiation.notices.outbox import in_rehearsal


def negotiation_path(negotiation: Negotiation, rest: str = "") -> str:
    committee, cycle = negotiation.slug
    return f"/{committee}/{cycle}/{rest}"


def headquarters_time(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%A %d %B %Y, %H:%M} ({zone})"


def tell(session: Session, negotiation: Negotiation, kind: str, at: datetime, title: str,
         body: str, link: str, *, delegation_id: int | None = None, thread: str = "",
         once_key: str | None = None, falls_at: datetime | None = None) -> None:
    """Write one notice; ``delegation_id`` limits it to that delegation's people, and
    ``falls_at`` is the moment it is about, shown to each reader in their own time zone."""
    session.execute(_INSERT, [dict(
        negotiation_id=negotiation.id, kind=kind, at=at, title=title, body=body, link=link,
        thread=thread, delegation_id=delegation_id, once_key=once_key, falls_at=falls_at,
        rehearsal=in_rehearsal(), fanned_out=False)])


_INSERT = insert(Notice.__table__)


def revision_circulated(session: Session, negotiation: Negotiation, symbol: str,
                        number: int, at: datetime) -> None:
    """Everyone taking part is told, with the link to the comparison of the revisions."""
    what = "the first draft" if number == 0 else f"revision {number}"
    tell(session, negotiation, "revision", at, f"{symbol} circulated",
         f"The chair circulated {what} of the draft resolution ({symbol}). The comparison "
         "text shows what changed.",
         negotiation_path(negotiation, "documents/revisions" if number else "draft/"))


def proposal_path(negotiation: Negotiation, amendment: Amendment) -> str:
    """The proposal on its paragraph's page."""
    return negotiation_path(
        negotiation, f"draft/paragraph/{amendment.paragraph_id}#proposal-{amendment.id}")


def proposal_thread(amendment: Amendment) -> str:
    return f"proposal-{amendment.id}"


def _about(amendment: Amendment) -> str:
    return f"proposal {amendment.number} by {amendment.delegation.name}"


def _sponsors(amendment: Amendment) -> list[int]:
    """The proposing delegation, then those that co-sponsor it now."""
    joined = [s.delegation_id for s in amendment.supports if s.withdrawn_at is None]
    return [amendment.delegation_id, *[d for d in joined if d != amendment.delegation_id]]


def date_moved(session: Session, negotiation: Negotiation, milestone: Milestone,
               before: datetime, at: datetime) -> None:
    """Everyone taking part is told that a date moved, with both moments."""
    zone = negotiation.timezone
    tell(session, negotiation, "date", at, f"Date moved: {milestone.title}",
         f"{milestone.title} moved from {headquarters_time(before, zone)} to "
         f"{headquarters_time(milestone.at, zone)}.",
         negotiation_path(negotiation, "calendar/"), falls_at=milestone.at)


def date_removed(session: Session, negotiation: Negotiation, milestone: Milestone,
                 at: datetime) -> None:
    """Everyone taking part is told that a date left the calendar, with the reason."""
    zone = negotiation.timezone
    reason = f" Reason: {milestone.removal_reason}" if milestone.removal_reason else ""
    tell(session, negotiation, "date", at, f"Date removed: {milestone.title}",
         f"{milestone.title}, {headquarters_time(milestone.at, zone)}, was removed from the "
         f"calendar.{reason}", negotiation_path(negotiation, "calendar/"), falls_at=milestone.at)


def cosponsor_invited(session: Session, negotiation: Negotiation, amendment: Amendment,
                      invited: Delegation, at: datetime) -> None:
    """The invited delegation is told, with the link to the proposal it may join."""
    tell(session, negotiation, "invitation", at,
         f"Invitation to co-sponsor {_about(amendment)}",
         f"{amendment.delegation.name} invites {invited.name} to co-sponsor "
         f"{_about(amendment)} ({amendment.title}). Accept or decline on the home page.",
         proposal_path(negotiation, amendment), delegation_id=invited.id,
         thread=proposal_thread(amendment))


def invitation_answered(session: Session, negotiation: Negotiation, amendment: Amendment,
                        invited: Delegation, answer: str, at: datetime) -> None:
    """The proposing delegation is told the invited one's answer."""
    tell(session, negotiation, "invitation", at,
         f"{invited.name} {answer} the invitation to co-sponsor {_about(amendment)}",
         f"{invited.name} {answer} your invitation to co-sponsor {_about(amendment)} "
         f"({amendment.title}).",
         proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
         thread=proposal_thread(amendment))


def cosponsor_changed(session: Session, negotiation: Negotiation, amendment: Amendment,
                      delegation: Delegation, joined: bool, at: datetime) -> None:
    """The proposing delegation is told that a delegation joined or left its proposal."""
    what = "joined" if joined else "left"
    tell(session, negotiation, "cosponsor", at,
         f"{delegation.name} {what} {_about(amendment)}",
         f"{delegation.name} {what} {_about(amendment)} ({amendment.title}) as a co-sponsor.",
         proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
         thread=proposal_thread(amendment))


def comment_replied(session: Session, negotiation: Negotiation, amendment: Amendment,
                    by: str, at: datetime) -> None:
    """The delegation that wrote the comment is told that it was answered."""
    tell(session, negotiation, "reply", at, f"{by} replied on {_about(amendment)}",
         f"{by} replied to your comment on {_about(amendment)} ({amendment.title}).",
         proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
         thread=proposal_thread(amendment))


def late_leave_granted(session: Session, negotiation: Negotiation, delegation: Delegation,
                       scope: str, until: datetime, at: datetime) -> None:
    """The delegation is told how long its late submissions are accepted."""
    tell(session, negotiation, "late-leave", at, f"Late submissions accepted for {scope}",
         f"The chair accepts late submissions from {delegation.name} for {scope} until "
         f"{headquarters_time(until, negotiation.timezone)}.",
         negotiation_path(negotiation), delegation_id=delegation.id, falls_at=until)


def proposal_decided(session: Session, negotiation: Negotiation, amendment: Amendment,
                     fate: str, at: datetime, reason: str = "") -> None:
    """The proposing delegation and its co-sponsors are told the chair's decision."""
    because = f" The chair's reason: {reason}" if reason else ""
    for delegation_id in _sponsors(amendment):
        tell(session, negotiation, "decision", at,
             f"{_about(amendment)[0].upper()}{_about(amendment)[1:]} {fate}",
             f"The chair {fate} {_about(amendment)} ({amendment.title}).{because}",
             proposal_path(negotiation, amendment), delegation_id=delegation_id,
             thread=proposal_thread(amendment))


def paragraph_decided(session: Session, negotiation: Negotiation, name: str,
                      amendments: list[Amendment], fate: str, at: datetime) -> None:
    """Each delegation with a proposal on the paragraph is told, in its proposal's thread."""
    told: set[int] = set()
    for amendment in amendments:
        for delegation_id in _sponsors(amendment):
            if delegation_id in told:
                continue
            told.add(delegation_id)
            tell(session, negotiation, "decision", at, f"{name[0].upper()}{name[1:]} {fate}",
                 f"The chair's meeting {fate} {name}, on which {_about(amendment)} was made.",
                 proposal_path(negotiation, amendment), delegation_id=delegation_id,
                 thread=proposal_thread(amendment))
