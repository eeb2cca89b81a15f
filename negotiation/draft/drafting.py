"""The draft as read: its sections and paragraphs in draft order, their labels and the
names people call them by, and a section's shape as the caps see it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import ColumnElement, and_, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from negotiation.draft.numbering import number_paragraphs
from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState
from negotiation.errors import Term
from negotiation.models import Negotiation, Paragraph, ParagraphVersion, Section
from negotiation.record.plainrows import plain_rows
from negotiation.text.languages import N_
from rules.caps import ParagraphShape, SectionShape


class Placed(Protocol):
    """What numbering and the caps read of a paragraph: a Paragraph, or a page's plain row."""

    @property
    def id(self) -> int: ...
    @property
    def section_id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def kind(self) -> ParagraphKind: ...
    @property
    def is_mandates(self) -> bool: ...
    @property
    def state(self) -> ParagraphState: ...
    @property
    def number(self) -> str | None: ...


P = TypeVar("P", bound=Placed)


def is_current_version() -> ColumnElement[bool]:
    """Join condition between a paragraph and its newest version (read by the unique
    (paragraph, number) index), for pages that read texts without loading every version.
    Made of the tables' columns, so a query of plain columns stays free of the ORM's work."""
    versions, paragraphs = ParagraphVersion.__table__.c, Paragraph.__table__.c
    newest = ParagraphVersion.__table__.alias("newest").c
    return and_(
        versions.paragraph_id == paragraphs.id,
        versions.number == select(func.max(newest.number))
        .where(newest.paragraph_id == paragraphs.id).scalar_subquery(),
    )


# Made once: every page and document reads the sections, and building the statement costs
# about as much as running it on a small draft.
_SECTIONS = (select(Section).where(Section.negotiation_id == bindparam("negotiation_id"))
             .order_by(Section.position))


def sections_of(session: Session, negotiation: Negotiation) -> list[Section]:
    """The negotiation's sections, in order."""
    return list(session.scalars(_SECTIONS, {"negotiation_id": negotiation.id}))


def paragraphs_of(
    session: Session,
    negotiation: Negotiation,
    states: Iterable[ParagraphState] | None = None,
    *,
    section_ids: Collection[int] | None = None,
    with_texts: bool = True,
) -> list[Paragraph]:
    """Every paragraph in draft order (mandates after their chapeau), or those of some
    sections; ``with_texts=False`` reads no versions or mandates (numbering needs neither)."""
    query = (
        select(Paragraph)
        .join(Section, Paragraph.section_id == Section.id)
        .where(Paragraph.negotiation_id == negotiation.id)
        .order_by(Section.position, Paragraph.position)
    )
    if with_texts:
        query = query.options(selectinload(Paragraph.versions),
                              selectinload(Paragraph.subparagraphs))
    if states is not None:
        query = query.where(Paragraph.state.in_(list(states)))
    if section_ids is not None:
        query = query.where(Paragraph.section_id.in_(list(section_ids)))
    return in_draft_order(list(session.scalars(query)))


def in_draft_order(rows: Sequence[P]) -> list[P]:
    """Rows read in (section, position) order, with each mandate moved after its chapeau."""
    children: dict[int, list[P]] = {}
    for row in rows:
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(row)
    ordered: list[P] = []
    for row in rows:
        if row.parent_id is None:
            ordered.append(row)
            ordered.extend(children.get(row.id, []))
    return ordered


def labels(paragraphs: Iterable[Placed], *, renumber: bool = False) -> dict[int, str]:
    """Reference labels of the whole draft, in draft order: "PP3" for preambular, "7"
    operative, "7 (b)" mandates; numbers fixed when circulated stay, and later paragraphs
    read "7 bis" (:mod:`negotiation.draft.numbering`).

    Paragraphs no longer in the draft keep no number, so the live ones read as the
    resolution will.
    """
    return number_paragraphs(paragraphs, renumber=renumber)


def spoken_name(paragraph: Paragraph, label: str) -> Term:
    """How people name a paragraph: "operative paragraph 19", "preambular paragraph 3",
    "sub-paragraph 4 (a)"; one out of the draft is named by its section.

    A :class:`Term`: the English as a ``str`` (the record), read in the reader's language
    where a page, a refusal or a message shows it (one whole message per kind)."""
    if not label:
        return Term(N_("a %(state)s paragraph of %(section)s"),
                    state=Term(paragraph.state.label, lower=True),
                    section=paragraph.section.title)
    if paragraph.kind is ParagraphKind.PREAMBULAR:
        return Term(N_("preambular paragraph %(label)s"), label=label.removeprefix("PP"))
    if paragraph.kind is ParagraphKind.OPERATIVE:
        return Term(N_("operative paragraph %(label)s"), label=label)
    return Term(N_("sub-paragraph %(label)s"), label=label)


def name_in_draft(session: Session, paragraph: Paragraph,
                  numbering: dict[int, str] | None = None) -> Term:
    """The paragraph's spoken name by its number in the draft as it stands now (from the
    draft's numbering when the caller has it, else counted by the database)."""
    label = numbering.get(paragraph.id, "") if numbering is not None else label_of(
        session, paragraph)
    return spoken_name(paragraph, label)


@dataclass(frozen=True)
class Numbering:
    """The draft's outline (the few columns numbering and the caps read, in draft order) and
    every paragraph's label from it."""

    rows: list[Placed]
    label_of: dict[int, str]
    #: The rows of each section (by section id), in draft order.
    by_section: dict[int, list[Placed]]

    def section_rows(self, section: Section) -> list[Placed]:
        """The section's rows: what its cap counts."""
        return self.by_section.get(section.id, [])


def _outline(session: Session, where: ColumnElement[bool]) -> list[Placed]:
    """The paragraphs ``where`` selects, in draft order, as the few columns numbering and
    the caps read: plain rows of the tables' columns, without the ORM's per-row work."""
    paragraphs, sections = Paragraph.__table__.c, Section.__table__.c
    return in_draft_order(plain_rows(session.execute(
        select(paragraphs.id, paragraphs.section_id, paragraphs.parent_id, paragraphs.kind,
               paragraphs.is_mandates, paragraphs.state, paragraphs.number)
        .join(Section.__table__, paragraphs.section_id == sections.id)
        .where(where)
        .order_by(sections.position, paragraphs.position)
    )))


def numbering_of(session: Session, negotiation_id: int) -> Numbering:
    """The draft's numbering, from one query of small rows (no texts, no objects).

    Always the whole draft: once numbers are fixed at a circulation, a later paragraph's
    "7 bis" depends on the last numbered paragraph before it, whichever section that is in,
    and on whether its kind was numbered anywhere in the draft.
    """
    rows = _outline(session, Paragraph.__table__.c.negotiation_id == negotiation_id)
    by_section: dict[int, list[Placed]] = {}
    for row in rows:
        by_section.setdefault(row.section_id, []).append(row)
    return Numbering(rows, labels(rows), by_section)


def section_outline(session: Session, section: Section) -> list[Placed]:
    """One section's paragraphs, as the caps count them (no labels: those need the whole
    draft, see :func:`numbering_of`)."""
    return _outline(session, Paragraph.__table__.c.section_id == section.id)


def label_of(session: Session, paragraph: Paragraph) -> str:
    """One paragraph's label (as :func:`labels` gives it for the whole draft); its fixed
    number when it has one, else read from the draft's outline."""
    if paragraph.state not in LIVE_STATES:
        return ""
    if paragraph.number:
        return paragraph.number
    return numbering_of(session, paragraph.negotiation_id).label_of[paragraph.id]


def section_shape(
    section: Section,
    paragraphs: Iterable[Placed],
    label_of: dict[int, str] | None = None,
    states: frozenset[ParagraphState] = LIVE_STATES,
) -> SectionShape:
    """The section as the caps see it, counting paragraphs in the given states."""
    mine = [p for p in paragraphs if p.section_id == section.id and p.state in states]
    label_of = label_of or {}
    subcounts: dict[int, int] = {}
    for p in mine:
        if p.parent_id is not None:
            subcounts[p.parent_id] = subcounts.get(p.parent_id, 0) + 1
    shapes = tuple(
        ParagraphShape(
            label=label_of.get(p.id, "") or f"#{p.id}",
            kind=p.kind.value,
            is_mandates=p.is_mandates,
            subparagraphs=subcounts.get(p.id, 0),
        )
        for p in mine
        if p.parent_id is None
    )
    return SectionShape(section.code, section.kind.value, section.title, shapes,
                        counted_apart=section.counted_apart)
