"""The meeting's agenda: undecided paragraphs in the procedure's order of consideration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import Session

from negotiation.draft.drafting import paragraphs_of
from negotiation.draft.lifecycle import CONSIDERATION_RANK
from negotiation.enums import ParagraphState
from negotiation.models import Negotiation, Paragraph, Section

#: What the meeting still has to consider.
PENDING = frozenset(CONSIDERATION_RANK)
#: What the meeting has settled: shown apart from the agenda.
DECIDED = frozenset({ParagraphState.APPROVED, ParagraphState.CONSULTATIONS,
                     ParagraphState.DELETED})


class _Stated(Protocol):
    @property
    def state(self) -> ParagraphState: ...


S = TypeVar("S", bound=_Stated)


def ordered_for_consideration(draft: Sequence[S]) -> list[S]:
    """The undecided paragraphs of ``draft`` (given in draft order): consensus in principle
    first, then paragraphs with modifications, then new ones, each in draft order."""
    pending = [(CONSIDERATION_RANK[p.state], place, p) for place, p in enumerate(draft)
               if p.state in CONSIDERATION_RANK]
    return [p for _rank, _place, p in sorted(pending, key=lambda item: item[:2])]


def order_of_consideration(session: Session, negotiation: Negotiation) -> list[Paragraph]:
    """The draft's undecided paragraphs in the order of consideration."""
    return ordered_for_consideration(paragraphs_of(session, negotiation))


# --- One page of a long agenda, read by the database: the order of consideration is sorted
# there, and only the page's paragraphs come back (a long cycle's agenda is thousands).


@dataclass(frozen=True, slots=True)
class Listed:
    """A paragraph a page of the agenda lists: where it is and its fixed number."""

    id: int
    section_id: int
    state: ParagraphState
    number: str | None
    pending: bool


def state_counts(session: Session, negotiation: Negotiation) -> dict[ParagraphState, int]:
    """The draft's paragraphs counted by state, by the database (one query)."""
    p = Paragraph.__table__.c
    return dict(session.execute(
        select(p.state, func.count()).where(p.negotiation_id == negotiation.id)
        .group_by(p.state)).all())


def agenda_page(session: Session, negotiation: Negotiation, offset: int, limit: int,
                decided: int) -> list[Listed]:
    """The agenda's items from ``offset`` (from 0), ``limit`` of them, in the order of
    consideration, then the first ``decided`` decided paragraphs in draft order: sorted by
    the database, which keeps only what it returns (draft order is by section, then each
    paragraph with its sub-paragraphs after it, as
    :func:`negotiation.draft.drafting.in_draft_order` has it)."""
    p, s = Paragraph.__table__.c, Section.__table__.c
    parents = Paragraph.__table__.alias("parent")
    parent = parents.c
    rank = case({state: rank for state, rank in CONSIDERATION_RANK.items()},
                value=p.state, else_=0)
    in_draft = (s.position, func.coalesce(parent.position, p.position),
                case((p.parent_id.is_(None), 0), else_=1), p.position, p.id)
    places = (select(p.id, p.section_id, p.state, p.number, rank.label("rank"),
                     *(key.label(f"k{n}") for n, key in enumerate(in_draft)))
              .select_from(Paragraph.__table__)
              .join(Section.__table__, p.section_id == s.id)
              .outerjoin(parents, p.parent_id == parent.id))
    # Each part sorted and cut by the database; the two together in one statement, put in
    # order again here (a union keeps no order of its parts).
    pending = places.add_columns(literal(0).label("part")).where(
        p.negotiation_id == negotiation.id, p.state.in_(list(PENDING))
    ).order_by(rank, *in_draft).offset(offset).limit(limit).subquery()
    settled = places.add_columns(literal(1).label("part")).where(
        p.negotiation_id == negotiation.id, p.state.in_(list(DECIDED))
    ).order_by(*in_draft).limit(decided).subquery()
    found = session.execute(union_all(select(pending), select(settled))).all()
    found.sort(key=lambda row: (row.part, row.rank, *row[5:10]))
    return [Listed(row.id, row.section_id, row.state, row.number, row.part == 0)
            for row in found]
