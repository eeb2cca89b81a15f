"""The first draft as the chair's editor and its preview show it: sections in order, each
with its paragraphs (mandates under their chapeau), numbers, and its live cap count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.draft.capcheck import day_at_headquarters, rules_for
from negotiation.draft.circulation import revisions_of
from negotiation.draft.drafting import labels, paragraphs_of, section_shape, sections_of
from negotiation.enums import LIVE_STATES, ParagraphKind
from negotiation.models import Negotiation, Paragraph, Revision, Section
from rules.caps import CapReport, check_section


@dataclass
class OutlineParagraph:
    """A paragraph with its number, and a mandates paragraph's lettered mandates."""

    paragraph: Paragraph
    label: str
    mandates: list[OutlineParagraph] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """preambular, operative, mandates or subparagraph."""
        return "mandates" if self.paragraph.is_mandates else self.paragraph.kind.value


@dataclass
class OutlineSection:
    """A section, its cap count today, and its preambular then operative paragraphs."""

    section: Section
    cap: CapReport
    preambular: list[OutlineParagraph]
    operative: list[OutlineParagraph]

    @property
    def paragraphs(self) -> list[OutlineParagraph]:
        return self.preambular + self.operative


@dataclass
class Outline:
    """The whole draft by section, and the revisions circulated so far."""

    negotiation: Negotiation
    sections: list[OutlineSection]
    revisions: list[Revision]

    @property
    def circulated(self) -> bool:
        return bool(self.revisions)

    @property
    def paragraph_count(self) -> int:
        return sum(1 + len(p.mandates) for s in self.sections for p in s.paragraphs)

    @property
    def breaches(self) -> list[str]:
        return [b for s in self.sections for b in s.cap.breaches]


def draft_outline(session: Session, negotiation: Negotiation, now: datetime) -> Outline:
    """The draft's live paragraphs by section, numbered, with each section's caps today
    (three queries: sections, paragraphs with their versions, revisions)."""
    everything = [p for p in paragraphs_of(session, negotiation) if p.state in LIVE_STATES]
    label_of = labels(everything)
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    sections = []
    for section in sections_of(session, negotiation):
        mine = [p for p in everything if p.section_id == section.id]
        tops = {p.id: OutlineParagraph(p, label_of[p.id]) for p in mine if p.parent_id is None}
        for p in mine:
            if p.parent_id in tops:
                tops[p.parent_id].mandates.append(OutlineParagraph(p, label_of[p.id]))
        ordered = list(tops.values())
        sections.append(OutlineSection(
            section, check_section(section_shape(section, mine, label_of), rules, day),
            [t for t in ordered if t.paragraph.kind is ParagraphKind.PREAMBULAR],
            [t for t in ordered if t.paragraph.kind is not ParagraphKind.PREAMBULAR],
        ))
    return Outline(negotiation, sections, revisions_of(session, negotiation))
