"""The draft as rows, the same for both sources: as it stands now, or as a revision froze
it. The comparison texts, the comparison of two revisions and a new cycle's comparison with
the last resolution read these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import Session

from negotiation.draft.circulation import group_of
from negotiation.draft.drafting import in_draft_order, is_current_version, labels, sections_of
from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState, ProposerKind
from negotiation.models import (
    Delegation,
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    Section,
)
from negotiation.models.paragraphs import proposer_label
from negotiation.record.plainrows import plain_rows


@dataclass(slots=True)
class DraftRow:
    """A paragraph as it stands in the draft or in a revision, the same for both sources, as
    plain columns: a big committee's draft is thousands of rows, and building objects for
    them cost more than rendering the document."""

    paragraph_id: int
    section: Section
    state: ParagraphState
    group: str
    label: str
    kind: ParagraphKind
    is_mandates: bool
    parent_id: int | None
    #: "Chair", the entity, or the proposing delegation's name.
    proposer: str
    #: The paragraph of last cycle's resolution it was carried over from, if any.
    carried_from_id: int | None
    version_id: int
    version_number: int
    text: str
    #: The version's footnotes as stored (negotiation.text.footnotes reads them).
    footnotes: list[dict[str, object]] | None = None

    @property
    def state_label(self) -> str:
        return self.state.label


# Read through the tables' columns, not the mapped classes' (as negotiation.documents.tabled
# does): the rows are plain columns either way, and a query of table columns skips the ORM's
# per-row work.
_paragraph = Paragraph.__table__.c
_version = ParagraphVersion.__table__.c
_delegation = Delegation.__table__.c
_section = Section.__table__.c
_entry = RevisionEntry.__table__.c


def _columns(*first: ColumnElement[Any]) -> Select[Any]:
    """What every row reads besides where it stands: who proposed the paragraph, where it
    came from, and the text (the caller joins the version it shows, then the proposing
    delegation by ``_PROPOSED_BY``)."""
    return select(*first, _paragraph.proposer_kind, _delegation.name_en,
                  _paragraph.proposer_entity, _paragraph.carried_from_id,
                  _version.id.label("version_id"), _version.number.label("version_number"),
                  _version.text, _version.footnotes)


_PROPOSED_BY = _paragraph.proposer_delegation_id == _delegation.id


def _row(sections: dict[int, Section], paragraph_id: int, section_id: int,
         parent_id: int | None, kind: ParagraphKind, is_mandates: bool, state: ParagraphState,
         label: str, proposer_kind: ProposerKind, delegation_name: str | None,
         entity: str | None, carried_from_id: int | None, version_id: int,
         version_number: int, text: str, footnotes: list[dict[str, object]] | None = None
         ) -> DraftRow:
    return DraftRow(paragraph_id, sections[section_id], state, group_of(state), label, kind,
                    is_mandates, parent_id, proposer_label(proposer_kind, delegation_name, entity),
                    carried_from_id, version_id, version_number, text, footnotes)


# Made once: building a statement of this size, and its cache key, costs a millisecond
# (most of what a small draft's comparison text spends reading).
_LIVE_ROWS = (
    _columns(_paragraph.id, _paragraph.section_id, _paragraph.parent_id, _paragraph.kind,
             _paragraph.is_mandates, _paragraph.state, _paragraph.number)
    .select_from(Paragraph.__table__)
    .join(Section.__table__, _paragraph.section_id == _section.id)
    .join(ParagraphVersion.__table__, is_current_version())
    .outerjoin(Delegation.__table__, _PROPOSED_BY)
    .where(_paragraph.negotiation_id == bindparam("negotiation_id"))
    .order_by(_section.position, _paragraph.position)
)


def live_rows(
    session: Session, negotiation: Negotiation, sections: dict[int, Section] | None = None,
    states: frozenset[ParagraphState] = LIVE_STATES,
) -> list[DraftRow]:
    """The draft as it stands: its live paragraphs (or those in ``states``) in order, with
    their labels and current texts, in one query."""
    if sections is None:
        sections = {s.id: s for s in sections_of(session, negotiation)}
    everything = in_draft_order(plain_rows(session.execute(
        _LIVE_ROWS, {"negotiation_id": negotiation.id})))
    label_of = labels(everything)
    return [_row(sections, p.id, p.section_id, p.parent_id, p.kind, p.is_mandates, p.state,
                 label_of[p.id], *p[7:])
            for p in everything if p.state in states]


# What the order of the draft and its labels need, and nothing of the texts: a long draft's
# meeting page reads every paragraph's place this way and the texts of the few it lists.
_PLACES = (
    select(_paragraph.id, _paragraph.section_id, _paragraph.parent_id, _paragraph.kind,
           _paragraph.is_mandates, _paragraph.state, _paragraph.number)
    .select_from(Paragraph.__table__)
    .join(Section.__table__, _paragraph.section_id == _section.id)
    .where(_paragraph.negotiation_id == bindparam("negotiation_id"))
    .order_by(_section.position, _paragraph.position)
)


def draft_places(session: Session, negotiation: Negotiation) -> tuple[list[Any], dict[int, str]]:
    """Every paragraph's place in the draft, in draft order, as plain rows (id, section_id,
    parent_id, kind, is_mandates, state, number: no text, no version, no proposer), and
    the whole draft's labels, in one query."""
    everything = in_draft_order(plain_rows(session.execute(
        _PLACES, {"negotiation_id": negotiation.id})))
    return everything, labels(everything)


def rows_of(session: Session, negotiation: Negotiation, ids: list[int],
            label_of: dict[int, str]) -> dict[int, DraftRow]:
    """The live rows of the paragraphs ``ids`` (their current texts, labelled by
    ``label_of``, with their sections), by id, in one query: what a page lists of a long
    draft."""
    if not ids:
        return {}
    found = session.execute(_LIVE_ROWS.add_columns(Section).where(_paragraph.id.in_(ids)),
                            {"negotiation_id": negotiation.id}).all()
    sections = {row[-1].id: row[-1] for row in found}
    return {row[0]: _row(sections, *row[:6], label_of.get(row[0], ""), *row[7:-1])
            for row in found}


def revision_rows(session: Session, revision: Revision) -> list[DraftRow]:
    """The paragraphs as ``revision`` froze them, in two queries whatever its length."""
    sections = {s.id: s for s in session.scalars(
        select(Section).where(Section.negotiation_id == revision.negotiation_id)
    )}
    found = session.execute(
        _columns(_entry.paragraph_id, _entry.section_id, _entry.parent_id, _entry.kind,
                 _entry.is_mandates, _entry.state, _entry.label)
        .select_from(RevisionEntry.__table__)
        .join(Paragraph.__table__, _paragraph.id == _entry.paragraph_id)
        .join(ParagraphVersion.__table__, _version.id == _entry.version_id)
        .outerjoin(Delegation.__table__, _PROPOSED_BY)
        .where(_entry.revision_id == revision.id)
        .order_by(_entry.position)
    ).all()
    rows = [_row(sections, *entry) for entry in found]
    # Entries are stored in draft order already; sort again so a revision written by
    # anything else still reads section by section.
    place = {id(r): i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.section.position, place[id(r)]))
