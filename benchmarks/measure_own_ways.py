"""Our reads of the demo cycle against our own slower ways of doing the same (eager loading
against lazy, one cap pass against one per section, word diffs against character diffs).
These show choices made inside our code; the goals against peers are the other measures."""

from __future__ import annotations

import tempfile
from pathlib import Path

from diff_match_patch import diff_match_patch
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.harness import Bench
from benchmarks.schema import migrated
from negotiation.demo.loader import load_cycle
from negotiation.draft.capcheck import cap_reports
from negotiation.draft.drafting import labels, paragraphs_of
from negotiation.models import Paragraph
from negotiation.record.clock import parse_moment
from negotiation.record.database import make_engine, make_session_factory
from negotiation.text.diffs import word_diff


def _draft_reads(bench: Bench, session: Session) -> None:
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

    bench.compare("demo: draft listing", eager, lazy, "lazy loading", number=20)

    now = parse_moment("2024-04-20 10:00 America/New_York")

    def caps_once() -> None:
        session.expire_all()
        cap_reports(session, negotiation, now)

    def caps_per_section() -> None:
        session.expire_all()
        for section in negotiation.sections:
            [r for r in cap_reports(session, negotiation, now) if r.code == section.code]

    bench.compare("demo: cap counts", caps_once, caps_per_section, "one pass per section",
                  number=5)


def _diffs(bench: Bench) -> None:
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

    bench.compare("demo: diff of a long paragraph", lambda: word_diff(base, proposed),
                  characters, "character diff", number=200)


def measure(bench: Bench) -> None:
    """The demo cycle loaded into a scratch SQLite database, read both ways."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        migrated(url)
        engine = make_engine(url)
        with make_session_factory(engine)() as session:
            _draft_reads(bench, session)
            _diffs(bench)
        engine.dispose()
