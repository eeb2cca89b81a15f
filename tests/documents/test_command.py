"""``python -m negotiation.documents`` writes all three formats from a database."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from alembic import command
from docx import Document
from pypdf import PdfReader
from sqlalchemy.orm import Session

from negotiation.calendar.rehearsal import move_rehearsal_clock
from negotiation.documents.__main__ import main
from negotiation.documents.pdf import soffice_path
from negotiation.draft.circulation import circulate_revision
from negotiation.record.clock import FixedClock, parse_moment
from negotiation.record.database import make_engine
from tests.builders import CHAIR, build_world
from tests.conftest import alembic_config
from tests.documents.scenario import negotiated


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of its own, committed, as the command reads it (always SQLite: the
    command's own connection cannot see the tests' rolled-back transactions)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('command') / 'negotiation.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        world = build_world(session, FixedClock(parse_moment("2024-04-01 10:00 America/New_York")))
        negotiated(world)
        circulate_revision(session, world.negotiation, CHAIR, world.now)
    engine.dispose()
    return url


FORMATS = ["html", "docx"] + (
    ["pdf"] if soffice_path() is not None or os.environ.get("CI") == "true" else []
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_comparison_in_each_format(database: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"comparison.{fmt}"
    assert main(["--database", database, "comparison", "--format", fmt, "--out", str(out),
                 "--revision", "1"]) == 0
    data = out.read_bytes()
    if fmt == "html":
        page = data.decode("utf-8")
        assert "CP/CSH-2251/24 rev. 1" in page and "<del class=\"del\">strengthen</del>" in page
        assert page.index("Paragraphs in consensus") < page.index("Paragraphs with proposed")
    elif fmt == "docx":
        texts = [p.text for p in Document(BytesIO(data)).paragraphs]
        assert "Proposal 1: Mexico, joined by Canada — Proposed modification" in texts
    else:
        reader = PdfReader(BytesIO(data))
        assert "CP/CSH-2251/24 rev. 1" in reader.pages[0].extract_text()


def test_filters_and_revisions(database: str, tmp_path: Path) -> None:
    out = tmp_path / "mex.html"
    assert main(["--database", database, "comparison", "--format", "html", "--out", str(out),
                 "--delegation", "mex", "--section", "trafficking-in-persons"]) == 0
    page = out.read_text("utf-8")
    assert "Proposals of Mexico" in page and "Chile" not in page
    revisions = tmp_path / "revisions.docx"
    assert main(["--database", database, "revisions", "--from", "0", "--to", "1",
                 "--format", "docx", "--out", str(revisions)]) == 0
    texts = [p.text for p in Document(BytesIO(revisions.read_bytes())).paragraphs]
    assert any(t.startswith("1 bis\t[added]") for t in texts)


def test_unknown_revision_is_refused_with_the_reason(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", database, "revisions", "--from", "0", "--to", "7",
                 "--format", "html", "--out", str(tmp_path / "x.html")]) == 1
    assert "There is no revision 7 (circulated: 0, 1)" in capsys.readouterr().err


@pytest.mark.parametrize(("setting", "dated"), [
    # The command runs "as of" the rehearsal's start; the chair has since moved to 9 May.
    ("2024-04-01 10:00 America/New_York", "9 May 2024"),
    # Started at another moment, it is another rehearsal: that move is not its own.
    ("2024-04-25 10:00 America/New_York", "25 April 2024"),
])
def test_the_comparison_is_dated_as_the_rehearsal_clock_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, dated: str
) -> None:
    url = f"sqlite:///{tmp_path / 'rehearsal.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        world = build_world(session, FixedClock(parse_moment("2024-04-01 10:00 America/New_York")))
        move_rehearsal_clock(session, world.negotiation, CHAIR, world.clock,
                             parse_moment("2024-05-09 10:00 America/New_York"))
    engine.dispose()
    monkeypatch.setenv("NEGOTIATION_CLOCK", setting)
    out = tmp_path / "comparison.html"
    assert main(["--database", url, "comparison", "--format", "html", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    others = {"9 May 2024", "25 April 2024", "1 April 2024"} - {dated}
    assert dated in page and not any(other in page for other in others)
