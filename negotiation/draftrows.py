"""The draft as rows, the same for both sources: as it stands now, or as a revision froze
it. The comparison texts, the comparison of two revisions and a new cycle's comparison with
the last resolution read these."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from negotiation.circulation import group_of
from negotiation.drafting import in_draft_order, labels, sections_of
from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState
from negotiation.models import (
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    Section,
)


@dataclass
class DraftRow:
    """A paragraph as it stands in the draft or in a revision, the same for both sources."""

    paragraph: Paragraph
    version: ParagraphVersion
    section: Section
    state: ParagraphState
    group: str
    label: str
    kind: ParagraphKind
    is_mandates: bool
    parent_id: int | None

    @property
    def state_label(self) -> str:
        return self.state.label



def live_rows(
    session: Session, negotiation: Negotiation, sections: dict[int, Section] | None = None
) -> list[DraftRow]:
    """The draft as it stands: its live paragraphs in order, with their labels."""
    if sections is None:
        sections = {s.id: s for s in sections_of(session, negotiation)}
    everything = in_draft_order(list(session.scalars(
        select(Paragraph)
        .join(Section, Paragraph.section_id == Section.id)
        .where(Paragraph.negotiation_id == negotiation.id)
        .order_by(Section.position, Paragraph.position)
    )))
    current = _current_versions(session, negotiation)
    label_of = labels(everything)
    return [
        DraftRow(p, current[p.id], sections[p.section_id], p.state, group_of(p.state),
                 label_of[p.id], p.kind, p.is_mandates, p.parent_id)
        for p in everything
        if p.state in LIVE_STATES
    ]


def _current_versions(session: Session, negotiation: Negotiation) -> dict[int, ParagraphVersion]:
    """Each paragraph's current version, without loading the versions before it (a large
    cycle's paragraphs carry several each, and the document shows one)."""
    latest = (
        select(ParagraphVersion.paragraph_id, func.max(ParagraphVersion.number).label("number"))
        .join(Paragraph, Paragraph.id == ParagraphVersion.paragraph_id)
        .where(Paragraph.negotiation_id == negotiation.id)
        .group_by(ParagraphVersion.paragraph_id)
        .subquery()
    )
    return {version.paragraph_id: version for version in session.scalars(
        select(ParagraphVersion).join(latest, (latest.c.paragraph_id
                                               == ParagraphVersion.paragraph_id)
                                      & (latest.c.number == ParagraphVersion.number)))}


def revision_rows(session: Session, revision: Revision) -> list[DraftRow]:
    """The paragraphs as ``revision`` froze them, in three queries whatever its length."""
    sections = {s.id: s for s in session.scalars(
        select(Section).where(Section.negotiation_id == revision.negotiation_id)
    )}
    entries = session.scalars(
        select(RevisionEntry)
        .where(RevisionEntry.revision_id == revision.id)
        .options(selectinload(RevisionEntry.paragraph), selectinload(RevisionEntry.version))
        .order_by(RevisionEntry.position)
    )
    rows = [
        DraftRow(e.paragraph, e.version, sections[e.section_id], e.state, group_of(e.state),
             e.label, e.kind, e.is_mandates, e.parent_id)
        for e in entries
    ]
    # Entries are stored in draft order already; sort again so a revision written by
    # anything else still reads section by section.
    place = {id(r): i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.section.position, place[id(r)]))
