"""A synthetic negotiation cycle at a scale factor, built through the domain's own acts and
cached between runs.

Scale 1 is about the demo's size (6 sections, 84 paragraphs, 300 proposals, 180
co-sponsorships); scale 10 is the size of a big committee's omnibus text (60 sections, 840
paragraphs, 3,000 proposals, 1,800 co-sponsorships). Every scale has 35 delegations (the
member states, and two more), as a real cycle does whatever its length, and ends with rev. 1
circulated after the chair took one modification in ten into the text.

The cycle is built once per scale into a SQLite file under ``benchmarks/.cache/`` (git
ignores it), named by the scale and a hash of the code the build depends on (the migrations,
the models and the domain functions it calls, this file), so a change to any of them builds
afresh and an unchanged tree reuses the file. Benchmarks that change data work on a copy.

    python -m benchmarks.cycle 10        # build (or find) the 10x cycle, print where it is
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.chairing import accept_proposal
from negotiation.circulation import circulate_revision
from negotiation.cosponsors import join_proposal
from negotiation.database import make_engine, make_session_factory
from negotiation.demo.loader import load_member_states
from negotiation.drafting import add_paragraph
from negotiation.enums import (
    AmendmentKind,
    MilestoneKind,
    ParagraphKind,
    ProposerKind,
    Role,
    SectionKind,
)
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Milestone,
    Negotiation,
    Paragraph,
    Section,
)
from negotiation.positions import CONTRADICTS
from negotiation.submissions import submit_new_paragraph, submit_proposal

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
CHAIR = Actor(Role.CHAIR, "Chair of the Committee")
ZONE = ZoneInfo("America/New_York")
FIRST_DRAFT = datetime(2024, 3, 21, 10, 15, tzinfo=ZONE)
DEADLINE = datetime(2024, 4, 21, 23, 59, tzinfo=ZONE)
#: "As of" moment for reads of the built cycle: proposals are in, the deadline not yet past.
NOW = datetime(2024, 4, 21, 12, 0, tzinfo=ZONE)
DELEGATIONS = 35

# Per unit of scale: 6 sections of 9 paragraphs of the chair (2 preambular, 4 operative, 1
# mandates paragraph with 2 subparagraphs), and 30 new paragraphs of delegations: 84.
SECTIONS = 6
PREAMBULAR, OPERATIVE, SUBPARAGRAPHS = 2, 4, 2
PROPOSALS = 300
COSPONSORSHIPS = 180
# Of every 20 proposals: 10 modifications, 2 new paragraphs, 4 comments, 2 supports, 2 deletions.
KIND_CYCLE = (
    [AmendmentKind.MODIFY] * 10 + [AmendmentKind.NEW] * 2 + [AmendmentKind.COMMENT] * 4
    + [AmendmentKind.SUPPORT] * 2 + [AmendmentKind.DELETE] * 2
)

#: What the build depends on: a change to any of these files makes a new cache entry.
DEPENDS_ON = (
    "migrations/versions",
    "negotiation/models",
    "negotiation/submissions.py",
    "negotiation/positions.py",
    "negotiation/cosponsors.py",
    "negotiation/proposal_numbers.py",
    "negotiation/drafting.py",
    "negotiation/circulation.py",
    "negotiation/chairing.py",
    "negotiation/diffs.py",
    "negotiation/lifecycle.py",
    "negotiation/journal.py",
    "negotiation/deadlines.py",
    "negotiation/setup/member_states.toml",
    "benchmarks/cycle.py",
)

WORDS = (
    "member states", "the General Secretariat", "the Inter-American Committee", "cooperation",
    "capacity building", "information exchange", "the hemisphere", "national authorities",
    "transnational organized crime", "small arms and light weapons", "cybersecurity",
    "critical infrastructure", "disaster response", "gender perspective", "civil society",
    "technical assistance", "regional mechanisms", "best practices", "border management",
    "the rule of law", "human rights", "in accordance with domestic legislation",
    "available resources", "the next regular session", "prevention of violence",
)
VERBS = ("To urge", "To request", "To encourage", "To reaffirm", "To recognize",
         "To instruct", "To invite", "To support")
REWRITES = (
    ("to continue", "to strengthen"), ("cooperation", "effective cooperation"),
    ("member states", "all member states"), ("the hemisphere", "the Americas"),
    ("best practices", "lessons learned and best practices"),
    ("available resources", "resources allocated in the program-budget"),
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


def _paragraph_text(rng: random.Random, words: int = 55) -> str:
    parts = [rng.choice(VERBS), "the"]
    while sum(len(p.split()) for p in parts) < words:
        parts.append(rng.choice(WORDS))
        parts.append(rng.choice(("and", "of", "to", "with", "for", "through", "in")))
    return " ".join(parts[:-1]) + "."


def _modified(rng: random.Random, text: str) -> str:
    for old, new in rng.sample(REWRITES, len(REWRITES)):
        if old in text:
            text = text.replace(old, new, 1)
            break
    return text[:-1] + ", " + rng.choice(WORDS) + " included."


def _delegations(session: Session) -> list[Delegation]:
    known = load_member_states(session)
    extra = DELEGATIONS - len(known)
    for n in range(1, extra + 1):
        code = f"X{n:02d}"
        if code not in known:
            name = f"Delegation {n}"
            known[code] = Delegation(code=code, name_en=name, name_es=name, name_fr=name,
                                     name_pt=name)
            session.add(known[code])
    session.flush()
    return sorted(known.values(), key=lambda d: d.code)[:DELEGATIONS]


def _actor(delegation: Delegation) -> Actor:
    return Actor(Role.DELEGATION, f"Delegation of {delegation.name}", delegation.id)


def build_cycle(session: Session, scale: int) -> Negotiation:
    """Build the synthetic cycle at ``scale`` in ``session`` (flushed, not committed), through
    the same functions the chair and the delegations use."""
    rng = random.Random(scale)
    delegations = _delegations(session)
    negotiation = Negotiation(
        committee="SYN", committee_name="Committee on Hemispheric Security",
        council="Permanent Council of the Organization of American States",
        cycle=f"scale-{scale}", title="Advancing Hemispheric Security: A Multidimensional Approach",
        symbol="CP/CSH-9999/24", timezone=str(ZONE), original_language="en",
        rules="csh-2023-2024", languages="en,es,fr,pt",
    )
    session.add(negotiation)
    session.flush()
    session.add(Milestone(negotiation_id=negotiation.id, kind=MilestoneKind.SUBMISSION_DEADLINE,
                          title="Deadline for proposals", at=DEADLINE))
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    for position in range(1, SECTIONS * scale + 1):
        section = Section(negotiation_id=negotiation.id, code=f"item-{position}",
                          kind=SectionKind.ITEM, area=1 + position % 8,
                          title=f"Item {position}: {rng.choice(WORDS).capitalize()}",
                          position=position)
        session.add(section)
        session.flush()
        sections.append(section)
        for kind, count in ((ParagraphKind.PREAMBULAR, PREAMBULAR),
                            (ParagraphKind.OPERATIVE, OPERATIVE)):
            for _ in range(count):
                paragraphs.append(add_paragraph(session, section, kind, _paragraph_text(rng),
                                                CHAIR, FIRST_DRAFT, proposer=ProposerKind.CHAIR))
        mandates = add_paragraph(session, section, ParagraphKind.OPERATIVE,
                                 "To instruct the General Secretariat to carry out the following "
                                 "activities, subject to available resources:", CHAIR,
                                 FIRST_DRAFT, is_mandates=True)
        paragraphs.append(mandates)
        for _ in range(SUBPARAGRAPHS):
            paragraphs.append(add_paragraph(session, section, ParagraphKind.SUBPARAGRAPH,
                                            _paragraph_text(rng, 30), CHAIR, FIRST_DRAFT,
                                            parent=mandates))
    circulate_revision(session, negotiation, CHAIR, FIRST_DRAFT, note="First draft of the chair")

    span = (DEADLINE - timedelta(days=1) - FIRST_DRAFT).total_seconds()
    total = PROPOSALS * scale
    joinable: list[Amendment] = []
    taken: set[tuple[int, int, AmendmentKind]] = set()
    positions: dict[tuple[int, int], set[AmendmentKind]] = {}  # (paragraph, delegation)
    for n in range(total):
        at = FIRST_DRAFT + timedelta(seconds=span * (n + 1) / (total + 1))
        delegation = delegations[n % len(delegations)]
        kind = KIND_CYCLE[n % len(KIND_CYCLE)]
        if kind is AmendmentKind.NEW:
            section = rng.choice(sections)
            amendment = submit_new_paragraph(
                session, negotiation, _actor(delegation), section,
                rng.choice((ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE)),
                _paragraph_text(rng), at, comment="A new paragraph on a current concern.",
            ).amendment
        else:
            # One open proposal of a kind per delegation and paragraph, and none that
            # contradicts its other positions there: draw until free.
            while True:
                paragraph = rng.choice(paragraphs)
                held = positions.setdefault((paragraph.id, delegation.id), set())
                if (paragraph.id, delegation.id, kind) not in taken \
                        and not held & CONTRADICTS.get(kind, frozenset()):
                    break
            taken.add((paragraph.id, delegation.id, kind))
            held.add(kind)
            text = _modified(rng, paragraph.current_version.text) \
                if kind is AmendmentKind.MODIFY else None
            comment = "" if kind is AmendmentKind.SUPPORT else \
                f"{delegation.name} explains its proposal."
            amendment = submit_proposal(
                session, negotiation, _actor(delegation), paragraph, kind, at,
                written_on=paragraph.current_version.id, text=text, comment=comment,
            ).amendment
        if amendment.kind.changes_text:
            joinable.append(amendment)
    joined: set[tuple[int, int]] = set()
    for n in range(COSPONSORSHIPS * scale):
        while True:
            amendment = rng.choice(joinable)
            supporter = rng.choice(delegations)
            pair = (amendment.id, supporter.id)
            held = positions.setdefault((amendment.paragraph_id, supporter.id), set())
            if supporter.id != amendment.delegation_id and pair not in joined \
                    and not held & CONTRADICTS.get(amendment.kind, frozenset()):
                break
        joined.add(pair)
        held.add(amendment.kind)
        join_proposal(session, negotiation, _actor(supporter), amendment,
                      amendment.submitted_at + timedelta(minutes=n % 600 + 1))
    # The chair takes one modification in ten into the text, then circulates rev. 1, so the
    # two revisions differ in text as well as in paragraphs added.
    taken_in: set[int] = set()
    for amendment in joinable[::10]:
        if amendment.kind is AmendmentKind.MODIFY and amendment.paragraph_id not in taken_in:
            taken_in.add(amendment.paragraph_id)
            accept_proposal(session, negotiation, CHAIR, amendment, NOW - timedelta(hours=2))
    circulate_revision(session, negotiation, CHAIR, NOW - timedelta(hours=1),
                       note="Revised draft of the chair")
    return negotiation


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


def _migrated(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    logging.getLogger("alembic").setLevel(logging.WARNING)
    command.upgrade(config, "head")


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
        _migrated(url)
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
