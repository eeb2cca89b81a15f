"""The proposals on the table, as the comparison texts show them: read as plain rows (at
a big committee's size, loading thousands of proposals as objects cost more than rendering
the whole document), each made into the view a document prints, and who proposed each
delegation's paragraph."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from negotiation.documents.printable import printable
from negotiation.documents.sponsors import Sponsors
from negotiation.draft.draftrows import DraftRow
from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Negotiation,
    ParagraphVersion,
)
from negotiation.text.delegations import StateName
from negotiation.text.diffs import INSERT, Change, diffs_from_json
from negotiation.text.languages import N_, known_language


@dataclass(slots=True)
class ProposalView:
    """One proposal on a paragraph, with its tracked changes against its own base."""

    id: int
    #: What people call it: "proposal 23".
    number: int
    kind: AmendmentKind
    delegation: str
    delegation_code: str
    supporters: list[str]
    changes: list[Change]
    comment: str
    base_version_number: int
    written_on_older_version: bool
    conflicts_with_current: bool
    rebased_from_id: int | None
    late: bool
    #: What had become of it at the document's moment: still open (submitted), or its fate.
    fate: AmendmentState = AmendmentState.SUBMITTED
    #: The chair's reason or note with that fate, if any.
    fate_note: str = ""
    #: The language the delegation wrote it in; "" where the view does not say.
    language: str = ""

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def is_open(self) -> bool:
        return self.fate is AmendmentState.SUBMITTED

    @property
    def set_aside_reason(self) -> str:
        """The chair's recorded reason for setting it aside (other fates' notes repeat the
        fate itself)."""
        return self.fate_note if self.fate is AmendmentState.NOT_RETAINED else ""

    @property
    def fate_label(self) -> str:
        """What became of it, as the documents print it ("" while it is open), in English:
        the renderers translate it."""
        if self.is_open:
            return ""
        if self.kind is AmendmentKind.NEW and self.fate is AmendmentState.ACCEPTED:
            return N_("Approved")
        return FATE_LABELS[self.fate]

    @property
    def proposers(self) -> Sponsors:
        """"Mexico, joined by Canada and Chile" (in English words, the names as the view
        has them)."""
        return Sponsors(self.delegation, self.supporters, "en")

    @property
    def shows_text(self) -> bool:
        return self.kind in (AmendmentKind.MODIFY, AmendmentKind.NEW)


#: A proposal's fate as the documents print it: the chair's words, not the stored states'.
FATE_LABELS = {
    AmendmentState.ACCEPTED: N_("Accepted"),
    AmendmentState.SETTLED: N_("Settled in the chair's compromise text"),
    AmendmentState.NOT_RETAINED: N_("Set aside"),
    AmendmentState.WITHDRAWN: N_("Withdrawn by the delegation"),
    AmendmentState.SUPERSEDED: N_("Replaced by a proposal on the newer text"),
    AmendmentState.NOTED: N_("Noted"),
}


@dataclass(slots=True)
class TabledProposal:
    """The columns of a proposal that the documents show, read without building ORM objects
    (at a big committee's size, loading thousands of proposals as objects cost more than
    rendering the whole document)."""

    id: int
    number: int
    paragraph_id: int
    kind: AmendmentKind
    delegation_id: int
    base_version_id: int
    base_version_number: int
    diff: str | None
    proposed_text: str | None
    comment: str
    conflicts_with_version_id: int | None
    rebased_from_id: int | None
    late: bool
    #: As of the document's moment (read only for the proposals received, not the open ones).
    fate: AmendmentState = AmendmentState.SUBMITTED
    fate_note: str = ""
    supporter_ids: list[int] = field(default_factory=list)
    #: A modification's tracked changes, parsed from ``diff``.
    changes: list[Change] | None = None


# Read through the tables' columns, not the mapped classes': the rows are plain columns
# either way, and a query of table columns skips the ORM's work on every row (a third of
# the read, at thousands of proposals). The session still flushes first.
_amendment = Amendment.__table__.c
_support = AmendmentSupport.__table__.c
_version = ParagraphVersion.__table__.c
_delegation = Delegation.__table__.c


@cache
def _open_statements(as_of: bool, some_paragraphs: bool, received: bool = False
                     ) -> tuple[Select[Any], Select[Any]]:
    """The proposals and their co-sponsors, for proposals open now or at a moment (``at``),
    or (``received``) every one sent up to ``at`` with its state and when it was resolved,
    on every paragraph or on some (``paragraph_ids``): made once each, as building them
    costs more than a small draft's read."""
    query = (
        select(_amendment.id, _amendment.number, _amendment.paragraph_id, _amendment.kind,
               _amendment.delegation_id, _amendment.base_version_id, _version.number,
               # What the documents show of the text: a modification's tracked changes, a new
               # paragraph's text (a modification's own text is in its diff already).
               case((_amendment.kind == AmendmentKind.MODIFY, _amendment.diff)),
               case((_amendment.kind == AmendmentKind.NEW, _amendment.proposed_text)),
               _amendment.comment, _amendment.conflicts_with_version_id,
               _amendment.rebased_from_id, _amendment.late)
        .join(ParagraphVersion.__table__, _version.id == _amendment.base_version_id)
        .order_by(_amendment.submitted_at, _amendment.id)
    )
    # Some paragraphs' proposals are theirs (a paragraph is of one negotiation): looked up
    # by paragraph alone, the database reads them by that index, not through the whole
    # negotiation's (a long agenda's first items at 30,000 proposals).
    of_negotiation = _amendment.negotiation_id == bindparam("negotiation_id")
    if not some_paragraphs:
        query = query.where(of_negotiation)
    if received:
        query = query.add_columns(_amendment.state, _amendment.resolution_note,
                                  _amendment.resolved_at).where(
            _amendment.submitted_at <= bindparam("at"))
    elif not as_of:
        query = query.where(_amendment.state == AmendmentState.SUBMITTED)
    else:
        # Sent by then, and still open then: open now, or resolved only afterwards.
        at = bindparam("at")
        query = query.where(_amendment.submitted_at <= at, or_(
            _amendment.state == AmendmentState.SUBMITTED, _amendment.resolved_at > at))
    supporting = (
        select(_support.amendment_id, _support.delegation_id)
        .join(Amendment.__table__, _amendment.id == _support.amendment_id)
        .where(_support.withdrawn_at.is_(None))
        .order_by(_support.joined_at, _support.id)
    )
    if not some_paragraphs:
        supporting = supporting.where(of_negotiation)
    if some_paragraphs:
        on = _amendment.paragraph_id.in_(bindparam("paragraph_ids", expanding=True))
        query, supporting = query.where(on), supporting.where(on)
    return query, supporting


def open_proposals(
    session: Session, negotiation: Negotiation, at: datetime | None,
    paragraph_ids: Collection[int] | None = None,
) -> dict[int, list[TabledProposal]]:
    """Proposals on the table (on these paragraphs only, if given), by paragraph: open now,
    or open at a revision's circulation; two queries whatever their number."""
    query, supporting = _open_statements(at is not None, paragraph_ids is not None)
    values: dict[str, object] = {"negotiation_id": negotiation.id}
    if at is not None:
        values["at"] = at
    if paragraph_ids is not None:
        values["paragraph_ids"] = list(paragraph_ids)
    found = {row[0]: TabledProposal(*row) for row in session.execute(query, values).all()}
    return _with_supporters(session, supporting, values, found)


def received_proposals(
    session: Session, negotiation: Negotiation, at: datetime
) -> dict[int, list[TabledProposal]]:
    """Every proposal received up to ``at``, by paragraph, each with what had become of it
    by then: a comparison text as of a moment shows the proposals that shaped the text with
    their fate, not only those still open (a proposal resolved later was open then)."""
    query, supporting = _open_statements(True, False, True)
    values: dict[str, object] = {"negotiation_id": negotiation.id, "at": at}
    found: dict[int, TabledProposal] = {}
    for row in session.execute(query, values).all():
        *columns, state, note, resolved_at = row
        if resolved_at is not None and resolved_at > at:
            state, note = AmendmentState.SUBMITTED, ""
        found[row[0]] = TabledProposal(*columns, state, note or "")
    return _with_supporters(session, supporting, values, found)


def _with_supporters(
    session: Session, supporting: Select[Any], values: dict[str, object],
    by_id: dict[int, TabledProposal],
) -> dict[int, list[TabledProposal]]:
    """The proposals with their co-sponsors and parsed changes, by paragraph."""
    stored = {proposal.id: proposal.diff for proposal in by_id.values() if proposal.diff}
    for proposal_id, changes in zip(stored, diffs_from_json(list(stored.values())), strict=True):
        by_id[proposal_id].changes = changes
    supports = session.execute(supporting, values).all()
    for amendment_id, delegation_id in supports:
        if amendment_id in by_id:
            by_id[amendment_id].supporter_ids.append(delegation_id)
    by_paragraph: dict[int, list[TabledProposal]] = {}
    for proposal in by_id.values():
        by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
    return by_paragraph


def proposal_view(
    proposal: TabledProposal, version_id: int, delegations: dict[int, Named]
) -> ProposalView:
    if proposal.kind is AmendmentKind.MODIFY and proposal.changes:
        changes = proposal.changes
        # Nearly always printable already, checked in one pass: a large cycle has thousands.
        if not all(map(str.isprintable, map(_text_of, changes))):
            changes = [Change(op, printable(text)) for op, text in changes]
    elif proposal.kind is AmendmentKind.NEW and proposal.proposed_text:
        changes = [Change(INSERT, printable(proposal.proposed_text))]
    else:
        changes = []
    delegation = delegations[proposal.delegation_id]
    # Positional, in the fields' order: thousands of views, and keywords cost a third more.
    return ProposalView(
        proposal.id, proposal.number, proposal.kind, delegation.name, delegation.code,
        [delegations[d].name for d in proposal.supporter_ids], changes,
        printable(proposal.comment), proposal.base_version_number,
        proposal.base_version_id != version_id,
        proposal.conflicts_with_version_id == version_id, proposal.rebased_from_id,
        proposal.late, proposal.fate, printable(proposal.fate_note),
    )


_text_of = itemgetter(1)


def involves(proposal: TabledProposal, delegation: Delegation) -> bool:
    return proposal.delegation_id == delegation.id or delegation.id in proposal.supporter_ids


@cache
def _names(language: str) -> Select[Any]:
    """Every delegation's name in ``language`` (its English name where that one is blank):
    made once per language, as the open proposals' statements are, since building one costs
    about as much as running it on a small draft."""
    column = {"es": _delegation.name_es, "fr": _delegation.name_fr,
              "pt": _delegation.name_pt}.get(known_language(language), _delegation.name_en)
    if column is not _delegation.name_en:
        column = func.coalesce(func.nullif(column, ""), _delegation.name_en)
    return select(_delegation.id, column, _delegation.code)

_PROPOSERS = (
    select(_amendment.paragraph_id, _amendment.delegation_id, _support.delegation_id)
    .outerjoin(AmendmentSupport.__table__, (_support.amendment_id == _amendment.id)
               & _support.withdrawn_at.is_(None))
    .where(_amendment.negotiation_id == bindparam("negotiation_id"),
           _amendment.kind == AmendmentKind.NEW)
    .order_by(_amendment.id, _support.joined_at, _support.id)
)


def delegation_proposers(
    session: Session, negotiation: Negotiation, delegations: dict[int, Named],
    language: str = "en",
) -> dict[int, Sponsors]:
    """Who proposed each delegation's paragraph, with those who joined, whatever became of
    the proposal: an approved new paragraph keeps its proposers (named in ``language``)."""
    found = session.execute(_PROPOSERS, {"negotiation_id": negotiation.id})
    proposers: dict[int, tuple[str, list[str]]] = {}
    for paragraph_id, proposer_id, supporter_id in found:
        _, joined = proposers.setdefault(paragraph_id, (delegations[proposer_id].name, []))
        if supporter_id is not None:
            joined.append(delegations[supporter_id].name)
    return {paragraph_id: Sponsors(first, joined, language)
            for paragraph_id, (first, joined) in proposers.items()}


def views_on(
    session: Session, negotiation: Negotiation, rows: Iterable[DraftRow], language: str = "en"
) -> dict[int, list[ProposalView]]:
    """The open proposals on these paragraphs, as the documents show them, by paragraph,
    their states named in ``language``."""
    rows = list(rows)
    tabled = open_proposals(session, negotiation, None, [row.paragraph_id for row in rows])
    delegations = delegation_names(session, language)
    return {row.paragraph_id: [proposal_view(proposal, row.version_id, delegations)
                               for proposal in tabled.get(row.paragraph_id, [])]
            for row in rows}


@dataclass(frozen=True, slots=True)
class Named:
    """A delegation as the documents name it: its state's name in the document's language,
    written with its article where a French or Portuguese message puts one."""

    name: StateName
    code: str


def delegation_names(session: Session, language: str = "en") -> dict[int, Named]:
    """Every delegation's name by id, in ``language``: a view names proposers and co-sponsors
    from it (they are a few dozen, read once, where thousands of proposals name them)."""
    language = known_language(language)
    return {id_: Named(StateName({language: name}, language), code)
            for id_, name, code in session.execute(_names(language))}
