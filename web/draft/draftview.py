"""The draft as pages show it: paragraphs in order with labels, proposals and filters."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from flask_babel import gettext
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from negotiation.draft.capcheck import day_at_headquarters, rules_for
from negotiation.draft.drafting import (
    in_draft_order,
    is_current_version,
    labels,
    section_shape,
    sections_of,
)
from negotiation.draft.numbering import Before, number_paragraphs
from negotiation.draft.sectioncounts import SectionCount, section_counts
from negotiation.draft.sectionnumbers import section_labels
from negotiation.enums import (
    LIVE_STATES,
    AmendmentKind,
    AmendmentState,
    ParagraphKind,
    ParagraphState,
    ProposerKind,
)
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Section,
)
from negotiation.text.delegations import sort_key
from negotiation.text.footnotes import Footnote, from_stored
from rules.caps import CapReport, RuleSet, check_section
from web.words.timefmt import page_language


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


# --- The draft page's read model: plain rows of the columns the page shows, in a fixed
# number of queries whatever the size of the draft (no object graphs, no lazy loads).


@dataclass(frozen=True)
class Row:
    """A paragraph as the draft page shows it (what numbering and the caps read, too)."""

    id: int
    section_id: int
    parent_id: int | None
    kind: ParagraphKind
    is_mandates: bool
    state: ParagraphState
    proposer_label: str
    proposer_code: str | None
    text: str
    number: str | None = None  # as circulated ("7", "7 bis"); None before
    open_proposals: int = 0
    proposers: tuple[str, ...] = ()  # delegation codes of the proposals, first proposal first
    joined_by: frozenset[str] = frozenset()  # filled only when the reader filters by delegation
    notes: tuple[Footnote, ...] = ()  # the text's footnotes
    national: tuple[tuple[str, str], ...] = ()  # accepted national footnotes: (state, text)


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


class Choice(NamedTuple):
    """A delegation in the page's filter: its code and name."""

    code: str
    name: str


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


def _page_name() -> ColumnElement[str]:
    """A delegation's name in the page's language, read with the rows (English where the
    name in that language is missing, as ``negotiation.text.delegations`` reads it)."""
    column = getattr(Delegation, f"name_{page_language()}", Delegation.name_en)
    return func.coalesce(func.nullif(column, ""), Delegation.name_en)


def _rows(
    session: Session, negotiation: Negotiation, *,
    sections: Sequence[Section] | None = None, who_joined: bool = False,
) -> tuple[list[Row], dict[str, str]]:
    """The paragraphs in draft order (of ``sections`` when given) with their
    current text and a summary of their proposals, and the delegations named in them (code:
    name): two queries, three when asked who joined the proposals. Names are in the page's
    language."""
    query = (
        select(Paragraph.id, Paragraph.section_id, Paragraph.parent_id, Paragraph.kind,
               Paragraph.is_mandates, Paragraph.state, Paragraph.proposer_kind,
               Delegation.code, _page_name(), Paragraph.proposer_entity,
               ParagraphVersion.text, Paragraph.number, ParagraphVersion.footnotes)
        .join(Section, Paragraph.section_id == Section.id)
        .join(ParagraphVersion, is_current_version())
        .outerjoin(Delegation, Paragraph.proposer_delegation_id == Delegation.id)
        .order_by(Section.position, Paragraph.position)
    )
    if sections is None:
        query = query.where(Paragraph.negotiation_id == negotiation.id)
    # The proposals on the paragraphs read: by paragraph when they are a few sections' (the
    # database then looks them up by paragraph, not through the whole negotiation's).
    on = Amendment.negotiation_id == negotiation.id
    if sections is not None:
        # By section, read through its index, not through the whole negotiation's rows.
        ids = [s.id for s in sections]
        query = query.where(Paragraph.section_id.in_(ids))
        on = Amendment.paragraph_id.in_(select(Paragraph.id).where(Paragraph.section_id.in_(ids)))
    proposals = (
        select(Amendment.paragraph_id, Amendment.state, Delegation.code, _page_name(),
               Amendment.kind, Amendment.comment)
        .join(Delegation, Amendment.delegation_id == Delegation.id)
        .where(on)
        .order_by(Amendment.submitted_at, Amendment.id)
    )
    supports = (
        select(Amendment.paragraph_id, Delegation.code, _page_name())
        .join(AmendmentSupport, AmendmentSupport.amendment_id == Amendment.id)
        .join(Delegation, AmendmentSupport.delegation_id == Delegation.id)
        .where(on, AmendmentSupport.withdrawn_at.is_(None))
    )

    named: dict[str, str] = {}
    open_count: dict[int, int] = {}
    proposers: dict[int, dict[str, None]] = {}
    national: dict[int, list[tuple[str, str]]] = {}
    for paragraph_id, state, code, name, kind, comment in session.execute(proposals):
        named[code] = name
        if kind is AmendmentKind.FOOTNOTE and state is AmendmentState.ACCEPTED:
            national.setdefault(paragraph_id, []).append((name, comment))
        proposers.setdefault(paragraph_id, {})[code] = None
        if state is AmendmentState.SUBMITTED:
            open_count[paragraph_id] = open_count.get(paragraph_id, 0) + 1
    joined: dict[int, set[str]] = {}
    if who_joined:
        for paragraph_id, code, name in session.execute(supports):
            named[code] = name
            joined.setdefault(paragraph_id, set()).add(code)
    rows = []
    for (pid, sid, parent, kind, mandates, state, proposer_kind, code, name, entity,
         text, number, footnotes) in session.execute(query):
        if code is not None:
            named[code] = name
        rows.append(Row(
            id=pid, section_id=sid, parent_id=parent, kind=kind, is_mandates=mandates,
            state=state, text=text, number=number,
            proposer_label=_proposer(proposer_kind, name, entity),
            proposer_code=code, open_proposals=open_count.get(pid, 0),
            proposers=tuple(proposers.get(pid, ())), joined_by=frozenset(joined.get(pid, ())),
            notes=from_stored(footnotes or [], text), national=tuple(national.get(pid, ()))))
    return in_draft_order(rows), named


def _proposer(kind: ProposerKind, delegation: str | None, entity: str | None) -> str:
    # The same words as Paragraph.proposer_label, in the reader's language.
    if kind is ProposerKind.DELEGATION and delegation:
        return delegation
    if kind is ProposerKind.ENTITY:
        return entity or gettext("Entity")
    return gettext("Chair")


def _row_matches(row: Row, filters: Filters) -> bool:
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


def _page_section(
    section: Section, mine: list[Row], label_of: dict[int, str], filters: Filters,
    rules: RuleSet, day: date,
) -> PageSection:
    """The section's rows (``mine``) that pass the filters, and its cap from all of them."""
    cap = check_section(section_shape(section, mine, label_of), rules, day)
    return PageSection(section, cap, [r for r in mine if _row_matches(r, filters)], label_of)


def draft_page(
    session: Session, negotiation: Negotiation, filters: Filters, now: datetime,
    first_rows: int, in_full: Collection[str] = (), *, page: int = 1,
    per_page: int = 50,
) -> DraftPage:
    """The draft page. Sections are shown in full until ``first_rows`` paragraphs are
    shown; the later ones are deferred. Unfiltered, it lists one ``page`` of ``per_page``
    sections, reads the paragraphs and proposals of the sections it shows only, and counts
    the others; a polling page (``in_full``: the codes of the sections it shows in full)
    gets those sections alone; a page filtered to one section reads that section. Any
    other filter reads the whole draft, since which sections match depends on every
    paragraph."""
    if filters.section:
        return _one_section(session, negotiation, filters, now, first_rows, per_page)
    if not filters.any:
        if not in_full:
            return _first_screen(session, negotiation, now, first_rows, page, per_page)
        polled = _shown_in_full(session, negotiation, in_full, now, per_page)
        if polled is not None:
            return polled
    sections = sections_of(session, negotiation)
    rows, named = _rows(session, negotiation, who_joined=bool(filters.delegation))
    label_of = labels(rows)
    by_section: dict[int, list[Row]] = {}
    for row in rows:
        by_section.setdefault(row.section_id, []).append(row)
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    views: list[PageSection] = []
    shown = 0
    for section in sections:
        view = _page_section(section, by_section.get(section.id, []), label_of, filters,
                             rules, day)
        if view.rows or not filters.any:
            view.deferred = shown >= first_rows
            shown += len(view.rows)
            views.append(view)
    choices = sorted((Choice(code, name) for code, name in named.items()),
                     key=lambda choice: sort_key(choice.name))
    return DraftPage(views, sections, choices, shown, len(rows))


def section_page(
    session: Session, negotiation: Negotiation, section: Section, filters: Filters,
    now: datetime,
) -> PageSection:
    """One section of the draft page, read alone: its own paragraphs and proposals, and
    the draft's numbering (a later paragraph's "7 bis" may follow a section before)."""
    views, _named = _sections_alone(session, negotiation, [section], filters, now)
    return views[0]


def _sections_alone(
    session: Session, negotiation: Negotiation, sections: Sequence[Section], filters: Filters,
    now: datetime,
) -> tuple[list[PageSection], dict[str, str]]:
    """The ``sections`` (in draft order), wherever they stand in the draft, and the
    delegations named in them: their paragraphs and proposals in two queries (three when
    the reader filters by delegation) whatever their number, each labelled as the whole
    draft numbers it (from its own rows once circulated, else from the other sections'
    counts: one or two queries a section)."""
    if not sections:
        return [], {}
    rows, named = _rows(session, negotiation, sections=sections,
                        who_joined=bool(filters.delegation))
    by_section: dict[int, list[Row]] = {}
    for row in rows:
        by_section.setdefault(row.section_id, []).append(row)
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    views = []
    for section in sections:
        mine = by_section.get(section.id, [])
        views.append(_page_section(section, mine, section_labels(session, section, mine),
                                   filters, rules, day))
    return views, named


def _paragraph_total(session: Session, negotiation: Negotiation) -> int:
    """The draft's paragraphs, counted by the database (what "n of m shown" names)."""
    return session.scalar(select(func.count()).select_from(Paragraph).where(
        Paragraph.negotiation_id == negotiation.id)) or 0


def _shown_in_full(
    session: Session, negotiation: Negotiation, codes: Collection[str], now: datetime,
    per_page: int,
) -> DraftPage | None:
    """What a polling unfiltered page needs: the sections it shows in full (by code), read
    alone wherever they stand (the first screen's, those the reader scrolled to, a later
    page's), and the draft's count. None when it shows more sections in full than a page
    lists: reading the whole draft at once then costs fewer queries."""
    if len(codes) > per_page:
        return None
    sections = list(session.scalars(
        select(Section).where(Section.negotiation_id == negotiation.id,
                              Section.code.in_(list(codes)))
        .order_by(Section.position)))
    views, _named = _sections_alone(session, negotiation, sections, Filters(), now)
    total = _paragraph_total(session, negotiation)
    return DraftPage(views, sections, [], total, total)


def _one_section(
    session: Session, negotiation: Negotiation, filters: Filters, now: datetime,
    first_rows: int, per_page: int,
) -> DraftPage:
    """The draft filtered to one section (and any other filter): that section's rows, read
    alone; the filter offers the page of sections it is on, as the first screen offers its
    own page."""
    other = Section.__table__.alias("earlier_sections")
    earlier = select(func.count()).select_from(other).where(
        other.c.negotiation_id == negotiation.id, other.c.position < Section.position
    ).scalar_subquery()
    found = session.execute(select(Section, earlier).where(
        Section.negotiation_id == negotiation.id, Section.code == filters.section)).first()
    start = (found[1] // per_page) * per_page if found is not None else 0
    listed = list(session.scalars(
        select(Section).where(Section.negotiation_id == negotiation.id)
        .order_by(Section.position).offset(start).limit(per_page)))
    views: list[PageSection] = []
    named: dict[str, str] = {}
    if found is not None:
        mine, named = _sections_alone(session, negotiation, [found[0]], filters, now)
        views = [view for view in mine if view.rows]
        for view in views:
            view.deferred = first_rows <= 0
    choices = {choice.code: choice for choice in _proposing_delegations(session, negotiation)}
    choices.update((code, Choice(code, name)) for code, name in named.items())
    return DraftPage(views, listed, sorted(choices.values(), key=lambda c: sort_key(c.name)),
                     sum(len(view.rows) for view in views),
                     _paragraph_total(session, negotiation))


def _first_screen(
    session: Session, negotiation: Negotiation, now: datetime, first_rows: int, page: int,
    per_page: int,
) -> DraftPage:
    """One page of the unfiltered draft: its first sections' paragraphs and the others'
    counts, one page of sections at most (read by their index, never the whole draft's)."""
    page = max(page, 1)
    # The page's sections, and on each row the draft's totals (computed once by the
    # database): one statement.
    found = session.execute(
        select(Section, *_draft_totals(negotiation, page * per_page))
        .where(Section.negotiation_id == negotiation.id)
        .order_by(Section.position).offset((page - 1) * per_page).limit(per_page)).all()
    if not found and page > 1:  # past the end (the draft lost sections): its last page
        sections = session.scalar(select(func.count()).select_from(Section).where(
            Section.negotiation_id == negotiation.id)) or 0
        last = max(1, -(-sections // per_page))
        return _first_screen(session, negotiation, now, first_rows,
                             last if last < page else 1, per_page)
    listed = [row[0] for row in found]
    total, section_total = (found[0][1], found[0][2]) if found else (0, 0)
    numbered_later = frozenset(kind for kind, there in zip(_ACROSS, found[0][3:], strict=True)
                               if there) if found else frozenset()
    pages = max(1, -(-section_total // per_page))
    counts = section_counts(session, negotiation.id, [section.id for section in listed])
    deferred: list[Section] = []
    shown = 0
    for section in listed:
        if shown >= first_rows:
            deferred.append(section)
        shown += counts[section.id].paragraphs if section.id in counts else 0
    first = listed[: len(listed) - len(deferred)]
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    if page == 1:
        rows, _named = _rows(session, negotiation, sections=first)
        # A kind numbered only in later sections is numbered from there ("0 bis"), as the
        # whole draft's numbering has it: the sections shown are the first ones.
        numbered_later |= frozenset(kind for section in deferred if section.id in counts
                                    for kind in counts[section.id].numbered)
        label_of = number_paragraphs(rows, before=Before(fixed_elsewhere=numbered_later))
        by_section: dict[int, list[Row]] = {}
        for row in rows:
            by_section.setdefault(row.section_id, []).append(row)
        views = [_page_section(section, by_section.get(section.id, []), label_of, Filters(),
                               rules, day) for section in first]
    else:
        # A later page's first sections are labelled as the whole draft numbers them, each
        # from the counts of the sections before it.
        views, _named = _sections_alone(session, negotiation, first, Filters(), now)
    for section in deferred:
        count = counts.get(section.id, SectionCount())
        views.append(PageSection(section, check_section(count.shape(section), rules, day),
                                 [], {}, deferred=True, counted=count.paragraphs))
    first_listed = (page - 1) * per_page + 1
    return DraftPage(views, listed, _proposing_delegations(session, negotiation), total,
                     total, SectionPages(page, pages, first_listed,
                                         first_listed + len(listed) - 1, section_total,
                                         per_page))


_ACROSS = (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE)


def _draft_totals(negotiation: Negotiation, listed: int) -> list[Any]:
    """The draft's paragraphs and sections, counted, and for each kind numbered across
    sections whether a number of it is fixed after the first ``listed`` sections (the
    database counts by index, and stops at the first such number)."""
    # Aliases: the sections listed beside them are not these subqueries' rows.
    p, s = Paragraph.__table__.alias("all_paragraphs"), Section.__table__.alias("all_sections")
    listed_last = Section.__table__.alias("listed_last")
    # The position of the last section listed; none (so nothing after it) on the last page.
    last = select(listed_last.c.position).where(
        listed_last.c.negotiation_id == negotiation.id).order_by(
        listed_last.c.position).offset(listed - 1).limit(1).scalar_subquery()
    return [
        select(func.count()).select_from(p).where(
            p.c.negotiation_id == negotiation.id).scalar_subquery(),
        select(func.count()).select_from(s).where(
            s.c.negotiation_id == negotiation.id).scalar_subquery(),
        *(select(p.c.id).join(s, p.c.section_id == s.c.id).where(
            p.c.negotiation_id == negotiation.id, p.c.kind == kind, p.c.number.is_not(None),
            p.c.state.in_(list(LIVE_STATES)), s.c.position > last).exists()
          for kind in _ACROSS)]


def _proposing_delegations(session: Session, negotiation: Negotiation) -> list[Choice]:
    """The delegations that proposed a paragraph or sent a proposal, by name (one query of
    a few dozen rows, however many proposals they sent)."""
    # Asked delegation by delegation (an index lookup that stops at the first proposal),
    # not by listing every proposal's sender.
    sent = select(Amendment.id).where(Amendment.delegation_id == Delegation.id,
                                      Amendment.negotiation_id == negotiation.id)
    proposed = select(Paragraph.id).where(Paragraph.proposer_delegation_id == Delegation.id,
                                          Paragraph.negotiation_id == negotiation.id)
    return sorted((Choice(code, name) for code, name in session.execute(
        select(Delegation.code, _page_name())
        .where(or_(sent.exists(), proposed.exists())))),
        key=lambda choice: sort_key(choice.name))
