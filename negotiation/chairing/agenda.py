"""The meeting's agenda: undecided paragraphs in the procedure's order of consideration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from negotiation.draft.drafting import paragraphs_of
from negotiation.draft.lifecycle import CONSIDERATION_RANK
from negotiation.enums import ParagraphState
from negotiation.models import Negotiation, Paragraph

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
