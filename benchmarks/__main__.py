"""``python -m benchmarks``: load the demo cycle into a scratch database and time the
reads every draft page makes, each against the naive way, in the same run."""

from __future__ import annotations

import logging
import statistics
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from diff_match_patch import diff_match_patch
from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.capcheck import cap_reports
from negotiation.clock import parse_moment
from negotiation.database import make_engine, make_session_factory
from negotiation.demo.loader import load_cycle
from negotiation.diffs import word_diff
from negotiation.drafting import labels, paragraphs_of
from negotiation.models import Paragraph

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 7


def best(function: Callable[[], object], number: int) -> float:
    """Median seconds per call over several repeats (the median resists a busy machine)."""
    runs = timeit.repeat(function, number=number, repeat=REPEAT)
    return statistics.median(runs) / number


def report(name: str, ours: float, theirs: float, what: str) -> None:
    print(f"{name:<42} ours {ours * 1e3:8.3f} ms   {what} {theirs * 1e3:8.3f} ms   "
          f"ratio {theirs / ours:5.1f}x")


def draft_reads(session: Session) -> None:
    negotiation = load_cycle(session)
    session.commit()

    def eager() -> None:
        session.expire_all()
        draft = paragraphs_of(session, negotiation)
        labels(draft)
        for paragraph in draft:
            _ = paragraph.text

    def lazy() -> None:
        # The naive page: one query for the paragraphs, then one per paragraph's versions.
        session.expire_all()
        draft = session.scalars(
            select(Paragraph).where(Paragraph.negotiation_id == negotiation.id)
        ).all()
        for paragraph in draft:
            _ = paragraph.versions[-1].text

    report("draft listing (eager vs lazy)", best(eager, 20), best(lazy, 20),
           "lazy loading")

    now = parse_moment("2024-04-20 10:00 America/New_York")

    def caps_once() -> None:
        session.expire_all()
        cap_reports(session, negotiation, now)

    def caps_per_section() -> None:
        session.expire_all()
        for section in negotiation.sections:
            [r for r in cap_reports(session, negotiation, now) if r.code == section.code]

    report("cap counts (one pass vs per section)", best(caps_once, 10),
           best(caps_per_section, 2), "per section")


def diffs() -> None:
    base = ("To request the General Secretariat, through the Secretariat for Multidimensional "
            "Security, to continue supporting member states in the implementation of the "
            "Inter-American Convention against the Illicit Manufacturing of and Trafficking in "
            "Firearms, Ammunition, Explosives, and Other Related Materials (CIFTA). ") * 4
    proposed = base.replace("continue supporting", "strengthen its support for").replace(
        "implementation", "full and effective implementation")
    engine = diff_match_patch()

    def characters() -> None:
        found = engine.diff_main(base, proposed)
        engine.diff_cleanupSemantic(found)

    report("diff of a long paragraph (words vs chars)", best(lambda: word_diff(base, proposed),
                                                             200),
           best(characters, 200), "characters")


def main() -> int:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        config = Config(str(ROOT / "alembic.ini"))
        config.attributes["url"] = url
        command.upgrade(config, "head")
        engine = make_engine(url)
        with make_session_factory(engine)() as session:
            print("Benchmarks on the demo cycle (SQLite), median of "
                  f"{REPEAT} repeats; ratio = other way / ours.")
            draft_reads(session)
            diffs()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
