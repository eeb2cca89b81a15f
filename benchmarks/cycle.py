"""The synthetic negotiation cycle at a scale factor (:mod:`benchmarks.synthetic`), built
through the domain's own acts and cached between runs.

The cycle is built once per scale into a SQLite file under ``benchmarks/.cache/`` (git
ignores it), named by the scale and a hash of the code the build depends on (the migrations,
the models and the domain functions it calls, this file), so a change to any of them builds
afresh and an unchanged tree reuses the file. Benchmarks that change data work on a copy.

    python -m benchmarks.cycle 10        # build (or find) the 10x cycle, print where it is
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from benchmarks.schema import migrated
from benchmarks.synthetic import build_cycle
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Negotiation,
    Paragraph,
    Section,
)
from negotiation.record.database import make_engine, make_session_factory

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
#: What the build depends on: a change to any of these files makes a new cache entry.
DEPENDS_ON = (
    "migrations/versions",
    "negotiation/models",
    "negotiation/proposals/submissions.py",
    "negotiation/proposals/positions.py",
    "negotiation/proposals/cosponsors.py",
    "negotiation/proposals/numbers.py",
    "negotiation/draft/drafting.py",
    "negotiation/draft/writing.py",
    "negotiation/draft/circulation.py",
    "negotiation/chairing/decisions.py",
    "negotiation/chairing/proposal_decisions.py",
    "negotiation/text/diffs.py",
    "negotiation/draft/lifecycle.py",
    "negotiation/record/journal.py",
    "negotiation/calendar/deadlines.py",
    "negotiation/setup/member_states.toml",
    "benchmarks/cycle.py",
    "benchmarks/synthetic.py",
)

@dataclass(frozen=True)
class Cycle:
    """A built cycle: the database file and the negotiation in it."""

    scale: int
    path: Path
    negotiation_id: int

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def code_hash() -> str:
    """A short hash of every file the build depends on."""
    digest = hashlib.sha256()
    for name in DEPENDS_ON:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def cycle(scale: int, *, quiet: bool = False) -> Cycle:
    """The cycle at ``scale``, from the cache, or built (and cached) now."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"cycle-{scale}x-{code_hash()}.sqlite3"
    if not path.exists():
        for old in CACHE.glob(f"cycle-{scale}x-*.sqlite3"):
            old.unlink()
        # A file of this process's own: two runs building at once each finish a whole file.
        building = path.with_suffix(f".{os.getpid()}.building")
        url = f"sqlite:///{building}"
        migrated(url)
        engine = make_engine(url)
        started = time.perf_counter()
        if not quiet:
            print(f"Building the {scale}x cycle through the domain functions ...",
                  file=sys.stderr, flush=True)
        try:
            with make_session_factory(engine)() as session:
                build_cycle(session, scale)
                session.commit()
        finally:
            engine.dispose()
        building.rename(path)  # only a whole build is ever found in the cache
        if not quiet:
            print(f"  built in {time.perf_counter() - started:.0f} s: {path}",
                  file=sys.stderr, flush=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with make_session_factory(engine)() as session:
            negotiation_id = session.scalars(
                select(Negotiation.id).where(Negotiation.cycle == f"scale-{scale}")).one()
    finally:
        engine.dispose()
    return Cycle(scale, path, negotiation_id)


@contextmanager
def scratch_copy(scale: int, folder: Path) -> Iterator[Cycle]:
    """A copy of the cached cycle in ``folder``, for benchmarks that change data."""
    built = cycle(scale)
    target = folder / f"cycle-{scale}x.sqlite3"
    shutil.copyfile(built.path, target)
    yield Cycle(scale, target, built.negotiation_id)
    target.unlink(missing_ok=True)


def sizes(engine: Engine, negotiation_id: int) -> dict[str, int]:
    """How big the built cycle is, counted in the database."""
    with make_session_factory(engine)() as session:
        def count(model: type, *where: object) -> int:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0
        return {
            "sections": count(Section, Section.negotiation_id == negotiation_id),
            "paragraphs": count(Paragraph, Paragraph.negotiation_id == negotiation_id),
            "proposals": count(Amendment, Amendment.negotiation_id == negotiation_id),
            "co-sponsorships": count(AmendmentSupport, AmendmentSupport.amendment_id.in_(
                select(Amendment.id).where(Amendment.negotiation_id == negotiation_id))),
            "delegations": count(Delegation),
        }


def main(argv: list[str] | None = None) -> int:
    """Build (or find) the cycle at the scales asked for and print what it holds."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cycle")
    parser.add_argument("scales", nargs="*", type=int, default=[1])
    for scale in parser.parse_args(argv).scales:
        built = cycle(scale)
        engine = make_engine(built.url)
        try:
            print(f"{scale}x: {built.path}  {sizes(engine, built.negotiation_id)}")
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
