"""Who takes part in which negotiation, and as what: roles are per negotiation.

A person's role in a negotiation is their appointment there (chair, secretariat, observer,
an entity's secretariat, or a delegate of a named delegation); without one, a person who
belongs to a member state's mission acts for it in every negotiation the state is admitted
to. An administrator creates negotiations and appoints their chairs and secretariats.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import Role
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import (
    Account,
    Appointment,
    Delegation,
    Negotiation,
    Participation,
    RecordEntry,
)
from negotiation.people.permissions import can_administer, can_change_appointment, require
from negotiation.record.journal import record
from negotiation.record.wording import phrase, says
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

#: Names of people acting, as the record and every "by" column keep them.
ACTOR_NAME_LIMIT = column_limit(RecordEntry.actor_name)
_REFUSAL = N_("Only an administrator appoints chairs and secretariats; the secretariat "
              "appoints observers, entities' secretariats and delegates.")

#: Roles a person can be appointed to in a negotiation.
APPOINTABLE = (Role.CHAIR, Role.SECRETARIAT, Role.OBSERVER, Role.ENTITY, Role.DELEGATION)


def _name(account: Account, delegation: Delegation | None) -> str:
    name = account.display_name
    if delegation is not None:
        suffix = f" ({delegation.name})"
        room = ACTOR_NAME_LIMIT - len(suffix)
        # A long display name is shortened so the delegation always shows, within the columns
        # that keep who acted.
        shown = name if len(name) <= room else name[: room - 1] + "…"
        name = shown + suffix
    return name


def actor_from(account: Account, appointment: Appointment | None,
               mission_admitted: bool) -> Actor | None:
    """The person as the domain sees them in a negotiation, from their appointment there
    (if any) and whether their mission is admitted to it; None if they take no part."""
    if appointment is not None:
        return Actor(appointment.role, _name(account, appointment.delegation),
                     appointment.delegation_id, appointment.entity)
    if account.delegation_id is not None and mission_admitted:
        return Actor(Role.DELEGATION, _name(account, account.delegation), account.delegation_id)
    if account.is_admin:
        return installation_actor(account)
    return None


def actor_in(session: Session, account: Account, negotiation: Negotiation) -> Actor | None:
    """The person as the domain sees them in this negotiation, or None if they take no part
    (one query: the appointment and whether the person's mission is admitted)."""
    admitted = select(Participation.id).where(
        Participation.negotiation_id == negotiation.id,
        Participation.delegation_id == account.delegation_id,
    ).exists()
    appointment, mission_admitted = session.execute(
        select(Appointment, admitted)
        .select_from(Negotiation)
        .outerjoin(Appointment, (Appointment.negotiation_id == Negotiation.id)
                   & (Appointment.account_id == account.id))
        .where(Negotiation.id == negotiation.id)
    ).one()
    return actor_from(account, appointment, mission_admitted)


def negotiation_named(session: Session, committee: str, cycle: str) -> Negotiation | None:
    """The negotiation a committee (any case) and a cycle name, if there is one (for a
    signed-in person, :func:`negotiation.people.signedin.signed_in_at` reads it with their part
    in it)."""
    return session.scalars(select(Negotiation).where(
        func.lower(Negotiation.committee) == committee.lower(), Negotiation.cycle == cycle)
    ).first()


def installation_actor(account: Account) -> Actor:
    """An administrator acting for the installation (creating negotiations, accounts)."""
    return Actor(Role.ADMIN, account.display_name)


def participates(session: Session, negotiation: Negotiation, delegation_id: int) -> bool:
    """Whether the delegation is admitted to the negotiation."""
    return session.scalar(
        select(func.count()).select_from(Participation).where(
            Participation.negotiation_id == negotiation.id,
            Participation.delegation_id == delegation_id)
    ) > 0


def participating_delegations(session: Session, negotiation: Negotiation) -> list[Delegation]:
    """The delegations admitted to the negotiation, by English name."""
    return list(session.scalars(
        select(Delegation).join(Participation, Participation.delegation_id == Delegation.id)
        .where(Participation.negotiation_id == negotiation.id).order_by(Delegation.name_en)
    ))


def admit_delegations(
    session: Session, negotiation: Negotiation, delegations: Iterable[Delegation]
) -> int:
    """Admit delegations not admitted yet; return how many were added."""
    present = {d.id for d in participating_delegations(session, negotiation)}
    added = [Participation(negotiation_id=negotiation.id, delegation_id=d.id)
             for d in delegations if d.id not in present]
    session.add_all(added)
    session.flush()
    return len(added)


def negotiations_of(session: Session, account: Account) -> list[Negotiation]:
    """The negotiations a person takes part in (all of them for an administrator): open ones
    first, then the archive, newest cycle first within each."""
    query = select(Negotiation)
    if not account.is_admin:
        appointed = select(Appointment.negotiation_id).where(
            Appointment.account_id == account.id)
        admitted = select(Participation.negotiation_id).where(
            Participation.delegation_id == account.delegation_id)
        query = query.where(Negotiation.id.in_(appointed) | Negotiation.id.in_(admitted))
    found = sorted(session.scalars(query), key=lambda n: n.committee)
    found.sort(key=lambda n: n.cycle, reverse=True)  # stable: committees stay in order
    found.sort(key=lambda n: n.is_closed)
    return found


def create_negotiation(
    session: Session,
    actor: Actor,
    now: datetime,
    *,
    committee: str,
    committee_name: str,
    cycle: str,
    title: str,
    symbol: str,
    timezone: str,
    original_language: str = "en",
    rules: str = "",
    thematic_areas: bool = True,
) -> Negotiation:
    """An administrator opens a new negotiation (a committee's cycle); recorded in it."""
    require(can_administer(actor), N_("Only an administrator creates negotiations."))
    committee = checked_text(committee, N_("The committee's code"), one_line=True,
                             limit=column_limit(Negotiation.committee)).upper()
    cycle = checked_text(cycle, N_("The cycle"), one_line=True,
                         limit=column_limit(Negotiation.cycle))
    committee_name = checked_text(committee_name, N_("The committee's name"), one_line=True,
                                  limit=column_limit(Negotiation.committee_name))
    title = checked_text(title, N_("The title"), one_line=True,
                         limit=column_limit(Negotiation.title))
    symbol = checked_text(symbol, N_("The document symbol"), one_line=True,
                          limit=column_limit(Negotiation.symbol))
    timezone = checked_text(timezone, N_("The time zone"), one_line=True,
                            limit=column_limit(Negotiation.timezone))
    if not committee.isascii() or not committee.replace("-", "").isalnum():
        raise InvalidSubmission("A committee's code is letters and digits, e.g. CSH or CAJP.")
    if not cycle or not cycle.isascii() or not cycle.replace("-", "").isalnum():
        raise InvalidSubmission("A cycle is written like 2024-2025.")
    for missing, value in ((N_("Give the committee's name."), committee_name),
                           (N_("Give the title."), title),
                           (N_("Give the document symbol."), symbol)):
        if not value.strip():
            raise InvalidSubmission(missing)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidSubmission(
            "%(timezone)r is not a time zone; write it like America/New_York.",
            timezone=timezone) from None
    if original_language not in ("en", "es", "fr", "pt"):
        raise InvalidSubmission("The original language is one of en, es, fr, pt.")
    taken = session.scalars(select(Negotiation).where(
        Negotiation.committee == committee, Negotiation.cycle == cycle)).first()
    if taken is not None:
        raise InvalidSubmission("%(committee)s %(cycle)s exists already.",
                                committee=committee, cycle=cycle)
    negotiation = Negotiation(
        committee=committee, committee_name=committee_name.strip(), cycle=cycle,
        title=title.strip(), symbol=symbol.strip(), timezone=timezone,
        original_language=original_language, rules=rules or f"{committee.lower()}-{cycle}",
        thematic_areas=thematic_areas,
    )
    session.add(negotiation)
    session.flush()
    record(session, negotiation.id, actor, now, "negotiation_created",
           says(N_("Negotiation %(committee)s %(cycle)s created: %(title)s"),
                committee=committee, cycle=cycle, title=negotiation.title))
    return negotiation


def holds(account: Account, appointment: Appointment | None) -> frozenset[Role]:
    """What a person holds in a negotiation that an appointment could take away: their
    appointment's role, and ADMIN for an administrator's account (an appointment there would
    replace it)."""
    held = {appointment.role} if appointment is not None else set()
    if account.is_admin:
        held.add(Role.ADMIN)
    return frozenset(held)


def _described(held: frozenset[Role]) -> str | Term:
    """The roles a person holds (an administrator's are refused apart): one role is a word
    of the catalogs; several, rare, read as stored."""
    if len(held) == 1:
        return Term(next(iter(held)).value)
    return " and ".join(sorted(role.value for role in held))


def may_end(actor: Actor, appointment: Appointment) -> bool:
    """Whether the actor may end this appointment (the People page offers only those)."""
    return can_change_appointment(actor, holds(appointment.account, appointment), None)


def appoint(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    account: Account,
    role: Role,
    now: datetime,
    *,
    delegation: Delegation | None = None,
    entity: str | None = None,
) -> Appointment:
    """Appoint a person to a role in the negotiation (replacing any earlier appointment)."""
    existing = session.scalars(select(Appointment).where(
        Appointment.negotiation_id == negotiation.id, Appointment.account_id == account.id)
    ).first()
    require(can_change_appointment(actor, frozenset(), role), _REFUSAL)
    held = holds(account, existing)
    if Role.ADMIN in held:
        require(can_change_appointment(actor, held, role),
                N_("%(name)s is an administrator here: only an administrator changes their "
                   "appointment."), name=account.display_name)
    require(can_change_appointment(actor, held, role),
            N_("%(name)s is %(role)s here: only an administrator changes their appointment."),
            name=account.display_name, role=_described(held))
    if role not in APPOINTABLE:
        raise InvalidSubmission("No one is appointed as %(role)s.", role=Term(role.value))
    if (role is Role.DELEGATION) != (delegation is not None):
        raise InvalidSubmission("A delegate is appointed for one delegation.")
    entity = checked_text(entity, N_("The entity"), one_line=True,
                          limit=column_limit(Appointment.entity)) or None
    if (role is Role.ENTITY) != (entity is not None):
        raise InvalidSubmission("An entity's secretariat names its entity, e.g. JID.")
    if existing is not None:
        session.delete(existing)
        session.flush()
    appointment = Appointment(
        negotiation_id=negotiation.id, account_id=account.id, role=role,
        delegation_id=delegation.id if delegation else None, entity=entity,
        appointed_at=now, appointed_by=actor.name,
    )
    session.add(appointment)
    session.flush()
    what = (says(N_("%(role)s of %(delegation)s"), role=Term(role.value), delegation=delegation)
            if delegation else phrase(Term(role.value)))
    if entity:
        what = says(N_("%(part)s (%(entity)s)"), part=what, entity=entity)
    record(session, negotiation.id, actor, now, "person_appointed",
           says(N_("%(name)s appointed: %(part)s"), name=account.display_name, part=what),
           subject=f"account:{account.id}")
    return appointment


def end_appointment(
    session: Session, negotiation: Negotiation, actor: Actor, appointment: Appointment,
    now: datetime,
) -> None:
    """End a person's appointment in the negotiation; recorded."""
    require(may_end(actor, appointment),
            N_("Only an administrator ends the appointment of %(name)s (%(role)s)."),
            name=appointment.account.display_name, role=Term(appointment.role.value))
    name = appointment.account.display_name
    session.delete(appointment)
    session.flush()
    record(session, negotiation.id, actor, now, "appointment_ended",
           says(N_("%(name)s no longer %(role)s"), name=name,
                role=Term(appointment.role.value)),
           subject=f"account:{appointment.account_id}")


def appointable_accounts(session: Session, negotiation: Negotiation,
                         actor: Actor) -> list[Account]:
    """The active accounts the actor may appoint in the negotiation (the People page's
    list), by display name: for the secretariat, no one who holds a desk it may not give
    or take."""
    held = {a.account_id: a for a in session.scalars(select(Appointment).where(
        Appointment.negotiation_id == negotiation.id))}
    found = session.scalars(select(Account).where(Account.active.is_(True)))
    return sorted((account for account in found if can_change_appointment(
        actor, holds(account, held.get(account.id)), None)),
        key=lambda account: (account.display_name.lower(), account.username))


def appointments_of(session: Session, negotiation: Negotiation) -> list[Appointment]:
    """The people appointed in the negotiation, by role then name."""
    return sorted(
        session.scalars(select(Appointment).where(Appointment.negotiation_id == negotiation.id)),
        key=lambda a: (APPOINTABLE.index(a.role), a.account.display_name),
    )


def close_negotiation(
    session: Session, negotiation: Negotiation, actor: Actor, now: datetime, reason: str = ""
) -> None:
    """Close the cycle: it stays readable as an archive and accepts no change."""
    require(can_administer(actor) or actor.role is Role.CHAIR,
            N_("Only the chair or an administrator closes a negotiation."))
    if negotiation.is_closed:
        raise RefusedTransition("%(committee)s %(cycle)s is closed already.",
                                committee=negotiation.committee, cycle=negotiation.cycle)
    reason = checked_text(reason, N_("The reason"), limit=column_limit(RecordEntry.reason))
    record(session, negotiation.id, actor, now, "negotiation_closed",
           says(N_("%(committee)s %(cycle)s closed; it stays as an archive."),
                committee=negotiation.committee, cycle=negotiation.cycle),
           reason=reason)
    session.flush()
    negotiation.closed_at = now
    session.flush()
