"""One section's labels, read without the rest of the draft's outline.

A kind of paragraph is numbered across the whole draft ("7" may be in the fourth section),
so a section's labels depend on the sections before it: how many paragraphs of each kind
they hold, the last number fixed there and what came in after it. Those few facts come
from the database as counts (one aggregate query) and, when a number was fixed before, the
paragraphs from the last one numbered up to this section (bounded by what joined since the
circulation, not by the draft). The numbering itself is the whole draft's
(:func:`negotiation.draft.numbering.number_paragraphs`), started where the others left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from negotiation.draft.drafting import Placed, section_outline
from negotiation.draft.numbering import Before, number_paragraphs
from negotiation.enums import LIVE_STATES, ParagraphKind
from negotiation.models import Paragraph, Section

#: The kinds numbered across sections (sub-paragraphs are lettered within their chapeau).
_ACROSS = (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE)


@dataclass(frozen=True)
class SectionNumbering:
    """One section's outline (what its cap counts) and its paragraphs' labels."""

    section: Section
    rows: list[Placed]
    label_of: dict[int, str]

    def section_rows(self, section: Section) -> list[Placed]:
        """The section's rows (what its cap counts); none of another section's."""
        return self.rows if section.id == self.section.id else []


def _before(session: Session, section: Section) -> Before:
    """What the other sections tell this one's numbering (see :class:`Before`)."""
    p, s = Paragraph.__table__.c, Section.__table__.c
    earlier = s.position < section.position
    numbered = p.number.is_not(None)
    elsewhere = and_(p.negotiation_id == section.negotiation_id, p.section_id != section.id,
                     p.state.in_(list(LIVE_STATES)), p.kind.in_(list(_ACROSS)))
    totals = session.execute(
        select(p.kind,
               func.sum(case((earlier, 1), else_=0)),
               func.sum(case((numbered, 1), else_=0)),
               func.max(case((and_(earlier, numbered), s.position), else_=None)))
        .join(Section.__table__, p.section_id == s.id)
        .where(elsewhere)
        .group_by(p.kind)
    ).all()
    counted = {kind: int(before or 0) for kind, before, _n, _last in totals}
    fixed = frozenset(kind for kind, _b, numbers, _last in totals if numbers)
    inserted = dict(counted)  # when no number was fixed before, every earlier one came in
    last_fixed: dict[ParagraphKind, str] = {}
    since = {kind: last for kind, _b, _n, last in totals if last is not None}
    if since:
        # From the last number of the kind before this section up to it (sections between
        # hold no number of it, by definition): what came in since the circulation.
        other = Paragraph.__table__.alias("other").c
        last_numbered = select(func.max(other.position)).where(
            other.section_id == p.section_id, other.kind == p.kind,
            other.number.is_not(None), other.state.in_(list(LIVE_STATES))).scalar_subquery()
        for kind, number in session.execute(
            select(p.kind, p.number)
            .join(Section.__table__, p.section_id == s.id)
            .where(elsewhere, earlier, or_(
                *(and_(p.kind == kind, s.position >= last) for kind, last in since.items())),
                   or_(s.position > case(*((p.kind == kind, last)
                                             for kind, last in since.items())),
                       p.position >= last_numbered))
            .order_by(s.position, p.position)
        ):
            if number:
                last_fixed[kind], inserted[kind] = number, 0
            else:
                inserted[kind] += 1
    return Before(counted=counted, last_fixed=last_fixed, inserted=inserted,
                  fixed_elsewhere=fixed)


def _numbered_from_within(rows: Sequence[Placed]) -> bool:
    """Whether the section labels itself: every live paragraph has its fixed number or
    follows one of its kind in the section (a "bis" of it); sub-paragraphs are lettered
    within their chapeau, which is labelled so."""
    numbered: set[ParagraphKind] = set()
    for row in rows:
        if row.state not in LIVE_STATES or row.kind not in _ACROSS:
            continue
        if row.number:
            numbered.add(row.kind)
        elif row.kind not in numbered:
            return False
    return True


def section_labels(session: Session, section: Section, rows: Sequence[Placed]
                   ) -> dict[int, str]:
    """The labels of the section's paragraphs (``rows``, its whole outline in draft order,
    as read by the caller), as the whole draft's numbering gives them: from the rows alone
    once circulated (every paragraph numbered or after a numbered one), else with the other
    sections' counts and what came in since the last number fixed before it (one or two
    queries)."""
    before = Before() if _numbered_from_within(rows) else _before(session, section)
    return number_paragraphs(rows, before=before)


def section_numbering(session: Session, section: Section) -> SectionNumbering:
    """The section's outline and labels (see :func:`section_labels`)."""
    rows = section_outline(session, section)
    return SectionNumbering(section, rows, section_labels(session, section, rows))


def label_in_section(session: Session, paragraph: Paragraph) -> str:
    """One paragraph's label (as the whole draft's numbering gives it), read with its
    section only: its fixed number when it has one."""
    if paragraph.state not in LIVE_STATES:
        return ""
    if paragraph.number:
        return paragraph.number
    return section_numbering(session, paragraph.section).label_of.get(paragraph.id, "")
