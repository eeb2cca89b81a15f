"""What the domain's acts call to tell people: one plain function per kind of event, each
writing one notice row in the act's own transaction (the sender fans it out to each
person's address outside the request, so an act pays for one INSERT whatever the
committee's size)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from negotiation.enums import ParagraphKind, Role
from negotiation.errors import Term
from negotiation.models import (
    Amendment,
    Delegation,
    Milestone,
    Negotiation,
    Notice,
    Paragraph,
    Section,
)
from negotiation.notices.mail.outbox import in_rehearsal
from negotiation.record.wording import (
    Wording,
    delegation,
    moment,
    phrase,
    says,
    written,
)
from negotiation.text.languages import N_


def negotiation_path(negotiation: Negotiation, rest: str = "") -> str:
    committee, cycle = negotiation.slug
    return f"/{committee}/{cycle}/{rest}"


def tell(session: Session, negotiation: Negotiation, kind: str, at: datetime, title: str,
         body: str, link: str, *, delegation_id: int | None = None, thread: str = "",
         once_key: str | None = None, falls_at: datetime | None = None,
         wording: dict[str, Wording] | None = None, roles: Sequence[Role] = ()) -> None:
    """Write one notice; ``delegation_id`` limits it to that delegation's people, ``roles``
    to the people appointed to those roles in the negotiation (the chair, the
    secretariat), and ``falls_at`` is the moment it is about, shown to each reader in their
    own time zone. ``wording`` (its "title" and "body") lets each reader's message be in
    their language."""
    session.execute(_INSERT, [dict(
        negotiation_id=negotiation.id, kind=kind, at=at, title=title, body=body, link=link,
        thread=thread, delegation_id=delegation_id, once_key=once_key, falls_at=falls_at,
        rehearsal=in_rehearsal(), fanned_out=False, wording=wording,
        roles=" ".join(role.value for role in roles))])


def tell_in_words(session: Session, negotiation: Negotiation, kind: str, at: datetime,
                  title: Wording, body: Wording, link: str, *, delegation_id: int | None = None,
                  thread: str = "", once_key: str | None = None,
                  falls_at: datetime | None = None, roles: Sequence[Role] = ()) -> None:
    """:func:`tell` from wording: the notice keeps the English, and the words for each
    reader's message."""
    tell(session, negotiation, kind, at, written(title, "en"), written(body, "en"), link,
         delegation_id=delegation_id, thread=thread, once_key=once_key, falls_at=falls_at,
         wording={"title": title, "body": body}, roles=roles)


_INSERT = insert(Notice.__table__)


def revision_circulated(session: Session, negotiation: Negotiation, symbol: str,
                        number: int, at: datetime) -> None:
    """Everyone taking part is told, with the link to the comparison of the revisions."""
    if number == 0:
        body = says(N_("The chair circulated the first draft of the draft resolution "
                       "(%(symbol)s). The comparison text shows what changed."), symbol=symbol)
    else:
        body = says(N_("The chair circulated revision %(number)s of the draft resolution "
                       "(%(symbol)s). The comparison text shows what changed."),
                    number=number, symbol=symbol)
    tell_in_words(session, negotiation, "revision", at,
                  says(N_("%(symbol)s circulated"), symbol=symbol), body,
                  negotiation_path(negotiation, "documents/revisions" if number else "draft/"))


def proposal_path(negotiation: Negotiation, amendment: Amendment) -> str:
    """The proposal on its paragraph's page."""
    return negotiation_path(
        negotiation, f"draft/paragraph/{amendment.paragraph_id}#proposal-{amendment.id}")


def proposal_thread(amendment: Amendment) -> str:
    return f"proposal-{amendment.id}"


def _about(amendment: Amendment) -> Wording:
    return says(N_("proposal %(number)s by %(delegation)s"), number=amendment.number,
                delegation=delegation(amendment.delegation))


def _sponsors(amendment: Amendment) -> list[int]:
    """The proposing delegation, then those that co-sponsor it now."""
    joined = [s.delegation_id for s in amendment.supports if s.withdrawn_at is None]
    return [amendment.delegation_id, *[d for d in joined if d != amendment.delegation_id]]


def date_moved(session: Session, negotiation: Negotiation, milestone: Milestone,
               before: datetime, at: datetime) -> None:
    """Everyone taking part is told that a date moved, with both moments."""
    zone = negotiation.timezone
    tell_in_words(
        session, negotiation, "date", at,
        says(N_("Date moved: %(title)s"), title=milestone.title),
        says(N_("%(title)s moved from %(before)s to %(after)s."), title=milestone.title,
             before=moment(before, zone), after=moment(milestone.at, zone)),
        negotiation_path(negotiation, "calendar/"), falls_at=milestone.at)


def date_removed(session: Session, negotiation: Negotiation, milestone: Milestone,
                 at: datetime) -> None:
    """Everyone taking part is told that a date left the calendar, with the reason."""
    when = moment(milestone.at, negotiation.timezone)
    if milestone.removal_reason:
        body = says(N_("%(title)s, %(when)s, was removed from the calendar. "
                       "Reason: %(reason)s"), title=milestone.title, when=when,
                    reason=milestone.removal_reason)
    else:
        body = says(N_("%(title)s, %(when)s, was removed from the calendar."),
                    title=milestone.title, when=when)
    tell_in_words(session, negotiation, "date", at,
                  says(N_("Date removed: %(title)s"), title=milestone.title), body,
                  negotiation_path(negotiation, "calendar/"), falls_at=milestone.at)


def cosponsor_invited(session: Session, negotiation: Negotiation, amendment: Amendment,
                      invited: Delegation, at: datetime) -> None:
    """The invited delegation is told, with the link to the proposal it may join."""
    tell_in_words(
        session, negotiation, "invitation", at,
        says(N_("Invitation to co-sponsor %(proposal)s"), proposal=_about(amendment)),
        says(N_("%(proposer)s invites %(invited)s to co-sponsor %(proposal)s (%(title)s). "
                "Accept or decline on the home page."),
             proposer=delegation(amendment.delegation), invited=delegation(invited),
             proposal=_about(amendment), title=amendment.title),
        proposal_path(negotiation, amendment), delegation_id=invited.id,
        thread=proposal_thread(amendment))


#: An invitation's answer (InvitationAnswer's values): the title and the body it is told in.
_ANSWERED = {
    "accepted": (N_("%(invited)s accepted the invitation to co-sponsor %(proposal)s"),
                 N_("%(invited)s accepted your invitation to co-sponsor %(proposal)s "
                    "(%(title)s).")),
    "declined": (N_("%(invited)s declined the invitation to co-sponsor %(proposal)s"),
                 N_("%(invited)s declined your invitation to co-sponsor %(proposal)s "
                    "(%(title)s).")),
}


def invitation_answered(session: Session, negotiation: Negotiation, amendment: Amendment,
                        invited: Delegation, answer: str, at: datetime) -> None:
    """The proposing delegation is told the invited one's answer."""
    title, body = _ANSWERED[answer]
    params = dict(invited=delegation(invited), proposal=_about(amendment))
    tell_in_words(session, negotiation, "invitation", at, says(title, **params),
                  says(body, title=amendment.title, **params),
                  proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
                  thread=proposal_thread(amendment))


def cosponsor_changed(session: Session, negotiation: Negotiation, amendment: Amendment,
                      joining: Delegation, joined: bool, at: datetime) -> None:
    """The proposing delegation is told that a delegation joined or left its proposal."""
    if joined:
        title = N_("%(delegation)s joined %(proposal)s")
        body = N_("%(delegation)s joined %(proposal)s (%(title)s) as a co-sponsor.")
    else:
        title = N_("%(delegation)s left %(proposal)s")
        body = N_("%(delegation)s left %(proposal)s (%(title)s) as a co-sponsor.")
    params = dict(delegation=delegation(joining), proposal=_about(amendment))
    tell_in_words(session, negotiation, "cosponsor", at, says(title, **params),
                  says(body, title=amendment.title, **params),
                  proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
                  thread=proposal_thread(amendment))


def comment_replied(session: Session, negotiation: Negotiation, amendment: Amendment,
                    by: str, at: datetime) -> None:
    """The delegation that wrote the comment is told that it was answered."""
    tell_in_words(
        session, negotiation, "reply", at,
        says(N_("%(by)s replied on %(proposal)s"), by=by, proposal=_about(amendment)),
        says(N_("%(by)s replied to your comment on %(proposal)s (%(title)s)."), by=by,
             proposal=_about(amendment), title=amendment.title),
        proposal_path(negotiation, amendment), delegation_id=amendment.delegation_id,
        thread=proposal_thread(amendment))


#: The scope late leave is granted for when it is no one section (calendar.deadlines').
WHOLE_DRAFT = "the whole draft"


#: How people name a paragraph by its number, by its kind ("operative paragraph 3"); the
#: same messages the paragraph page names it with.
_PARAGRAPH_NAMES = {ParagraphKind.PREAMBULAR: N_("preambular paragraph %(label)s"),
                    ParagraphKind.OPERATIVE: N_("operative paragraph %(label)s")}


def paragraph_name(kind: ParagraphKind, label: str) -> tuple[str, str]:
    """The message that names a paragraph of ``kind`` numbered ``label``, and the number it
    quotes."""
    message = _PARAGRAPH_NAMES.get(kind, N_("sub-paragraph %(label)s"))
    return message, label.removeprefix("PP") if kind is ParagraphKind.PREAMBULAR else label


def paragraph_words(kind: ParagraphKind, label: str) -> Wording:
    """The paragraph's name, "operative paragraph 3", in each reader's language."""
    message, number = paragraph_name(kind, label)
    return says(message, label=number)


def scope_words(section: Section | None, paragraph: Paragraph | None = None,
                label: str = "") -> str | Wording:
    """What late leave (or a request for it) covers, as each reader is told it: one
    paragraph of a section, a section (its title, as typed), or the whole draft."""
    if paragraph is not None:
        return says(N_("%(paragraph)s of %(section)s"),
                    paragraph=paragraph_words(paragraph.kind, label),
                    section=paragraph.section.title)
    if section is not None:
        return section.title
    return says(N_("the whole draft"))


#: Who answers a request for late leave, and who follows the requests with the chair.
ANSWERING_LATE_REQUESTS = (Role.CHAIR, Role.SECRETARIAT)


def late_leave_asked(session: Session, negotiation: Negotiation, asking: Delegation,
                     scope: str | Wording, reason: str, request_id: int,
                     at: datetime) -> None:
    """The chair and the secretariat are told that a delegation asks for late leave, with
    the link to the request on the page where the chair grants or refuses it."""
    tell_in_words(
        session, negotiation, "late-leave-asked", at,
        says(N_("%(delegation)s asks for late leave for %(scope)s"),
             delegation=delegation(asking), scope=scope),
        says(N_("%(delegation)s asks to submit late for %(scope)s. The chair grants or "
                "refuses the request on the late submissions page. The delegation's reason: "
                "%(reason)s"),
             delegation=delegation(asking), scope=scope, reason=reason),
        negotiation_path(negotiation, f"chair/late/#late-request-{request_id}"),
        roles=ANSWERING_LATE_REQUESTS)


def late_leave_granted(session: Session, negotiation: Negotiation, granted: Delegation,
                       scope: str | Wording, until: datetime, at: datetime) -> None:
    """The delegation is told how long its late submissions are accepted."""
    where = says(N_("the whole draft")) if scope == WHOLE_DRAFT else scope
    tell_in_words(
        session, negotiation, "late-leave", at,
        says(N_("Late submissions accepted for %(scope)s"), scope=where),
        says(N_("The chair accepts late submissions from %(delegation)s for %(scope)s until "
                "%(until)s."), delegation=delegation(granted), scope=where,
             until=moment(until, negotiation.timezone)),
        negotiation_path(negotiation), delegation_id=granted.id, falls_at=until)


def late_leave_refused(session: Session, negotiation: Negotiation, refused: Delegation,
                       scope: str | Wording, reason: str, at: datetime) -> None:
    """The delegation is told that the chair refused its request, and why."""
    tell_in_words(
        session, negotiation, "late-leave", at,
        says(N_("Late leave refused for %(scope)s"), scope=scope),
        says(N_("The chair refused the request of %(delegation)s to submit late for "
                "%(scope)s. The chair's reason: %(reason)s"),
             delegation=delegation(refused), scope=scope, reason=reason),
        negotiation_path(negotiation, "late-leave/"), delegation_id=refused.id)


#: The chair's decisions on a proposal (chairing.proposal_decisions'): the title, the body,
#: and the body with the chair's reason.
_DECIDED = {
    "accepted": (N_("Proposal %(number)s by %(delegation)s accepted"),
                 N_("The chair accepted %(proposal)s (%(title)s)."),
                 N_("The chair accepted %(proposal)s (%(title)s). The chair's reason: "
                    "%(reason)s")),
    "set aside": (N_("Proposal %(number)s by %(delegation)s set aside"),
                  N_("The chair set aside %(proposal)s (%(title)s)."),
                  N_("The chair set aside %(proposal)s (%(title)s). The chair's reason: "
                     "%(reason)s")),
}


def proposal_decided(session: Session, negotiation: Negotiation, amendment: Amendment,
                     fate: str, at: datetime, reason: str = "") -> None:
    """The proposing delegation and its co-sponsors are told the chair's decision."""
    title, body, with_reason = _DECIDED[fate]
    told = says(body if not reason else with_reason, proposal=_about(amendment),
                title=amendment.title, reason=reason)
    for delegation_id in _sponsors(amendment):
        tell_in_words(session, negotiation, "decision", at,
                      says(title, number=amendment.number,
                           delegation=delegation(amendment.delegation)), told,
                      proposal_path(negotiation, amendment), delegation_id=delegation_id,
                      thread=proposal_thread(amendment))


#: The chair's decisions on a paragraph its proposers are told of (chairing.decisions').
_PARAGRAPH_DECIDED = {
    "approved": (N_("%(paragraph)s approved"),
                 N_("The chair's meeting approved %(paragraph)s, on which %(proposal)s was "
                    "made.")),
    "deferred to informal consultations": (
        N_("%(paragraph)s deferred to informal consultations"),
        N_("The chair's meeting deferred %(paragraph)s to informal consultations, on which "
           "%(proposal)s was made.")),
}


def paragraph_decided(session: Session, negotiation: Negotiation, name: Term,
                      amendments: list[Amendment], fate: str, at: datetime) -> None:
    """Each delegation with a proposal on the paragraph is told, in its proposal's thread."""
    title, body = _PARAGRAPH_DECIDED[fate]
    told: set[int] = set()
    for amendment in amendments:
        for delegation_id in _sponsors(amendment):
            if delegation_id in told:
                continue
            told.add(delegation_id)
            tell_in_words(
                session, negotiation, "decision", at,
                says(title, paragraph=phrase(name, capitalised=True)),
                says(body, paragraph=phrase(name), proposal=_about(amendment)),
                proposal_path(negotiation, amendment), delegation_id=delegation_id,
                thread=proposal_thread(amendment))
