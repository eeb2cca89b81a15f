"""Who may change whose appointment: every acting role against every person's current part in
the negotiation and every new role (or the end of the appointment), as one readable table.

The table is checked twice: against the rule itself, and through the acts that change an
appointment (appointing, re-appointing, ending one), which must allow exactly what it allows
and change nothing when they refuse.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from negotiation.actors import SYSTEM, Actor
from negotiation.enums import Role
from negotiation.errors import NotPermitted
from negotiation.models import Account, Appointment
from negotiation.people.appointments import appoint, end_appointment, holds
from negotiation.people.permissions import can_change_appointment
from tests.builders import World

NEW = ("chair", "secretariat", "observer", "entity", "delegation", "end")

# "now" is what the person holds in the negotiation before the act: "nothing" (no
# appointment), an appointment's role, "admin" (an administrator's account) or both.
# "-": there is no appointment to end.
RIGHTS = """
acting       now            chair  secretariat  observer  entity  delegation  end
admin        nothing        yes    yes          yes       yes     yes         -
admin        chair          yes    yes          yes       yes     yes         yes
admin        secretariat    yes    yes          yes       yes     yes         yes
admin        observer       yes    yes          yes       yes     yes         yes
admin        entity         yes    yes          yes       yes     yes         yes
admin        delegation     yes    yes          yes       yes     yes         yes
admin        admin          yes    yes          yes       yes     yes         -
admin        admin+chair    yes    yes          yes       yes     yes         yes
system       nothing        yes    yes          yes       yes     yes         -
system       chair          yes    yes          yes       yes     yes         yes
system       admin          yes    yes          yes       yes     yes         -
secretariat  nothing        no     no           yes       yes     yes         -
secretariat  chair          no     no           no        no      no          no
secretariat  secretariat    no     no           no        no      no          no
secretariat  observer       no     no           yes       yes     yes         yes
secretariat  entity         no     no           yes       yes     yes         yes
secretariat  delegation     no     no           yes       yes     yes         yes
secretariat  admin          no     no           no        no      no          -
secretariat  admin+chair    no     no           no        no      no          no
chair        nothing        no     no           no        no      no          -
chair        chair          no     no           no        no      no          no
chair        secretariat    no     no           no        no      no          no
chair        observer       no     no           no        no      no          no
chair        delegation     no     no           no        no      no          no
chair        admin          no     no           no        no      no          -
delegation   nothing        no     no           no        no      no          -
delegation   chair          no     no           no        no      no          no
delegation   observer       no     no           no        no      no          no
delegation   delegation     no     no           no        no      no          no
entity       nothing        no     no           no        no      no          -
entity       chair          no     no           no        no      no          no
entity       observer       no     no           no        no      no          no
observer     nothing        no     no           no        no      no          -
observer     chair          no     no           no        no      no          no
observer     observer       no     no           no        no      no          no
observer     secretariat    no     no           no        no      no          no
"""


def _rows() -> list[tuple[str, str, dict[str, str]]]:
    header, *lines = RIGHTS.strip().splitlines()
    assert header.split()[2:] == list(NEW)
    rows = []
    for line in lines:
        acting, now, *cells = line.split()
        rows.append((acting, now, dict(zip(NEW, cells, strict=True))))
    return rows


ROWS = _rows()


def _held(now: str) -> frozenset[Role]:
    return frozenset() if now == "nothing" else frozenset(Role(p) for p in now.split("+"))


def _acting(role: str, world: World) -> Actor:
    if role == "delegation":
        return world.delegate("MEX")
    return {"system": SYSTEM, "entity": Actor(Role.ENTITY, "JID", entity="JID")}.get(
        role, Actor(Role(role), role.capitalize()))


def test_the_table_covers_every_acting_role_and_every_part_a_person_holds() -> None:
    assert {acting for acting, _, _ in ROWS} == {r.value for r in Role}
    assert {now for _, now, _ in ROWS} >= {"nothing", "admin", "admin+chair"} | {
        r.value for r in (Role.CHAIR, Role.SECRETARIAT, Role.OBSERVER, Role.ENTITY,
                          Role.DELEGATION)}


@pytest.mark.parametrize(("acting", "now", "expected"), ROWS,
                         ids=[f"{a} on {n}" for a, n, _ in ROWS])
def test_the_rule_says_what_the_table_says(
    acting: str, now: str, expected: dict[str, str], world: World
) -> None:
    actor = _acting(acting, world)
    for new, cell in expected.items():
        if cell == "-":
            continue
        role = None if new == "end" else Role(new)
        assert can_change_appointment(actor, _held(now), role) == (cell == "yes"), (
            f"{acting} making {now} {new}")


def _person(world: World, now: str) -> Account:
    held = _held(now)
    account = Account(username="target", display_name="Target", password_hash="-",
                      active=True, is_admin=Role.ADMIN in held, created_at=world.now)
    world.session.add(account)
    world.session.flush()
    for role in held - {Role.ADMIN}:
        world.session.add(Appointment(
            negotiation_id=world.negotiation.id, account_id=account.id, role=role,
            delegation_id=world.delegations["CAN"].id if role is Role.DELEGATION else None,
            entity="CICTE" if role is Role.ENTITY else None,
            appointed_at=world.now, appointed_by="tests"))
    world.session.flush()
    return account


def _appointment(world: World, account: Account) -> Appointment | None:
    return world.session.scalars(select(Appointment).where(
        Appointment.negotiation_id == world.negotiation.id,
        Appointment.account_id == account.id)).first()


@pytest.mark.parametrize(("acting", "now", "expected"), ROWS,
                         ids=[f"{a} on {n}" for a, n, _ in ROWS])
def test_appointing_and_ending_allow_what_the_table_says_and_refusals_change_nothing(
    acting: str, now: str, expected: dict[str, str], world: World
) -> None:
    actor = _acting(acting, world)
    account = _person(world, now)
    before = _appointment(world, account)
    was = (before.role, before.delegation_id, before.entity) if before else None
    assert holds(account, before) == _held(now)
    for new, cell in expected.items():
        if cell == "-":
            continue
        nested = world.session.begin_nested()
        try:
            if new == "end":
                assert before is not None
                end_appointment(world.session, world.negotiation, actor, before, world.now)
            else:
                role = Role(new)
                appoint(world.session, world.negotiation, actor, account, role, world.now,
                        delegation=world.delegations["MEX"] if role is Role.DELEGATION
                        else None,
                        entity="JID" if role is Role.ENTITY else None)
            done = True
        except NotPermitted:
            done = False
            after = _appointment(world, account)
            kept = (after.role, after.delegation_id, after.entity) if after else None
            assert kept == was, (
                f"refused, yet {acting} changed {now}'s appointment ({new})")
        finally:
            nested.rollback()
        assert done == (cell == "yes"), f"{acting} making {now} {new}"
