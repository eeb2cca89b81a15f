"""The draft page put together: the sections that pass the reader's filters, the first ones
in full and the later ones deferred; a long draft's read a page of sections at a time."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.draft.capcheck import day_at_headquarters, rules_for
from negotiation.draft.drafting import labels, section_shape, sections_of
from negotiation.draft.numbering import Before, number_paragraphs
from negotiation.draft.sectioncounts import SectionCount, section_counts
from negotiation.draft.sectionnumbers import section_labels
from negotiation.enums import LIVE_STATES, ParagraphKind
from negotiation.models import Negotiation, Paragraph, Section
from negotiation.text.delegations import sort_key
from rules.caps import RuleSet, check_section
from web.draft.pageparts import DraftPage, Filters, PageSection, SectionPages, row_matches
from web.draft.pagerows import Choice, Row, proposing_delegations, rows_of


def _page_section(
    section: Section, mine: list[Row], label_of: dict[int, str], filters: Filters,
    rules: RuleSet, day: date,
) -> PageSection:
    """The section's rows (``mine``) that pass the filters, and its cap from all of them."""
    cap = check_section(section_shape(section, mine, label_of), rules, day)
    return PageSection(section, cap, [r for r in mine if row_matches(r, filters)], label_of)


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
    rows, named = rows_of(session, negotiation, who_joined=bool(filters.delegation))
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
    rows, named = rows_of(session, negotiation, sections=sections,
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
    choices = {choice.code: choice for choice in proposing_delegations(session, negotiation)}
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
        rows, _named = rows_of(session, negotiation, sections=first)
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
    return DraftPage(views, listed, proposing_delegations(session, negotiation), total,
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
