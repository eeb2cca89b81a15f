"""Upgrading a database that people already use keeps what they could do."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from alembic import command
from sqlalchemy import text

from negotiation.database import make_engine
from tests.conftest import alembic_config

SCHEMA = "upgrade_check"


def _fresh_database(tmp_path: Path) -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
    engine = make_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    parts = urlsplit(base)
    query = dict(parse_qsl(parts.query)) | {"options": f"-csearch_path={SCHEMA}"}
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_accounts_of_one_negotiation_keep_their_roles_after_the_upgrade(tmp_path: Path) -> None:
    url = _fresh_database(tmp_path)
    command.upgrade(alembic_config(url), "0002")
    engine = make_engine(url)
    with engine.begin() as db:
        db.execute(text(
            "INSERT INTO negotiation (id, committee, committee_name, council, cycle, title, "
            "symbol, timezone, languages, original_language, rules) VALUES (1, 'CSH', 'CSH', "
            "'', '2023-2024', 'Draft', 'CP/CSH-1/24', 'America/New_York', 'en', 'en', 'x')"))
        db.execute(text(
            "INSERT INTO delegation (id, code, name_en, name_es, name_fr, name_pt, active) "
            "VALUES (1, 'MEX', 'Mexico', 'México', 'Mexique', 'México', true)"))
        for ident, name, role, delegation in [(1, "chair", "chair", None),
                                              (2, "sec", "secretariat", None),
                                              (3, "mex1", "delegation", 1)]:
            db.execute(text(
                "INSERT INTO account (id, username, display_name, password_hash, role, "
                "delegation_id, active, created_at) VALUES (:i, :n, :n, 'x', :r, :d, true, "
                "'2024-01-01 00:00:00')"), {"i": ident, "n": name, "r": role, "d": delegation})
    engine.dispose()

    command.upgrade(alembic_config(url), "head")

    engine = make_engine(url)
    with engine.connect() as db:
        roles = dict(db.execute(text(
            "SELECT a.username, p.role FROM appointment p JOIN account a "
            "ON a.id = p.account_id WHERE p.negotiation_id = 1")).all())
        admitted = db.execute(text(
            "SELECT delegation_id FROM participation WHERE negotiation_id = 1")).scalars().all()
        mission = db.execute(text(
            "SELECT delegation_id FROM account WHERE username = 'mex1'")).scalar()
    engine.dispose()
    assert roles == {"chair": "chair", "sec": "secretariat"}
    assert admitted == [1] and mission == 1
