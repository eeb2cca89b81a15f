"""Who a request comes from and the negotiation its address names, read together.

Every page of a negotiation asks both before anything else: does the browser's session
still open an account, and what part does that person take in this negotiation? One query
answers both, so each request (each submission of a deadline rush) pays one round trip for
them instead of two. Nothing is kept between requests: every request asks the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.models import Account, Appointment, Negotiation, Participation
from negotiation.people.appointments import actor_from
from negotiation.people.signin import opened_by, opening


@dataclass(frozen=True)
class SignedInAt:
    """The signed-in account and, if there is one by that name, the negotiation with the
    person's part in it (None if they take none)."""

    account: Account
    negotiation: Negotiation | None
    actor: Actor | None


@cache
def _signed_in_at() -> Select[tuple[Account, Negotiation | None, Appointment | None, bool]]:
    """The query of :func:`signed_in_at`, built once (building it costs more than running
    it); its values are bound at each call."""
    named = (func.lower(Negotiation.committee) == bindparam("committee")) & (
        Negotiation.cycle == bindparam("cycle"))
    admitted = select(Participation.id).where(
        Participation.negotiation_id == Negotiation.id,
        Participation.delegation_id == Account.delegation_id,
    ).exists()
    return (
        opened_by()
        .add_columns(Negotiation, Appointment, admitted)
        .outerjoin(Negotiation, named)
        .outerjoin(Appointment, (Appointment.negotiation_id == Negotiation.id)
                   & (Appointment.account_id == Account.id))
        .limit(1)
    )


def signed_in_at(
    session: Session, token: str, now: datetime, committee: str, cycle: str
) -> SignedInAt | None:
    """The account this session token opens (as :func:`negotiation.people.signin.account_for_token`
    finds it), with the negotiation a committee (any case) and a cycle name and the person's
    appointment there and whether their mission is admitted to it (as
    :func:`negotiation.people.appointments.actor_in` reads them); None when the token opens
    nothing."""
    row = session.execute(_signed_in_at(), {
        **opening(token, now), "committee": committee.lower(), "cycle": cycle}).first()
    if row is None:
        return None
    account, negotiation, appointment, mission_admitted = row
    if negotiation is None:
        return SignedInAt(account, None, None)
    return SignedInAt(account, negotiation, actor_from(account, appointment,
                                                       bool(mission_admitted)))
