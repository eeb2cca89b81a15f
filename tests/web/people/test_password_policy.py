"""The password policy: common, breached and account-derived passwords are refused wherever
a password is set (the domain, the secretariat's page, the command), and the demo's pass."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from negotiation.demo.loader import DEMO_ACCOUNTS, demo_password, load_cycle, load_demo_accounts
from negotiation.errors import InvalidSubmission
from negotiation.people.accounts import (
    authenticate,
    create_account,
    find_account,
    hash_password,
    main,
)
from negotiation.people.password_policy import check_password
from negotiation.record.clock import parse_moment
from negotiation.record.database import make_engine, make_session_factory
from tests.builders import World
from tests.conftest import alembic_config

DOCS = Path(__file__).resolve().parents[3] / "docs" / "demo-accounts.md"
NOW = parse_moment("2024-04-20 10:00 America/New_York")


@pytest.mark.parametrize("weak", [
    "password", "12345678", "password123", "qwertyuiop", "iloveyou12", "1234567890",
    "Password1!", "letmein2024",
])
def test_common_and_breached_passwords_are_refused(world: World, weak: str) -> None:
    with pytest.raises(InvalidSubmission, match="password"):
        create_account(world.session, "per1", weak, world.now, delegation_code="PER")
    assert find_account(world.session, "per1") is None


def test_a_password_built_on_the_username_is_refused() -> None:
    with pytest.raises(InvalidSubmission, match="stronger"):
        check_password("mexicodelegate1", related=("mexicodelegate", "Delegate of Mexico"))
    check_password("quiet-harbour-cinnamon", related=("mexicodelegate",))


def test_length_limits_say_so() -> None:
    with pytest.raises(InvalidSubmission, match="at least 10 characters"):
        check_password("x7#Qp!2z")
    with pytest.raises(InvalidSubmission, match="at most 128 characters"):
        check_password("long passphrase " * 20)


def test_the_secretariat_page_refuses_a_common_password(
    client_as: Callable[[str | None], FlaskClient], world: World
) -> None:
    client = client_as("admin")
    refused = client.post("/accounts/", data={"username": "per1", "password": "password123",
                                              "delegation": "PER"})
    assert refused.status_code == 422
    assert b"stronger password" in refused.data
    assert b'value="per1"' in refused.data and b"password123" not in refused.data
    assert find_account(world.session, "per1") is None


def test_the_command_refuses_a_common_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    monkeypatch.setenv("NEGOTIATION_PASSWORD", "12345678")
    assert main(["create", "--username", "sec2", "--database", url]) == 1
    assert "at least 10 characters" in capsys.readouterr().out
    monkeypatch.setenv("NEGOTIATION_PASSWORD", "password1234")
    assert main(["create", "--username", "sec2", "--database", url]) == 1
    assert "stronger password" in capsys.readouterr().out
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        assert find_account(session, "sec2") is None
    engine.dispose()


def test_the_documented_demo_passwords_pass_the_policy_and_sign_in(session: Session) -> None:
    documented = dict(re.findall(r"^\| (\w+) \| (\S+) \|", DOCS.read_text(), re.MULTILINE))
    assert set(documented) - {"username"} == {name for name, *_ in DEMO_ACCOUNTS}
    load_cycle(session)
    load_demo_accounts(session, NOW)
    for username, *_ in DEMO_ACCOUNTS:
        assert documented[username] == demo_password(username)
        assert authenticate(session, username, documented[username]) is not None


def test_an_older_demo_database_gets_the_documented_passwords(session: Session) -> None:
    load_cycle(session)
    load_demo_accounts(session, NOW)
    chair = find_account(session, "chair")
    assert chair is not None
    chair.password_hash = hash_password("demo-chair")  # as the earlier demo set it
    load_demo_accounts(session, NOW)
    assert authenticate(session, "chair", demo_password("chair")) is not None
    assert authenticate(session, "chair", "demo-chair") is None
