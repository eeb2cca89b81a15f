"""What the Akoma Ntoso file prints, read from the database as the plain columns it needs:
the paragraphs with their numbers and texts, and the proposals open on them with their
proposers and tracked changes, in one set-based query each.

The comparison texts read more of every row (who proposed a paragraph, which version a
proposal was written on, whether it was late) and build a view of each; the file prints
none of that, and at a big committee's size reading and building it cost half as much again as
writing the file. Texts are read as stored: the writer makes every one printable as it
escapes it (:func:`negotiation.documents.printable.printable`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime
from functools import cache, partial
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Select,
    String,
    Text,
    bindparam,
    case,
    cast,
    or_,
    select,
    type_coerce,
)

from negotiation.draft.drafting import in_draft_order, labels
from negotiation.enums import (
    LIVE_STATES,
    AmendmentKind,
    AmendmentState,
    ParagraphKind,
    ParagraphState,
    SectionKind,
)
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    Section,
)
from negotiation.record.plainrows import driver_rows
from negotiation.text.diffs import INSERT, diff_pairs_from_json


class AknSection(NamedTuple):
    """A section of the draft, as the file groups paragraphs by it."""

    id: int
    code: str
    kind: SectionKind
    area: int | None
    title: str
    position: int


class AknParagraph(NamedTuple):
    """A paragraph of the file: where it stands, its number and its text."""

    paragraph_id: int
    section: AknSection
    kind: ParagraphKind
    label: str
    is_mandates: bool
    text: str
    #: Its footnotes as stored (``[{"at", "text"}]``), printed as ``authorialNote``.
    footnotes: list[Any] | None = None


class AknProposal(NamedTuple):
    """A proposal as an amendment of the file prints it."""

    number: int
    kind: AmendmentKind
    delegation: str
    delegation_code: str
    #: The co-sponsors' names, in the order they joined.
    supporters: Sequence[str]
    #: The tracked changes, as ``[op, text]`` pairs.
    changes: Sequence[Any]
    comment: str
    #: The language the delegation wrote it in ("es"), which may not be the draft's.
    language: str


class _Numbered(NamedTuple):
    """A paragraph as numbering reads it (:func:`negotiation.draft.drafting.labels`)."""

    id: int
    section_id: int
    parent_id: int | None
    kind: ParagraphKind
    is_mandates: bool
    state: ParagraphState
    number: str | None
    text: str | None
    footnotes: list[Any] | None


# Read through the tables' columns, not the mapped classes': the rows are plain columns
# either way, and a query of table columns skips the ORM's work on every row.
_paragraph = Paragraph.__table__.c
_version = ParagraphVersion.__table__.c
_section = Section.__table__.c
_entry = RevisionEntry.__table__.c
_revision = Revision.__table__.c
_amendment = Amendment.__table__.c
_support = AmendmentSupport.__table__.c
_delegation = Delegation.__table__.c


# Made without the named tuples' own __new__, a Python call per row: thousands of rows.
_proposal = partial(tuple.__new__, AknProposal)
_numbered = partial(tuple.__new__, _Numbered)
_printed = partial(tuple.__new__, AknParagraph)
#: A proposal's row's key in the order they were sent (when, then its id), its id, and
#: its delegation's.
_SENT, _ID, _PROPOSER = itemgetter(7, 0), itemgetter(0), itemgetter(4)
#: No co-sponsors, or no tracked changes: one empty sequence for every proposal.
_NONE: tuple[Any, ...] = ()


def _stored(column: Any) -> Any:
    """A column read as the driver gives it, without SQLAlchemy's conversion: an enum as
    the string it is stored as (looked up below in a dict), a moment as SQLite stores it
    (only compared). The conversion is a call per value, thousands of them in a big file."""
    return type_coerce(column, String)


def _notes(column: Any) -> Any:
    """The footnotes column read as its JSON text (parsed by :func:`_parsed_notes`): the
    JSON type's own conversion parses every paragraph's, nearly all of them an empty list."""
    return type_coerce(cast(column, Text), String)


def _parsed_notes(stored: str | None) -> list[Any] | None:
    return None if not stored or stored == "[]" else json.loads(stored)


_SECTION_KINDS = {kind.value: kind for kind in SectionKind}
_PARAGRAPH_KINDS = {kind.value: kind for kind in ParagraphKind}
_PARAGRAPH_STATES = {state.value: state for state in ParagraphState}
_AMENDMENT_KINDS = {kind.value: kind for kind in AmendmentKind}
_LIVE = sorted(state.value for state in LIVE_STATES)

# Statements made once: building one costs about as much as running it on a small draft.
_SECTIONS = (select(_section.id, _section.code, _stored(_section.kind), _section.area,
                     _section.title, _section.position)
             .where(_section.negotiation_id == bindparam("negotiation_id")))
# A paragraph's current version: the one its newest number names, found by its id. Asked
# so, rather than as the newest number (:func:`negotiation.draft.drafting.
# is_current_version`), PostgreSQL looks the number up once a paragraph instead of twice.
_newer = ParagraphVersion.__table__.alias("newer").c
_CURRENT = _version.id == (select(_newer.id).where(_newer.paragraph_id == _paragraph.id)
                           .order_by(_newer.number.desc()).limit(1).scalar_subquery())
# Every paragraph, live or not, as numbering needs them all; the text only of those the
# file prints. Put in draft order here, by the sections read apart (joined to its section
# and sorted, the query took twice as long on PostgreSQL).
_PARAGRAPHS = (
    select(_paragraph.id, _paragraph.section_id, _paragraph.parent_id,
           _stored(_paragraph.kind), _paragraph.is_mandates, _stored(_paragraph.state),
           _paragraph.number, case((_paragraph.state.in_(_LIVE), _version.text)),
           case((_paragraph.state.in_(_LIVE), _notes(_version.footnotes))),
           _paragraph.position)
    .select_from(Paragraph.__table__)
    .join(ParagraphVersion.__table__, _CURRENT)
    .where(_paragraph.negotiation_id == bindparam("negotiation_id"))
)
_FROZEN = (
    select(_entry.paragraph_id, _entry.section_id, _stored(_entry.kind), _entry.label,
           _entry.is_mandates, _version.text, _notes(_version.footnotes))
    .select_from(RevisionEntry.__table__)
    .join(ParagraphVersion.__table__, _version.id == _entry.version_id)
    .where(_entry.revision_id == bindparam("revision_id"), _entry.state.in_(_LIVE))
    .order_by(_entry.position)
)
_CIRCULATED = (select(_revision.symbol, _revision.circulated_at)
               .where(_revision.negotiation_id == bindparam("negotiation_id"))
               .order_by(_revision.number))
_NAMES = select(_delegation.id, _delegation.code, _delegation.name_en)
# Every co-sponsor still joined to a proposal of the negotiation, open or not: checking
# each proposal's state would read its whole row, where this reads two indexes.
_SUPPORTERS = (
    select(_support.amendment_id, _support.delegation_id)
    .join(Amendment.__table__, _amendment.id == _support.amendment_id)
    .where(_amendment.negotiation_id == bindparam("negotiation_id"),
           _support.withdrawn_at.is_(None))
    .order_by(_support.joined_at, _support.id)
)


def circulated(connection: Connection, negotiation_id: int) -> list[tuple[str, datetime]]:
    """Each revision's symbol and when it was circulated, rev. 0 first."""
    return [(symbol, at) for symbol, at in connection.execute(
        _CIRCULATED, {"negotiation_id": negotiation_id}).all()]


def sections_by_id(connection: Connection, negotiation_id: int) -> dict[int, AknSection]:
    kinds = _SECTION_KINDS
    return {id_: AknSection(id_, code, kinds[kind], area, title, position)
            for id_, code, kind, area, title, position
            in connection.execute(_SECTIONS, {"negotiation_id": negotiation_id}).all()}


def live_paragraphs(connection: Connection, negotiation_id: int) -> list[AknParagraph]:
    """The draft as it stands: its live paragraphs in draft order, numbered, in one query
    (and one for the sections)."""
    sections = sections_by_id(connection, negotiation_id)
    position = {id_: section.position for id_, section in sections.items()}
    kinds, states = _PARAGRAPH_KINDS, _PARAGRAPH_STATES
    found = driver_rows(connection, _PARAGRAPHS, {"negotiation_id": negotiation_id})
    found.sort(key=lambda row: (position[row[1]], row[9]))
    everything = in_draft_order([
        # SQLite's driver gives a flag as 0 or 1.
        _numbered((id_, section_id, parent_id, kinds[kind], bool(is_mandates), states[state],
                   number, text, _parsed_notes(footnotes)))
        for id_, section_id, parent_id, kind, is_mandates, state, number, text, footnotes, _
        in found])
    label_of, live = labels(everything), LIVE_STATES
    return [_printed((id_, sections[section_id], kind, label_of[id_], is_mandates, text,
                      footnotes))
            for id_, section_id, _, kind, is_mandates, state, _, text, footnotes in everything
            if state in live]


def frozen_paragraphs(connection: Connection, revision: Revision) -> list[AknParagraph]:
    """The live paragraphs as ``revision`` froze them, section by section, in one query
    (and one for the sections)."""
    sections, kinds = sections_by_id(connection, revision.negotiation_id), _PARAGRAPH_KINDS
    rows = [_printed((paragraph_id, sections[section_id], kinds[kind], label, is_mandates,
                      text, _parsed_notes(footnotes)))
            for paragraph_id, section_id, kind, label, is_mandates, text, footnotes
            in connection.execute(_FROZEN, {"revision_id": revision.id}).all()]
    # Entries are stored in draft order already; sorted again (a stable sort) so that a
    # revision written by anything else still reads section by section.
    return sorted(rows, key=lambda row: row.section.position)


@cache
def _proposals(as_of: bool) -> Select[Any]:
    """The proposals open now, or at a moment (``at``), with when they were sent (as
    stored: the order is all the file needs of it)."""
    query = (
        select(_amendment.id, _amendment.paragraph_id, _amendment.number,
               _stored(_amendment.kind), _amendment.delegation_id,
               # What the file shows of the text: a modification's tracked changes, a new
               # paragraph's text (one column: every value read from SQLite costs as much
               # as a small row).
               case((_amendment.kind == AmendmentKind.MODIFY, _amendment.diff),
                    (_amendment.kind == AmendmentKind.NEW, _amendment.proposed_text)),
               _amendment.comment, _stored(_amendment.submitted_at), _amendment.language)
        .where(_amendment.negotiation_id == bindparam("negotiation_id"))
    )
    if not as_of:
        return query.where(_amendment.state == AmendmentState.SUBMITTED)
    # Sent by then, and still open then: open now, or resolved only afterwards.
    at = bindparam("at")
    return query.where(_amendment.submitted_at <= at, or_(
        _amendment.state == AmendmentState.SUBMITTED, _amendment.resolved_at > at))


def open_proposals(
    connection: Connection, negotiation_id: int, at: datetime | None,
    paragraph_ids: Collection[int],
) -> tuple[dict[int, list[AknProposal]], list[tuple[str, str]]]:
    """The proposals on the table on these paragraphs, by paragraph in the order they were
    sent: open now, or (``at``) open at a revision's circulation; and the delegations they
    name, as proposers or co-sponsors, as (code, name) by code. Three queries whatever
    their number."""
    values: dict[str, object] = {"negotiation_id": negotiation_id}
    if at is not None:
        values["at"] = at
    delegations = {id_: (name, code) for id_, code, name in connection.execute(_NAMES).all()}
    found = [row for row in driver_rows(connection, _proposals(at is not None), values)
             if row[1] in paragraph_ids]
    # In the order they were sent. Sorted here, not by the database, which sorted whole
    # rows (a megabyte of texts at a big committee's size); read in the order they were
    # stored, they are nearly in order already, which costs this sort next to nothing.
    found.sort(key=_SENT)
    named = set(map(_PROPOSER, found))
    supporters = _supporters(connection, negotiation_id, set(map(_ID, found)), delegations,
                             named)
    modify = AmendmentKind.MODIFY.value
    parsed = iter(diff_pairs_from_json([row[5] for row in found
                                        if row[5] and row[3] == modify]))
    kinds, none = _AMENDMENT_KINDS, _NONE
    by_paragraph: dict[int, list[AknProposal]] = {}
    for id_, paragraph_id, number, kind, delegation_id, text, comment, _, language in found:
        name, code = delegations[delegation_id]
        # A modification's tracked changes; a new paragraph's text, all of it inserted.
        changes = (next(parsed) if kind == modify else [[INSERT, text]]) if text else none
        proposal = _proposal((number, kinds[kind], name, code, supporters.get(id_, none),
                              changes, comment, language))
        if paragraph_id in by_paragraph:
            by_paragraph[paragraph_id].append(proposal)
        else:
            by_paragraph[paragraph_id] = [proposal]
    return by_paragraph, sorted([delegations[id_][::-1] for id_ in named])


def _supporters(
    connection: Connection, negotiation_id: int, proposal_ids: set[int],
    delegations: dict[int, tuple[str, str]], named: set[int],
) -> dict[int, list[str]]:
    """The co-sponsors' names of these proposals, in the order they joined; each delegation
    among them is added to ``named``."""
    joined: dict[int, list[str]] = {}
    for amendment_id, delegation_id in driver_rows(
            connection, _SUPPORTERS, {"negotiation_id": negotiation_id}):
        if amendment_id not in proposal_ids:
            continue
        named.add(delegation_id)
        if amendment_id in joined:
            joined[amendment_id].append(delegations[delegation_id][0])
        else:
            joined[amendment_id] = [delegations[delegation_id][0]]
    return joined
