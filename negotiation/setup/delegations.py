"""The organization's member states, and the delegations taking part in one negotiation.

The organization's list is kept in the ``delegation`` table and refreshed from the file
``member_states.toml`` beside this module (or another the secretariat names); each
negotiation admits some of them (``participation``). A delegation that has sent anything in
a negotiation stays in it: what it sent is never orphaned.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select, union
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.errors import InvalidSetting, StaleEdit
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Negotiation,
    Participation,
)
from negotiation.people.appointments import participating_delegations
from negotiation.people.permissions import can_choose_participants, require
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.setup.saving import saved_alone
from negotiation.text.delegations import Names
from negotiation.text.languages import N_

MEMBER_STATES = Path(__file__).with_name("member_states.toml")
NAMES = ("name_en", "name_es", "name_fr", "name_pt")


def member_states(session: Session) -> list[Delegation]:
    """The organization's active member states, by English name."""
    return list(session.scalars(
        select(Delegation).where(Delegation.active).order_by(Delegation.name_en)))


def load_member_states(session: Session, path: Path = MEMBER_STATES) -> dict[str, Delegation]:
    """Bring the organization's list up to date with a file: states not there yet are added,
    names are corrected. Nothing is removed (past negotiations name those states). Returns
    every state by its code."""
    with path.open("rb") as handle:
        states = tomllib.load(handle).get("state", [])
    known = {d.code: d for d in session.scalars(select(Delegation))}
    for state in states:
        delegation = known.get(state["code"])
        if delegation is None:
            delegation = Delegation(code=state["code"], **{k: state[k] for k in NAMES})
            session.add(delegation)
            known[delegation.code] = delegation
        else:
            for name in NAMES:
                setattr(delegation, name, state[name])
    session.flush()
    return known


def delegations_that_sent(session: Session, negotiation: Negotiation) -> set[int]:
    """Delegations that proposed or joined anything in this negotiation."""
    proposed = select(Amendment.delegation_id).where(
        Amendment.negotiation_id == negotiation.id)
    joined = (select(AmendmentSupport.delegation_id)
              .join(Amendment, Amendment.id == AmendmentSupport.amendment_id)
              .where(Amendment.negotiation_id == negotiation.id))
    return set(session.scalars(union(proposed, joined)))


def delegations_in_negotiation(session: Session, negotiation: Negotiation) -> list[Delegation]:
    """The delegations a reader may filter this negotiation's documents and record by: those
    taking part, and any that sent something before it stopped taking part, by English
    name (not every member state of the organization)."""
    taking_part = {d.id: d for d in participating_delegations(session, negotiation)}
    sent = delegations_that_sent(session, negotiation) - taking_part.keys()
    if sent:
        taking_part.update({d.id: d for d in session.scalars(
            select(Delegation).where(Delegation.id.in_(sent)))})
    return sorted(taking_part.values(), key=lambda d: d.name_en)


def choose_participants(
    session: Session, negotiation: Negotiation, actor: Actor, chosen: Collection[int],
    seen: Collection[int], now: datetime,
) -> tuple[list[Delegation], list[Delegation]]:
    """Make ``chosen`` (delegation ids) the delegations taking part; recorded.

    ``seen`` is the list the person was shown: if someone changed it since, the choice is
    refused rather than silently undoing theirs. Returns (admitted, no longer taking part).
    """
    require(can_choose_participants(actor),
            N_("Only the secretariat chooses the delegations taking part."))
    states = {d.id: d for d in member_states(session)}
    unknown = set(chosen) - set(states)
    if unknown:
        raise InvalidSetting("Choose delegations from the organization's member states.",
                             "delegations")
    current = {d.id: d for d in participating_delegations(session, negotiation)}
    if set(seen) != set(current):
        raise StaleEdit("Someone changed the delegations taking part while you were choosing; "
                        "the list below is as it stands now. Choose again.",
                        written_on=None, current=None)
    admitted = [states[i] for i in sorted(set(chosen) - set(current),
                                          key=lambda i: states[i].name_en)]
    dropped = [current[i] for i in sorted(set(current) - set(chosen),
                                          key=lambda i: current[i].name_en)]
    kept = [d for d in dropped if d.id in delegations_that_sent(session, negotiation)]
    if kept:
        raise InvalidSetting(
            "%(delegations)s sent proposals in this negotiation and stay(s) in it: what a "
            "delegation sent is never left without its sender.", "delegations",
            delegations=Names(kept))

    if not admitted and not dropped:
        raise InvalidSetting("Nothing to save: the delegations taking part are as they were.")
    with saved_alone(session, N_("The delegations changed at the same moment; choose again."),
                     taken=InvalidSetting("Someone admitted the same delegation at the same "
                                          "moment; choose again.")):

        session.add_all(Participation(negotiation_id=negotiation.id, delegation_id=d.id)
                        for d in admitted)
        if dropped:
            session.execute(delete(Participation).where(
                Participation.negotiation_id == negotiation.id,
                Participation.delegation_id.in_([d.id for d in dropped])))
    if admitted and dropped:
        chosen = says(N_("Delegations admitted: %(admitted)s; no longer taking part: "
                         "%(dropped)s"), admitted=Names(admitted), dropped=Names(dropped))
    elif admitted:
        chosen = says(N_("Delegations admitted: %(admitted)s"), admitted=Names(admitted))
    else:
        chosen = says(N_("Delegations no longer taking part: %(dropped)s"),
                      dropped=Names(dropped))
    record(session, negotiation.id, actor, now, "participants_chosen", chosen)
    session.flush()
    return admitted, dropped


def participant_count(session: Session, negotiation: Negotiation) -> int:
    """How many delegations take part."""
    return session.scalar(select(func.count()).select_from(Participation).where(
        Participation.negotiation_id == negotiation.id)) or 0
