"""The draft page's read model: plain rows of the columns the page shows, in a fixed number
of queries whatever the size of the draft (no object graphs, no lazy loads), and the
delegations its filter offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from flask_babel import gettext
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from negotiation.draft.drafting import in_draft_order, is_current_version
from negotiation.enums import (
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
from negotiation.text.delegations import StateName, sort_key
from negotiation.text.footnotes import Footnote, from_stored
from web.words.timefmt import page_language


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


class Choice(NamedTuple):
    """A delegation in the page's filter: its code and name."""

    code: str
    name: str


def _page_name() -> ColumnElement[str]:
    """A delegation's name in the page's language, read with the rows (English where the
    name in that language is missing, as ``negotiation.text.delegations`` reads it)."""
    column = getattr(Delegation, f"name_{page_language()}", Delegation.name_en)
    return func.coalesce(func.nullif(column, ""), Delegation.name_en)


def rows_of(
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
    language = page_language()
    for paragraph_id, state, code, name, kind, comment in session.execute(proposals):
        named[code] = name
        if kind is AmendmentKind.FOOTNOTE and state is AmendmentState.ACCEPTED:
            # A sentence under the paragraph names the state ("… nationale du Mexique").
            national.setdefault(paragraph_id, []).append(
                (StateName({language: name}, language), comment))
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


def proposing_delegations(session: Session, negotiation: Negotiation) -> list[Choice]:
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
