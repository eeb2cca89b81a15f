"""``python -m negotiation.setup``: the calendar and the caps from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.orm import Session

from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine
from negotiation.setup.__main__ import main
from tests.builders import build_world
from tests.conftest import alembic_config

CYCLE = ["--committee", "CSH", "--cycle", "2023-2024"]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A committed database of its own (the command opens its own connection)."""
    url = f"sqlite:///{tmp_path / 'negotiation.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        build_world(session, FixedClock(parse_moment("2024-04-01 10:00 America/New_York")))
    engine.dispose()
    monkeypatch.setenv("NEGOTIATION_CLOCK", "2024-04-25 10:00 America/New_York")
    return url


def run(database: str, *args: str) -> int:
    return main(["--database", database, args[0], *CYCLE, *args[1:]])


def test_a_passed_deadline_moves_by_command_only_with_a_reason(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(database, "calendar") == 0
    listing = capsys.readouterr().out
    line = next(row for row in listing.splitlines() if "Proposals due before 22 April" in row)
    number = line.split()[0]
    assert "22 April 2024, 00:00 in Washington" in line

    assert run(database, "move-date", number, "--at", "2024-04-29 23:59") == 1
    assert "give the reason" in capsys.readouterr().err
    assert run(database, "move-date", number, "--at", "29 April") == 1
    assert "Give the date and time at headquarters" in capsys.readouterr().err

    assert run(database, "move-date", number, "--at", "2024-04-29 23:59",
               "--reason", "Extended by the Committee", "--by", "Ana, Secretariat") == 0
    capsys.readouterr()
    run(database, "calendar")
    assert "29 April 2024, 23:59 in Washington  Deadline for submissions: Proposals due" in \
        capsys.readouterr().out


def test_a_section_deadline_is_added_by_command(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(database, "add-date", "--kind", "submission_deadline", "--title",
               "CIFTA: comments due", "--at", "2024-05-02 18:00", "--section", "cifta") == 0
    assert "CIFTA: comments due, 2 May 2024, 18:00 in Washington" in capsys.readouterr().out
    assert run(database, "add-date", "--kind", "meeting", "--title", "x", "--at",
               "2024-05-02 18:00", "--section", "nowhere") == 1
    assert "There is no section 'nowhere'" in capsys.readouterr().err


def test_caps_export_and_import_by_command(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "caps.toml"
    assert run(database, "export-caps", "--output", str(out)) == 0
    text = out.read_text()
    assert 'applies_to = "instrument"' in text and "total = 4" in text
    out.write_text(text.replace("total = 4", "total = 5"))
    assert run(database, "import-caps", str(out)) == 0
    assert "4 rule(s) imported" in capsys.readouterr().out
    run(database, "export-caps")
    assert "total = 5" in capsys.readouterr().out

    out.write_text("rule = [")
    assert run(database, "import-caps", str(out)) == 1
    assert "not a rules file in TOML" in capsys.readouterr().err
    run(database, "export-caps")
    assert "total = 5" in capsys.readouterr().out


def test_member_states_and_the_delegations_taking_part_by_command(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", database, "member-states"]) == 0
    assert "holds 33 member states" in capsys.readouterr().out
    assert run(database, "delegations", "--admit", "URY", "JAM", "--drop", "PER") == 0
    assert capsys.readouterr().out.strip() == \
        "6 delegation(s) take part: BRB, CAN, CHL, JAM, MEX, URY"
    assert run(database, "delegations", "--admit", "XXX") == 1
    assert "Not member states of the organization: XXX" in capsys.readouterr().err
