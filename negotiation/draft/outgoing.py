"""What a circulation would send out, shown to the chair before the act: the symbol, the
paragraphs counted by kind and by the procedure's group, the sections over their caps and
those left untriaged, and the stamp of the draft as seen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.circulation import (
    GROUPS,
    draft_rows,
    draft_stamp,
    group_of,
    revision_symbol,
    untriaged_sections,
)
from negotiation.enums import ParagraphKind
from negotiation.models import Negotiation, Revision, Section
from rules.caps import CapReport

#: The kinds a circulation counts, in the order the document prints them.
KINDS = (("preambular", "Preambular"), ("operative", "Operative"),
         ("mandates", "Mandates paragraphs (chapeau)"), ("subparagraph", "Lettered mandates"))


@dataclass(frozen=True)
class Outgoing:
    """The next revision as it would go out now."""

    number: int
    symbol: str
    #: Paragraphs by (group, kind): both named as in :data:`GROUPS` and :data:`KINDS`.
    counts: dict[tuple[str, str], int]
    over_caps: list[CapReport]
    untriaged: list[Section]
    stamp: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def in_group(self, group: str) -> int:
        return sum(n for (g, _), n in self.counts.items() if g == group)

    def of_kind(self, kind: str) -> int:
        return sum(n for (_, k), n in self.counts.items() if k == kind)


def _kind_of(kind: ParagraphKind, is_mandates: bool) -> str:
    return "mandates" if is_mandates else str(kind)


def what_goes_out(session: Session, negotiation: Negotiation, now: datetime) -> Outgoing:
    """The next revision of the draft as it stands: nothing is written."""
    last = session.scalar(select(func.max(Revision.number))
                          .where(Revision.negotiation_id == negotiation.id))
    number = 0 if last is None else last + 1
    rows = draft_rows(session, negotiation)
    counts = Counter((group_of(row.state), _kind_of(row.kind, row.is_mandates))
                     for row in rows)
    return Outgoing(
        number=number,
        symbol=revision_symbol(negotiation, number),
        counts=dict(counts),
        over_caps=[report for report in cap_reports(session, negotiation, now)
                   if not report.ok],
        untriaged=untriaged_sections(session, negotiation, now),
        stamp=draft_stamp(rows),
    )


__all__ = ["GROUPS", "KINDS", "Outgoing", "what_goes_out"]
