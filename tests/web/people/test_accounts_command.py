"""`python -m negotiation.people.accounts create`: an account made by command can sign in."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from negotiation.people.accounts import authenticate, main
from negotiation.record.database import make_engine, make_session_factory
from tests.conftest import alembic_config


def test_create_account_by_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    # A database of its own: the command commits, unlike the rolled-back tests.
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    monkeypatch.setenv("NEGOTIATION_PASSWORD", "correct-horse-battery")
    assert main(["create", "--username", "Sec2", "--database", url]) == 0
    assert "Account sec2 created" in capsys.readouterr().out
    assert main(["create", "--username", "sec2", "--database", url]) == 1
    assert "taken" in capsys.readouterr().out
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        assert authenticate(session, "sec2", "correct-horse-battery") is not None
        assert authenticate(session, "sec2", "wrong-password") is None
    assert main(["create", "--username", "boss", "--admin", "--database", url]) == 0
    assert main(["create", "--username", "mex7", "--delegation", "XXX", "--database", url]) == 1
    assert "No member state has the code 'XXX'" in capsys.readouterr().out
    with make_session_factory(engine)() as session:
        boss = authenticate(session, "boss", "correct-horse-battery")
        assert boss is not None and boss.is_admin
        assert not authenticate(session, "sec2", "correct-horse-battery").is_admin  # type: ignore[union-attr]
    engine.dispose()
