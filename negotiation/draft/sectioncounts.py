"""What a page lists of the sections it does not show: how many paragraphs each holds and
its shape against the caps, counted by the database in one aggregate query (a row per
section and kind, not per paragraph), so a long draft's first screen does not read the
paragraphs it only names."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from negotiation.enums import LIVE_STATES, ParagraphKind
from negotiation.models import Paragraph, Section
from rules.caps import ParagraphShape, SectionShape


@dataclass
class SectionCount:
    """One section's paragraphs, counted."""

    #: Every paragraph of the section, whatever its state (what the draft page lists).
    paragraphs: int = 0
    #: Its live paragraphs as the caps see them (mandates paragraphs named "#id").
    shapes: list[ParagraphShape] = field(default_factory=list)
    #: The kinds with a number fixed at a circulation among its live paragraphs.
    numbered: set[ParagraphKind] = field(default_factory=set)

    def shape(self, section: Section) -> SectionShape:
        return SectionShape(section.code, section.kind.value, section.title,
                            tuple(self.shapes), counted_apart=section.counted_apart)


def section_counts(
    session: Session, negotiation_id: int, section_ids: Collection[int] | None = None,
) -> dict[int, SectionCount]:
    """Each section's count (by section id; a section without paragraphs has none), of
    ``section_ids`` only when given (a page of a long draft counts the sections it lists,
    not the whole draft's)."""
    p = Paragraph.__table__.c
    # A mandates paragraph is a group of its own, to be matched with its sub-paragraphs.
    # Grouped through a subquery: PostgreSQL would not match an expression with bound
    # values in the select list to the same expression in GROUP BY.
    rows = select(p.section_id, p.kind, p.parent_id, p.number,
                  case((p.state.in_(list(LIVE_STATES)), 1), else_=0).label("live"),
                  case((p.is_mandates, p.id), else_=None).label("mandates_id")) \
        .where(p.negotiation_id == negotiation_id if section_ids is None
               # The sections' own paragraphs, read by the section's index (not through
               # the whole negotiation's).
               else p.section_id.in_(list(section_ids))).subquery()
    r = rows.c
    found = session.execute(
        select(r.section_id, r.kind, r.live, r.parent_id, r.mandates_id, func.count(),
               func.count(r.number))
        .group_by(r.section_id, r.kind, r.live, r.parent_id, r.mandates_id)
    ).all()
    counts: dict[int, SectionCount] = {}
    lettered: dict[int, int] = {}  # live sub-paragraphs by their chapeau
    for section_id, _kind, is_live, parent_id, _mandates, count, _numbered in found:
        counts.setdefault(section_id, SectionCount()).paragraphs += count
        if is_live and parent_id is not None:
            lettered[parent_id] = lettered.get(parent_id, 0) + count
    for section_id, kind, is_live, parent_id, mandates_id, count, numbered in found:
        if not is_live:
            continue
        mine = counts[section_id]
        if numbered and kind is not ParagraphKind.SUBPARAGRAPH:
            mine.numbered.add(kind)
        if parent_id is not None:
            continue
        if mandates_id is not None:
            mine.shapes.append(ParagraphShape(f"#{mandates_id}", kind.value, True,
                                              lettered.get(mandates_id, 0)))
        else:
            # One shape for all of them (it is frozen): a long draft's sections hold
            # thousands, and making each cost more than the query.
            mine.shapes.extend([ParagraphShape("", kind.value)] * count)
    return counts
