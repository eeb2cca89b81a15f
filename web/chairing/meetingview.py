"""The meeting's agenda as its page shows it: the undecided paragraphs in the order of
consideration, and what was decided, cut by section so that a page following the meeting is
sent again only the sections whose items changed for its reader."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from negotiation.chairing.agenda import DECIDED, PENDING, ordered_for_consideration
from negotiation.documents.tabled import ProposalView, views_on
from negotiation.draft.drafting import sections_of
from negotiation.draft.draftrows import DraftRow, live_rows
from negotiation.models import Negotiation, Section
from negotiation.text.languages import N_

#: The agenda's groups in the order of consideration: the state they hold and their heading
#: (in English: the page shows it in its reader's language).
GROUPS = (("consensus", N_("Paragraphs in consensus in principle")),
          ("amended", N_("Paragraphs with proposed modifications")),
          ("new", N_("New paragraphs proposed by delegations")))


@dataclass
class AgendaBlock:
    """One section's share of the meeting: its items in each group, and what was decided."""

    section: Section
    pending: dict[str, list[DraftRow]] = field(
        default_factory=lambda: {state: [] for state, _heading in GROUPS})
    decided: list[DraftRow] = field(default_factory=list)
    marker: str = ""

    @property
    def items(self) -> list[DraftRow]:
        """Its paragraphs on the agenda, whatever their group."""
        return [row for rows in self.pending.values() for row in rows]


@dataclass
class Agenda:
    """The meeting's agenda; ``shape`` changes only when its frame does (the sections, or
    the first decision), so that a page with the same shape can take blocks in place."""

    items: list[DraftRow]
    blocks: list[AgendaBlock]
    #: The open proposals of the items shown in full (the next ones to consider).
    proposals: dict[int, list[ProposalView]]
    decided: int
    shape: str

    def count(self, state: str) -> int:
        return sum(len(block.pending[state]) for block in self.blocks)

    @property
    def first(self) -> DraftRow | None:
        return self.items[0] if self.items else None

    def out_of_order(self, item: DraftRow) -> bool:
        """Approving ``item`` now would skip the order of consideration (the chair says why)."""
        first = self.first
        return first is not None and first.paragraph_id != item.paragraph_id \
            and first.state != item.state


def meeting_agenda(session: Session, negotiation: Negotiation, in_full: int) -> Agenda:
    """The agenda in a fixed number of queries; its first ``in_full`` items come with their
    open proposals, the later ones are named only."""
    sections = sections_of(session, negotiation)
    shown = live_rows(session, negotiation, {s.id: s for s in sections},
                      states=PENDING | DECIDED)
    items = ordered_for_consideration(shown)
    blocks = {section.id: AgendaBlock(section) for section in sections}
    for row in items:
        blocks[row.section.id].pending[row.state.value].append(row)
    decided = [row for row in shown if row.state in DECIDED]
    for row in decided:
        blocks[row.section.id].decided.append(row)
    agenda = Agenda(items, list(blocks.values()), views_on(session, negotiation,
                                                           items[:in_full]),
                    len(decided), _digest([s.id for s in sections], bool(decided)))
    for block in agenda.blocks:
        block.marker = _marker(block, agenda)
    return agenda


def _marker(block: AgendaBlock, agenda: Agenda) -> str:
    """Changes whenever anything its reader sees of ``block`` changes: its items, how
    they show (in full, first on the agenda, out of order) and its decided paragraphs."""
    first = agenda.first
    seen = [
        (row.paragraph_id, row.state.value, row.label, row.version_id, row.section.title,
         repr(agenda.proposals.get(row.paragraph_id)),
         first is not None and first.paragraph_id == row.paragraph_id,
         agenda.out_of_order(row))
        for row in block.items
    ]
    seen += [(row.paragraph_id, row.state.value, row.label) for row in block.decided]
    return _digest(seen)


def _digest(*seen: object) -> str:
    return hashlib.blake2b(repr(seen).encode(), digest_size=8).hexdigest()
