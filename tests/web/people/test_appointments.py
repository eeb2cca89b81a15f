"""Who may change whose appointment, through the People page: the secretariat appoints and
removes observers, entities' secretariats and delegates, and never takes a desk away."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.enums import Role
from negotiation.models import Account, Appointment
from tests.builders import World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def _role_of(world: World, account: Account) -> Role | None:
    world.session.expire_all()
    found = world.session.scalars(select(Appointment).where(
        Appointment.negotiation_id == world.negotiation.id,
        Appointment.account_id == account.id)).first()
    return found.role if found is not None else None


@pytest.mark.parametrize("target", ["chair", "admin", "secretariat"])
def test_the_secretariat_cannot_take_a_desk_away_by_re_appointing_its_holder(
    target: str, world: World, accounts: dict[str, Account], client_as: Client
) -> None:
    held = _role_of(world, accounts[target])

    refused = client_as("secretariat").post(
        at("/people/"), data={"username": target, "role": "observer"})

    assert refused.status_code == 403
    assert "only an administrator changes their appointment" in refused.data.decode()
    assert _role_of(world, accounts[target]) == held
    # The person still has their desk: the chair's, the administrator's People page.
    desk = {"chair": "/chair/", "admin": "/people/", "secretariat": "/people/"}[target]
    assert client_as(target).get(at(desk)).status_code == 200


def test_the_secretariat_ends_an_observer_s_appointment_but_not_the_chair_s(
    world: World, accounts: dict[str, Account], client_as: Client
) -> None:
    secretariat = client_as("secretariat")
    page = secretariat.get(at("/people/")).data.decode()
    # Only the appointments it may end carry the button: the observer's, not the chair's
    # nor its own.
    assert page.count("End the appointment") == 1
    chair = world.session.scalars(select(Appointment).where(
        Appointment.account_id == accounts["chair"].id)).one()
    observer = world.session.scalars(select(Appointment).where(
        Appointment.account_id == accounts["observer"].id)).one()

    refused = secretariat.post(at(f"/people/{chair.id}/end"))
    assert refused.status_code == 403
    assert "Only an administrator ends the appointment of Chair" in refused.data.decode()
    assert _role_of(world, accounts["chair"]) is Role.CHAIR

    assert secretariat.post(at(f"/people/{observer.id}/end")).status_code == 303
    assert _role_of(world, accounts["observer"]) is None


def test_an_administrator_ends_the_chair_s_appointment(
    world: World, accounts: dict[str, Account], client_as: Client
) -> None:
    admin = client_as("admin")
    assert admin.get(at("/people/")).data.decode().count("End the appointment") == 3
    chair = world.session.scalars(select(Appointment).where(
        Appointment.account_id == accounts["chair"].id)).one()

    assert admin.post(at(f"/people/{chair.id}/end")).status_code == 303
    assert _role_of(world, accounts["chair"]) is None


@pytest.mark.parametrize("who", ["secretariat", "chair", "mex"])
@pytest.mark.parametrize(("method", "page"), [("get", "/accounts/"), ("post", "/accounts/")])
def test_the_accounts_page_tells_others_it_is_the_administrators(
    who: str, method: str, page: str, client_as: Client
) -> None:
    refused = getattr(client_as(who), method)(page, data={"username": "per1"})

    assert refused.status_code == 403
    body = refused.data.decode()
    assert "Only an administrator manages accounts." in body
    assert "take no part in this negotiation" not in body
