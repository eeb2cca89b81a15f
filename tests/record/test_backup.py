"""Backup and restore on both engines: a restore into an empty database holds exactly the
same rows in every table, and the app runs on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, select

from negotiation.demo.loader import DEMO_ACCOUNTS, demo_password, load_cycle, load_demo_accounts
from negotiation.models import Account
from negotiation.people.signin import start_session
from negotiation.record.backup import main
from negotiation.record.clock import SystemClock
from negotiation.record.database import make_engine, make_session_factory
from tests.live import fresh_database
from web import create_app


def _contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in a stable order."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(connection.execute(select(table)).all(), key=repr)
            for name, table in metadata.tables.items()
        }


def test_backup_then_restore_into_an_empty_database_gives_the_same_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "negotiation.record.backup"
    with fresh_database(tmp_path, "backup_source") as source:
        engine = make_engine(source)
        with make_session_factory(engine)() as session, session.begin():
            load_cycle(session)
            load_demo_accounts(session, SystemClock().now())
            chair = session.scalars(select(Account).where(Account.username == "chair")).one()
            start_session(session, chair, SystemClock().now())
        assert main(["create", str(file), "--database", source]) == 0
        assert "written to" in capsys.readouterr().out
        before = _contents(engine)

        with fresh_database(tmp_path, "backup_restored", migrate=False) as restored:
            assert main(["restore", str(file), "--database", restored]) == 0
            copy = make_engine(restored)
            after = _contents(copy)
            assert sorted(after) == sorted(before)
            assert "alembic_version" in after and len(after) > 10
            for table, rows in before.items():
                assert after[table] == rows, table
            assert len(after["paragraph"]) > 50 and len(after["account"]) == len(DEMO_ACCOUNTS)

            # The app runs on the restored database, writes included.
            app = create_app({"DATABASE_URL": restored, "SECRET_KEY": "restored",
                              "TESTING": True, "WTF_CSRF_ENABLED": False})
            client = app.test_client()
            assert client.get("/health").status_code == 200
            signed_in = client.post("/auth/login", data={"username": "chair",
                                                         "password": demo_password("chair")})
            assert signed_in.status_code == 303
            assert client.get("/csh/2023-2024/draft/").status_code == 200
            assert len(_contents(copy)["sign_in_session"]) == 2  # a new row: ids go on
            app.config["SESSION_FACTORY"].kw["bind"].dispose()
            copy.dispose()

            # A restore never goes over a database that holds something.
            assert main(["restore", str(file), "--database", restored]) == 1
            assert "only into an empty database" in capsys.readouterr().out
        engine.dispose()


def test_a_backup_of_the_other_engine_or_no_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "not-a-backup"
    bogus.write_text("hello")
    with fresh_database(tmp_path, "backup_refused", migrate=False) as target:
        assert main(["restore", str(bogus), "--database", target]) == 1
        assert "is not a" in capsys.readouterr().out
        assert main(["restore", str(tmp_path / "missing"), "--database", target]) == 1
        assert "There is no backup" in capsys.readouterr().out
