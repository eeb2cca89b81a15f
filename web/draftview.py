"""The draft as pages show it: paragraphs in order with labels, proposals and filters."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from negotiation.capcheck import cap_reports
from negotiation.drafting import labels, paragraphs_of, sections_of
from negotiation.enums import ParagraphState
from negotiation.models import Amendment, Negotiation, Paragraph, Section
from negotiation.queries import proposals_by_paragraph
from rules.caps import CapReport


@dataclass
class Filters:
    """What the reader asked for: state, section code, proposing delegation code, words."""

    state: str = ""
    section: str = ""
    delegation: str = ""
    q: str = ""

    @property
    def any(self) -> bool:
        return bool(self.state or self.section or self.delegation or self.q)


@dataclass
class SectionView:
    section: Section
    cap: CapReport | None
    rows: list[Paragraph] = field(default_factory=list)


@dataclass
class DraftView:
    sections: list[SectionView]
    label_of: dict[int, str]
    proposals: dict[int, list[Amendment]]
    shown: int
    total: int


def _matches(paragraph: Paragraph, proposals: list[Amendment], filters: Filters) -> bool:
    if filters.state and paragraph.state.value != filters.state:
        return False
    if filters.delegation:
        code = filters.delegation.upper()
        proposer = paragraph.proposer_delegation
        involved = {a.delegation.code for a in proposals} | {
            d.code for a in proposals for d in a.supporters
        }
        if code not in involved and not (proposer and proposer.code == code):
            return False
    if filters.q:
        words = filters.q.casefold().split()
        text = paragraph.text.casefold()
        if not all(word in text for word in words):
            return False
    return True


def draft_view(
    session: Session, negotiation: Negotiation, filters: Filters, now: object
) -> DraftView:
    """The draft's sections with the paragraphs that pass the filters, and the caps."""
    everything = paragraphs_of(session, negotiation)
    label_of = labels(everything)
    proposals = proposals_by_paragraph(session, negotiation)
    caps = {report.code: report for report in cap_reports(session, negotiation, now)}  # type: ignore[arg-type]
    views: list[SectionView] = []
    shown = 0
    for section in sections_of(session, negotiation):
        if filters.section and section.code != filters.section:
            continue
        rows = [
            p for p in everything
            if p.section_id == section.id
            and _matches(p, proposals.get(p.id, []), filters)
        ]
        shown += len(rows)
        if rows or not filters.any:
            views.append(SectionView(section, caps.get(section.code), rows))
    return DraftView(views, label_of, proposals, shown, len(everything))


STATE_CHOICES = [(s.value, s.label) for s in ParagraphState]
