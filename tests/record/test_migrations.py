"""Upgrading a database that people already use keeps what they could do."""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from alembic import command
from sqlalchemy import Connection, inspect, text

from negotiation.record.database import make_engine
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


def _insert(db: Connection, table: str, **values: object) -> None:
    columns = ", ".join(values)
    db.execute(text(f"INSERT INTO {table} ({columns}) VALUES "
                    f"({', '.join(':' + c for c in values)})"), values)


def test_proposals_already_sent_are_numbered_per_negotiation_in_the_order_sent(
    tmp_path: Path,
) -> None:
    url = _fresh_database(tmp_path)
    command.upgrade(alembic_config(url), "0006")
    engine = make_engine(url)
    with engine.begin() as db:
        _insert(db, "delegation", id=1, code="MEX", name_en="Mexico", name_es="México",
                name_fr="Mexique", name_pt="México", active=True)
        for negotiation in (1, 2):
            _insert(db, "negotiation", id=negotiation, committee="CSH", committee_name="CSH",
                    council="", cycle=f"202{negotiation}", title="Draft", symbol="CP/CSH-1",
                    timezone="America/New_York", languages="en", original_language="en",
                    rules="x")
            _insert(db, "section", id=negotiation, negotiation_id=negotiation, code="tip",
                    kind="item", area=5, title="Trafficking in persons", position=1)
            _insert(db, "paragraph", id=negotiation, negotiation_id=negotiation,
                    section_id=negotiation, kind="operative", is_mandates=False, position=1,
                    state="amended", proposer_kind="chair",
                    created_at="2024-03-21 14:00:00")
            _insert(db, "paragraph_version", id=negotiation, paragraph_id=negotiation,
                    number=1, text="To urge states.", created_at="2024-03-21 14:00:00",
                    author_role="chair", author_name="Chair", reason="")
        # Ids out of the order sent: the numbers follow the moment sent.
        for ident, negotiation, sent in [(1, 1, "2024-04-02"), (2, 2, "2024-04-01"),
                                         (3, 1, "2024-04-01"), (4, 1, "2024-04-03")]:
            _insert(db, "amendment", id=ident, negotiation_id=negotiation,
                    paragraph_id=negotiation, base_version_id=negotiation, delegation_id=1,
                    kind="comment", comment="We wish to hear the Secretariat.", late=False,
                    submitted_at=f"{sent} 10:00:00", submitted_by="Delegate",
                    state="submitted", resolution_note="")
    engine.dispose()

    command.upgrade(alembic_config(url), "head")

    engine = make_engine(url)
    with engine.connect() as db:
        numbers = dict(db.execute(text("SELECT id, number FROM amendment")).all())
        counters = dict(db.execute(text("SELECT id, last_proposal_number FROM negotiation")).all())
        open_rule = "uq_amendment_one_open_per_delegation" in {
            index["name"] for index in inspect(db).get_indexes("amendment")}
    engine.dispose()
    assert numbers == {3: 1, 1: 2, 4: 3, 2: 1}
    assert counters == {1: 3, 2: 1}
    assert open_rule


def test_remarks_left_open_on_decided_paragraphs_are_noted_as_of_the_decision(
    tmp_path: Path,
) -> None:
    """A database in use holds comments that stayed "submitted" on paragraphs approved
    before comments followed their paragraph: the upgrade notes them, as of the approval."""
    from sqlalchemy.orm import Session

    from negotiation.chairing.decisions import decide, triage_section
    from negotiation.enums import AmendmentKind
    from negotiation.proposals.submissions import submit_proposal
    from negotiation.record.clock import FixedClock, parse_moment
    from tests.builders import CHAIR, build_world

    url = _fresh_database(tmp_path)
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        world = build_world(session, FixedClock(parse_moment("2024-04-01 10:00 America/New_York")))
        pp1, pp2 = world.paragraphs["pp1"], world.paragraphs["pp2"]
        remarks = [submit_proposal(session, world.negotiation, world.delegate(code), paragraph,
                                   AmendmentKind.COMMENT, world.now,
                                   written_on=paragraph.current_version.id,
                                   comment=f"A remark of {code}").amendment
                   for code, paragraph in (("MEX", pp1), ("CAN", pp2))]
        world.after_deadline()
        triage_section(session, world.negotiation, CHAIR, world.sections["tip"], world.now)
        decide(session, world.negotiation, CHAIR, pp1, "approve", world.now)
        session.flush()
        decided_at = world.now
        ids = [remark.id for remark in remarks]
        session.commit()
    engine.dispose()
    # Back to before remarks were noted: the approved paragraph's comment is left open again,
    # as the tracker used to leave it.
    command.downgrade(alembic_config(url), "0013")
    engine = make_engine(url)
    with engine.connect() as db:
        assert db.scalar(text(f"SELECT state FROM amendment WHERE id = {ids[0]}")) == "submitted"
    engine.dispose()

    command.upgrade(alembic_config(url), "head")

    engine = make_engine(url)
    with engine.connect() as db:
        rows = {row[0]: row[1:] for row in db.execute(text(
            "SELECT id, state, resolution_note, resolved_at FROM amendment WHERE id IN "
            f"({ids[0]}, {ids[1]})"))}
    engine.dispose()
    state, note, resolved_at = rows[ids[0]]
    assert (state, note) == ("noted", "The paragraph was approved")
    assert str(resolved_at)[:16] == decided_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    assert rows[ids[1]][:2] == ("submitted", "")  # its paragraph is still negotiated
