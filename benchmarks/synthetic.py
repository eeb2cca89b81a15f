"""The synthetic negotiation cycle the benchmarks read: its sizes per unit of scale, its
texts, and its build through the domain's own acts (see :mod:`benchmarks.cycle` for the
cache).

Scale 1 is about the demo's size (6 sections, 84 paragraphs, 300 proposals, 180
co-sponsorships); scale 10 is the size of a big committee's omnibus text (60 sections, 840
paragraphs, 3,000 proposals, 1,800 co-sponsorships). Every scale has 35 delegations (the
member states, and two more), as a real cycle does whatever its length, and ends with rev. 1
circulated after the chair took one modification in ten into the text.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.demo.loader import load_member_states
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.writing import add_paragraph
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
    Delegation,
    Milestone,
    Negotiation,
    Paragraph,
    Section,
)
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.positions import CONTRADICTS
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal

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


