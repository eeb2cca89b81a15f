"""A negotiation with proposals of every kind, shared by the documents tests."""

from __future__ import annotations

from dataclasses import dataclass

from negotiation.chairing.decisions import triage_section
from negotiation.draft.circulation import revisions_of
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.models import Amendment, Revision
from negotiation.proposals.cosponsors import join_proposal
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from negotiation.record.clock import parse_moment
from tests.builders import CHAIR, World

OP1_PROPOSED = (
    "To urge member states to deepen cooperation and information exchange against "
    "trafficking in persons."
)
NEW_TEXT = "To encourage member states to adopt victim-centred approaches."


@dataclass
class Scenario:
    world: World
    rev0: Revision
    modify: Amendment  # Mexico on op1, joined by Canada
    delete: Amendment  # Chile asks to delete pp2
    comment: Amendment  # Barbados comments on op2
    new: Amendment  # Peru's new paragraph after op1, joined by Mexico


def negotiated(world: World) -> Scenario:
    """Rev. 0 (the world's first draft), then one proposal of each kind, then triage after
    the deadline."""
    session, negotiation, p = world.session, world.negotiation, world.paragraphs
    rev0 = revisions_of(session, negotiation)[0]
    world.clock.set(parse_moment("2024-04-10 10:00 America/New_York"))

    def send(code: str, key: str, kind: AmendmentKind, **extra: str) -> Amendment:
        return submit_proposal(session, negotiation, world.delegate(code), p[key], kind,
                               world.now, written_on=p[key].current_version.id,
                               **extra).amendment  # type: ignore[arg-type]

    modify = send("MEX", "op1", AmendmentKind.MODIFY, text=OP1_PROPOSED,
                  comment="Information exchange is where cooperation starts.")
    join_proposal(session, negotiation, world.delegate("CAN"), modify, world.now)
    delete = send("CHL", "pp2", AmendmentKind.DELETE, comment="Covered by PP1.")
    comment = send("BRB", "op2", AmendmentKind.COMMENT, comment="Name the Caribbean routes.")
    new = submit_new_paragraph(
        session, negotiation, world.delegate("PER"), world.sections["tip"],
        ParagraphKind.OPERATIVE, NEW_TEXT, world.now, after=p["op1"],
    ).amendment
    join_proposal(session, negotiation, world.delegate("MEX"), new, world.now)
    world.after_deadline()
    for section in world.sections.values():
        triage_section(session, negotiation, CHAIR, section, world.now)
    return Scenario(world, rev0, modify, delete, comment, new)
