"""What the draft page is made of: the reader's filters and the rows they let through, its
sections with their caps and labels, and where a long draft's page of sections stands."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from negotiation.enums import ParagraphState
from negotiation.models import Section
from rules.caps import CapReport
from web.draft.pagerows import Choice, Row


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

    def args(self) -> dict[str, str]:
        """The filters set, as query arguments for links that keep them."""
        return {k: v for k, v in asdict(self).items() if v}


STATE_CHOICES = [(s.value, s.label) for s in ParagraphState]


@dataclass
class PageSection:
    """One section of the draft page: its rows, its cap, its labels; deferred sections are
    fetched when the reader scrolls to them (or follows their link)."""

    section: Section
    cap: CapReport
    rows: list[Row]
    label_of: dict[int, str]
    deferred: bool = False
    #: How many paragraphs it lists; a deferred section's are counted, not read.
    counted: int | None = None

    @property
    def size(self) -> int:
        return len(self.rows) if self.counted is None else self.counted

    @property
    def marker(self) -> str:
        """Changes whenever anything the reader sees in the section changes."""
        seen = (self.section.title, self.cap.summary, self.cap.ok, [
            (r.id, self.label_of.get(r.id, ""), r.state.value, r.kind.value, r.text,
             r.proposer_label, r.open_proposals, r.proposers, r.notes, r.national)
            for r in self.rows])
        return hashlib.blake2b(repr(seen).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class SectionPages:
    """Where the sections an unfiltered page lists stand among the draft's: a long draft's
    first screen lists one page of them (its table of contents and placeholders), and links
    to the next, so that it costs the same whatever the draft's length."""

    page: int
    pages: int
    first: int  # the position (from 1) of the first section listed
    last: int
    total: int
    per_page: int

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_first(self) -> int:
        """The position (from 1) of the next page's first section."""
        return self.page * self.per_page + 1

    @property
    def next_last(self) -> int:
        return min((self.page + 1) * self.per_page, self.total)


@dataclass
class DraftPage:
    """The draft page: the sections that pass the filters, the first ones in full."""

    sections: list[PageSection]
    #: The sections its filter offers: every section, or one page of a long draft's.
    all_sections: list[Section]
    delegations: list[Choice]  # the delegations that proposed something, by name
    shown: int
    total: int
    #: Set when the page lists one page of the sections (unfiltered, long drafts).
    section_pages: SectionPages | None = None


def row_matches(row: Row, filters: Filters) -> bool:
    """Whether the row passes the filters: its state, a delegation that wrote, proposed on or
    joined it, and every word searched for."""
    if filters.state and row.state.value != filters.state:
        return False
    if filters.delegation:
        code = filters.delegation.upper()
        if code not in row.proposers and code not in row.joined_by \
                and row.proposer_code != code:
            return False
    if filters.q:
        text = row.text.casefold()
        if not all(word in text for word in filters.q.casefold().split()):
            return False
    return True
