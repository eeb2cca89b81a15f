"""A small negotiation built by hand for the tests, with names the tests can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.caprules import cap_row
from negotiation.draft.circulation import circulate_revision
from negotiation.draft.writing import add_paragraph
from negotiation.enums import MilestoneKind, ParagraphKind, ProposerKind, Role, SectionKind
from negotiation.models import Delegation, Milestone, Negotiation, Paragraph, Section
from negotiation.people.appointments import admit_delegations
from negotiation.record.clock import FixedClock, parse_moment
from rules.files import load_rules

CHAIR = Actor(Role.CHAIR, "Chair")
SECRETARIAT = Actor(Role.SECRETARIAT, "Secretariat")
OBSERVER = Actor(Role.OBSERVER, "Observer")

DRAFT_DEADLINE = parse_moment("2024-04-22 00:00 America/New_York")
JID_DEADLINE = parse_moment("2024-04-08 23:59 America/New_York")


@dataclass
class World:
    """The negotiation, its people and the paragraphs the tests act on."""

    session: Session
    clock: FixedClock
    negotiation: Negotiation
    sections: dict[str, Section]
    delegations: dict[str, Delegation]
    paragraphs: dict[str, Paragraph] = field(default_factory=dict)

    def delegate(self, code: str) -> Actor:
        delegation = self.delegations[code]
        return Actor(Role.DELEGATION, f"Delegate of {delegation.name}", delegation.id)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def after_deadline(self) -> None:
        self.clock.set(parse_moment("2024-05-09 10:00 America/New_York"))


def build_world(session: Session, clock: FixedClock, *, circulated: bool = True) -> World:
    """The negotiation with its first draft, circulated as rev. 0 on 21 March 2024 (unless
    ``circulated`` is False: the chair is still writing it)."""
    negotiation = Negotiation(
        committee="CSH", committee_name="Committee on Hemispheric Security",
        cycle="2023-2024", title="Advancing Hemispheric Security: A Multidimensional Approach",
        symbol="CP/CSH-2251/24", timezone="America/New_York", rules="csh-2023-2024",
    )
    session.add(negotiation)
    session.flush()
    session.add_all(cap_row(negotiation, rule) for rule in load_rules("csh-2023-2024").rules)
    delegations = {
        code: Delegation(code=code, name_en=name, name_es=name, name_fr=name, name_pt=name)
        for code, name in [("MEX", "Mexico"), ("CAN", "Canada"), ("CHL", "Chile"),
                           ("BRB", "Barbados"), ("PER", "Peru")]
    }
    session.add_all(delegations.values())
    session.flush()
    admit_delegations(session, negotiation, delegations.values())
    sections = {
        "tip": Section(code="trafficking-in-persons", kind=SectionKind.ITEM, area=5,
                       title="Trafficking in persons", position=1),
        "jid": Section(code="jid", kind=SectionKind.ENTITY,
                       title="Inter-American Defense Board (JID)", position=2),
        "cifta": Section(code="cifta", kind=SectionKind.INSTRUMENT, title="CIFTA", position=3),
    }
    for section in sections.values():
        section.negotiation_id = negotiation.id
    session.add_all(sections.values())
    session.flush()
    session.add_all([
        Milestone(negotiation_id=negotiation.id, kind=MilestoneKind.SUBMISSION_DEADLINE,
                  title="Proposals due before 22 April", at=DRAFT_DEADLINE),
        Milestone(negotiation_id=negotiation.id, section_id=sections["jid"].id,
                  kind=MilestoneKind.SUBMISSION_DEADLINE,
                  title="JID/CSH mechanism: comments due", at=JID_DEADLINE),
    ])
    world = World(session, clock, negotiation, sections, delegations)
    now = parse_moment("2024-03-21 10:00 America/New_York")
    tip = sections["tip"]

    def chair(key: str, kind: ParagraphKind, text: str, section: Section = tip,
              **options: object) -> Paragraph:
        world.paragraphs[key] = add_paragraph(session, section, kind, text, CHAIR, now,
                                              **options)  # type: ignore[arg-type]
        return world.paragraphs[key]

    chair("pp1", ParagraphKind.PREAMBULAR,
          "RECALLING the Inter-American Convention on trafficking in persons;")
    chair("pp2", ParagraphKind.PREAMBULAR,
          "NOTING WITH CONCERN that trafficking in persons affects women and girls;")
    chair("op1", ParagraphKind.OPERATIVE,
          "To urge member states to strengthen cooperation against trafficking in persons.")
    chair("op2", ParagraphKind.OPERATIVE,
          "To encourage member states to share information on trafficking routes.")
    mandates = chair("op3", ParagraphKind.OPERATIVE,
                     "To request the General Secretariat to:", is_mandates=True)
    for key, text in [("op3a", "Support the RTP VII follow-up;"),
                      ("op3b", "Continue training for border officials; and"),
                      ("op3c", "Report to the Committee before the next session.")]:
        chair(key, ParagraphKind.SUBPARAGRAPH, text, parent=mandates)
    chair("jid1", ParagraphKind.OPERATIVE,
          "To recognize the work of the Inter-American Defense Board in humanitarian demining.",
          section=sections["jid"], proposer=ProposerKind.ENTITY, proposer_entity="JID")
    for n in range(1, 4):
        chair(f"cifta{n}", ParagraphKind.OPERATIVE,
              f"To urge states parties to apply CIFTA, measure {n}.", section=sections["cifta"])
    session.flush()
    if circulated:
        circulate_revision(session, negotiation, CHAIR, now, note="First draft")
    return world


def chair_paragraph(
    world: World, key: str, kind: ParagraphKind, text: str, section: str = "tip",
    **options: object,
) -> Paragraph:
    """Add one more chair's paragraph to the world's draft, under a key the test names."""
    at = parse_moment("2024-03-21 10:00 America/New_York")
    world.paragraphs[key] = add_paragraph(world.session, world.sections[section], kind, text,
                                          CHAIR, at, **options)  # type: ignore[arg-type]
    return world.paragraphs[key]


def paragraph_count(world: World) -> int:
    """How many paragraphs the world's negotiation holds."""
    return world.session.scalar(select(func.count()).select_from(Paragraph).where(
        Paragraph.negotiation_id == world.negotiation.id)) or 0


def admit_united_states(world: World) -> Delegation:
    """The United States, named in the four languages (a plural name in French and
    Portuguese: "les États-Unis", "os Estados Unidos"), admitted to the negotiation."""
    usa = Delegation(code="USA", name_en="United States", name_es="Estados Unidos",
                     name_fr="États-Unis", name_pt="Estados Unidos")
    world.session.add(usa)
    world.session.flush()
    admit_delegations(world.session, world.negotiation, [usa])
    world.delegations["USA"] = usa
    return usa


#: Member states' names in Spanish, French and Portuguese, for tests read in those languages.
STATE_NAMES = {"MEX": ("México", "Mexique", "México"), "CAN": ("Canadá", "Canada", "Canadá"),
               "PER": ("Perú", "Pérou", "Peru"), "CHL": ("Chile", "Chili", "Chile")}


def name_in_languages(world: World, *codes: str) -> None:
    """The world's delegations ``codes`` named in Spanish, French and Portuguese (the
    builders name them in English only)."""
    for code in codes:
        delegation = world.delegations[code]
        delegation.name_es, delegation.name_fr, delegation.name_pt = STATE_NAMES[code]
    world.session.flush()
