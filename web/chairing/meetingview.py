"""The meeting's agenda as its page shows it: the undecided paragraphs in the order of
consideration, and what was decided, cut by section so that a page following the meeting is
sent again only the sections whose items changed for its reader."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from negotiation.chairing.agenda import DECIDED, Listed, agenda_page, state_counts
from negotiation.documents.tabled import ProposalView, views_on
from negotiation.draft.draftrows import DraftRow, draft_places, rows_of
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.models import Negotiation, Section
from negotiation.record.queries import Progress
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
    the first decision), so that a page with the same shape can take blocks in place.

    A long agenda is listed a page at a time: ``items`` are this page's (the first page
    shows its first ones in full), ``blocks`` the sections they and the decided paragraphs
    listed are in; the counts are the whole agenda's."""

    items: list[DraftRow]
    blocks: list[AgendaBlock]
    #: The open proposals of the items shown in full (the next ones to consider).
    proposals: dict[int, list[ProposalView]]
    decided: int
    shape: str
    #: The agenda's paragraphs by group (consensus, amended, new), counted.
    counts: dict[str, int] = field(default_factory=dict)
    #: The paragraph the meeting takes next (order and state), on the first page.
    next_up: Listed | None = None
    page: int = 1
    pages: int = 1
    per_page: int = 0
    #: How many decided paragraphs are listed (the first ones, in draft order).
    decided_listed: int = 0
    progress: Progress | None = None

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def first_listed(self) -> int:
        """The place (from 1) on the agenda of this page's first item."""
        return (self.page - 1) * self.per_page + 1

    @property
    def last_listed(self) -> int:
        return self.first_listed + len(self.items) - 1

    @property
    def first(self) -> DraftRow | None:
        # The row itself when this page lists it (the page marks it), else nothing.
        return self.items[0] if self.items and self.page == 1 else None

    def out_of_order(self, item: DraftRow) -> bool:
        """Approving ``item`` now would skip the order of consideration (the chair says why)."""
        first = self.next_up
        return first is not None and first.id != item.paragraph_id \
            and first.state != item.state


def meeting_agenda(session: Session, negotiation: Negotiation, in_full: int,
                   page: int = 1, per_page: int = 100, language: str = "en") -> Agenda:
    """One page of ``per_page`` items of the agenda, in a fixed number of queries: the
    database counts the paragraphs by state and sorts the order of consideration, and only
    the listed paragraphs' texts come back. Their fixed numbers label them; when one has
    none yet (proposed since the last circulation), the whole draft's outline does (one
    more query, of places only). The first page's first ``in_full`` items come with their
    open proposals, their states named in ``language``; the others are named only."""
    page = max(page, 1)
    listed = agenda_page(session, negotiation, (page - 1) * per_page, per_page, per_page)
    if any(place.state in LIVE_STATES and not place.number for place in listed):
        # Reading every place anyway, the counts come from them (one query, not two).
        places, label_of = draft_places(session, negotiation)
        by_state = Counter(place.state for place in places)
    else:
        by_state = state_counts(session, negotiation)
        label_of = {place.id: (place.number or "") if place.state in LIVE_STATES else ""
                    for place in listed}
    counts = {state: by_state.get(ParagraphState(state), 0) for state, _heading in GROUPS}
    decided_total = sum(by_state.get(state, 0) for state in DECIDED)
    pages = max(1, -(-sum(counts.values()) // per_page))
    if page > pages:  # past the end (the agenda moved on): its last page
        return meeting_agenda(session, negotiation, in_full, pages, per_page, language)
    # The next item only matters where the chair's forms are: on the first page.
    next_up = listed[0] if listed and listed[0].pending and page == 1 else None
    rows = rows_of(session, negotiation, [place.id for place in listed], label_of)
    sections = {row.section.id: row.section
                for row in sorted(rows.values(), key=lambda row: row.section.position)}
    items = [rows[place.id] for place in listed if place.pending]
    blocks = {section_id: AgendaBlock(section) for section_id, section in sections.items()}
    for row in items:
        blocks[row.section.id].pending[row.state.value].append(row)
    decided = [place for place in listed if not place.pending]
    for place in decided:
        blocks[place.section_id].decided.append(rows[place.id])
    shown = items[:in_full] if page == 1 else []
    agenda = Agenda(items, list(blocks.values()), views_on(session, negotiation, shown, language),
                    decided_total, _digest(list(blocks), bool(decided_total), page),
                    counts, next_up, page, pages, per_page, len(decided),
                    _progress(by_state))
    for block in agenda.blocks:
        block.marker = _marker(block, agenda)
    return agenda


def _progress(by_state: dict[ParagraphState, int]) -> Progress:
    """The draft's progress from its counts by state (as :func:`progress` counts it)."""
    live = {state: by_state.get(state, 0) for state in ParagraphState if state in LIVE_STATES}
    return Progress(live, live.get(ParagraphState.APPROVED, 0), sum(live.values()))


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
