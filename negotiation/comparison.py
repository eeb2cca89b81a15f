"""The secretariat's consolidated comparison text (two revisions compared: see
:mod:`negotiation.revision_comparison`).

It is plain data built from the database; the renderers in :mod:`negotiation.documents`
turn the same data into HTML, Word and PDF, so the three forms cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from negotiation.capcheck import rules_for
from negotiation.circulation import GROUPS, revisions_of
from negotiation.diffs import INSERT, Change, diff_from_json
from negotiation.documents.printable import printable
from negotiation.drafting import sections_of
from negotiation.draftrows import DraftRow, live_rows, revision_rows
from negotiation.enums import (
    AmendmentKind,
    AmendmentState,
    ParagraphKind,
    ParagraphState,
)
from negotiation.errors import InvalidSubmission
from negotiation.models import (
    Amendment,
    AmendmentSupport,
    Delegation,
    Negotiation,
    ParagraphVersion,
    Revision,
    Section,
)
from rules.caps import ParagraphShape, SectionShape, check_section

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"}


@dataclass(frozen=True)
class Header:
    """The head of a document as circulated."""

    council: str
    committee_name: str
    symbol: str
    date: str
    original_language: str
    title: str
    document: str
    scope: str = ""

    @property
    def original(self) -> str:
        return f"Original: {self.original_language}"


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

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def proposers(self) -> str:
        """"Mexico, joined by Canada and Chile"."""
        return _names(self.delegation, self.supporters)

    @property
    def shows_text(self) -> bool:
        return self.kind in (AmendmentKind.MODIFY, AmendmentKind.NEW)


@dataclass
class ParagraphView:
    """A paragraph of the draft as it stands, with the proposals on it."""

    id: int
    label: str
    kind: ParagraphKind
    state: ParagraphState
    text: str
    version_number: int
    proposer: str
    proposals: list[ProposalView] = field(default_factory=list)
    #: A delegation's paragraph: "Peru, joined by Mexico", kept once it is approved.
    proposed_by: str = ""

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def is_subparagraph(self) -> bool:
        return self.kind is ParagraphKind.SUBPARAGRAPH


@dataclass
class SectionBlock:
    """The paragraphs of one section within one group, with the section's cap count."""

    code: str
    title: str
    cap_summary: str
    breaches: list[str]
    paragraphs: list[ParagraphView]


@dataclass
class GroupBlock:
    """One of the procedure's three groups."""

    key: str
    title: str
    sections: list[SectionBlock]


@dataclass
class ComparisonText:
    """The consolidated comparison text, for the whole draft, a section or a delegation."""

    header: Header
    groups: list[GroupBlock]

    def paragraphs(self) -> list[ParagraphView]:
        return [p for g in self.groups for s in g.sections for p in s.paragraphs]


def local_date(negotiation: Negotiation, moment: datetime) -> str:
    """A date as printed on OAS documents: "26 April 2024"."""
    local = moment.astimezone(negotiation.zone)
    return f"{local.day} {local:%B %Y}"


def _cap_summaries(
    session: Session,
    negotiation: Negotiation, rows: list[DraftRow], on: datetime
) -> dict[str, tuple[str, list[str]]]:
    rules = rules_for(session, negotiation)
    day = on.astimezone(negotiation.zone).date()
    result: dict[str, tuple[str, list[str]]] = {}
    by_section: dict[int, list[DraftRow]] = {}
    for row in rows:
        by_section.setdefault(row.section.id, []).append(row)
    for mine in by_section.values():
        section = mine[0].section
        subcounts: dict[int, int] = {}
        for r in mine:
            if r.parent_id is not None:
                subcounts[r.parent_id] = subcounts.get(r.parent_id, 0) + 1
        shape = SectionShape(section.code, section.kind.value, section.title, tuple(
            ParagraphShape(r.label, r.kind.value, r.is_mandates, subcounts.get(r.paragraph_id, 0))
            for r in mine
            if r.parent_id is None
        ))
        report = check_section(shape, rules, day)
        result[section.code] = (report.summary, report.breaches)
    return result


@dataclass(slots=True)
class _Proposal:
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
    supporter_ids: list[int] = field(default_factory=list)


def _open_proposals(
    session: Session, negotiation: Negotiation, at: datetime | None
) -> dict[int, list[_Proposal]]:
    """Proposals on the table, by paragraph: open now, or open at a revision's circulation;
    two queries whatever their number."""
    query = (
        select(Amendment.id, Amendment.number, Amendment.paragraph_id, Amendment.kind,
               Amendment.delegation_id, Amendment.base_version_id, ParagraphVersion.number,
               # What the documents show of the text: a modification's tracked changes, a new
               # paragraph's text (a modification's own text is in its diff already).
               case((Amendment.kind == AmendmentKind.MODIFY, Amendment.diff)),
               case((Amendment.kind == AmendmentKind.NEW, Amendment.proposed_text)),
               Amendment.comment, Amendment.conflicts_with_version_id,
               Amendment.rebased_from_id, Amendment.late)
        .join(ParagraphVersion, ParagraphVersion.id == Amendment.base_version_id)
        .where(Amendment.negotiation_id == negotiation.id)
        .order_by(Amendment.submitted_at, Amendment.id)
    )
    if at is None:
        query = query.where(Amendment.state == AmendmentState.SUBMITTED)
    else:
        # Sent by then, and still open then: open now, or resolved only afterwards.
        query = query.where(Amendment.submitted_at <= at, or_(
            Amendment.state == AmendmentState.SUBMITTED, Amendment.resolved_at > at))
    by_id = {row.id: _Proposal(*row) for row in session.execute(query)}
    supports = session.execute(
        select(AmendmentSupport.amendment_id, AmendmentSupport.delegation_id)
        .join(Amendment, Amendment.id == AmendmentSupport.amendment_id)
        .where(Amendment.negotiation_id == negotiation.id,
               AmendmentSupport.withdrawn_at.is_(None))
        .order_by(AmendmentSupport.joined_at, AmendmentSupport.id)
    )
    for amendment_id, delegation_id in supports:
        if amendment_id in by_id:
            by_id[amendment_id].supporter_ids.append(delegation_id)
    by_paragraph: dict[int, list[_Proposal]] = {}
    for proposal in by_id.values():
        by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
    return by_paragraph


def _proposal_view(
    proposal: _Proposal, version_id: int, delegations: dict[int, Delegation]
) -> ProposalView:
    if proposal.kind is AmendmentKind.MODIFY and proposal.diff:
        # Printable text (nearly always) keeps its Change: a large cycle has thousands.
        changes = [c if (text := printable(c.text)) is c.text else Change(c.op, text)
                   for c in diff_from_json(proposal.diff)]
    elif proposal.kind is AmendmentKind.NEW and proposal.proposed_text:
        changes = [Change(INSERT, printable(proposal.proposed_text))]
    else:
        changes = []
    delegation = delegations[proposal.delegation_id]
    return ProposalView(
        id=proposal.id,
        number=proposal.number,
        kind=proposal.kind,
        delegation=delegation.name,
        delegation_code=delegation.code,
        supporters=[delegations[d].name for d in proposal.supporter_ids],
        changes=changes,
        comment=printable(proposal.comment),
        base_version_number=proposal.base_version_number,
        written_on_older_version=proposal.base_version_id != version_id,
        conflicts_with_current=proposal.conflicts_with_version_id == version_id,
        rebased_from_id=proposal.rebased_from_id,
        late=proposal.late,
    )


def _involves(proposal: _Proposal, delegation: Delegation) -> bool:
    return proposal.delegation_id == delegation.id or delegation.id in proposal.supporter_ids


#: The group of paragraphs no triage has placed yet: not headed "consensus in principle".
UNTRIAGED = ("proposed", "Paragraphs of the draft not yet triaged")
#: The whole draft in its own order, each paragraph with every open proposal in place.
IN_DRAFT_ORDER = ("draft", "The draft with every open proposal in place")


def build_comparison(
    session: Session,
    negotiation: Negotiation,
    now: datetime,
    *,
    section: Section | None = None,
    delegation: Delegation | None = None,
    revision: Revision | None = None,
    states: frozenset[ParagraphState] | None = None,
    in_draft_order: bool = False,
) -> ComparisonText:
    """The consolidated comparison text, in the procedure's three groups.

    Without ``revision`` it shows the draft as it stands and the proposals open now; with
    one, the paragraphs as that revision froze them and the proposals that were open when
    it was circulated. ``section`` keeps one section; ``delegation`` keeps the paragraphs on
    which that delegation proposed or joined something, with only those proposals;
    ``states`` keeps paragraphs in those states. Paragraphs no triage has placed come first,
    under their own heading; mandates stay under their chapeau's group. ``in_draft_order``
    gives the whole draft as one tracked-changes text instead of the three groups.
    """
    if revision is not None and revision.negotiation_id != negotiation.id:
        raise InvalidSubmission("That revision belongs to another negotiation.")
    # Loaded first so each paragraph's section and proposing delegation come from the
    # session, not a query of their own.
    ordered_sections = sections_of(session, negotiation)
    delegations = {d.id: d for d in session.scalars(select(Delegation))}
    rows = revision_rows(session, revision) if revision else live_rows(
        session, negotiation, {s.id: s for s in ordered_sections})
    moment = revision.circulated_at if revision else now
    caps = _cap_summaries(session, negotiation, rows, moment)
    proposals = _open_proposals(session, negotiation, revision.circulated_at if revision else None)
    proposed_by = _delegation_proposers(session, negotiation, delegations)
    group_of_row = {r.paragraph_id: r.group for r in rows}
    state_of_row = {r.paragraph_id: r.state for r in rows}

    keyed = [UNTRIAGED, *GROUPS] if not in_draft_order else [IN_DRAFT_ORDER]
    views: dict[str, dict[int, list[ParagraphView]]] = {key: {} for key, _ in keyed}
    for row in rows:
        if section is not None and row.section.id != section.id:
            continue
        if states is not None and row.state not in states:
            continue
        on_it = proposals.get(row.paragraph_id, [])
        if delegation is not None:
            on_it = [a for a in on_it if _involves(a, delegation)]
            if not on_it:
                continue
        view = ParagraphView(
            id=row.paragraph_id,
            label=row.label,
            kind=row.kind,
            state=row.state,
            text=printable(row.text),
            version_number=row.version_number,
            proposer=row.proposer,
            proposals=[_proposal_view(a, row.version_id, delegations) for a in on_it],
            proposed_by=proposed_by.get(row.paragraph_id, ""),
        )
        if in_draft_order:
            group = IN_DRAFT_ORDER[0]
        else:
            # A mandate stays under its chapeau, whatever its own state.
            group = group_of_row.get(row.parent_id, row.group) if row.parent_id else row.group
            # Untriaged: still as the chair's draft proposed it (a mandate: with its chapeau).
            if state_of_row.get(row.parent_id or row.paragraph_id) is ParagraphState.PROPOSED:
                group = UNTRIAGED[0]
        views[group].setdefault(row.section.id, []).append(view)

    groups = [
        GroupBlock(key, title, [
            SectionBlock(s.code, s.title, *caps.get(s.code, ("", [])),
                         paragraphs=views[key][s.id])
            for s in ordered_sections
            if views[key].get(s.id)
        ])
        for key, title in keyed
        if key != UNTRIAGED[0] or views[key]
    ]
    header = _header(session, negotiation, now, revision, section, delegation, states)
    return ComparisonText(header, groups)


def _delegation_proposers(
    session: Session, negotiation: Negotiation, delegations: dict[int, Delegation]
) -> dict[int, str]:
    """Who proposed each delegation's paragraph, with those who joined, whatever became of
    the proposal: an approved new paragraph keeps its proposers."""
    found = session.execute(
        select(Amendment.paragraph_id, Amendment.delegation_id, AmendmentSupport.delegation_id)
        .outerjoin(AmendmentSupport, (AmendmentSupport.amendment_id == Amendment.id)
                   & AmendmentSupport.withdrawn_at.is_(None))
        .where(Amendment.negotiation_id == negotiation.id, Amendment.kind == AmendmentKind.NEW)
        .order_by(Amendment.id, AmendmentSupport.joined_at, AmendmentSupport.id)
    )
    proposers: dict[int, tuple[str, list[str]]] = {}
    for paragraph_id, proposer_id, supporter_id in found:
        _, joined = proposers.setdefault(paragraph_id, (delegations[proposer_id].name, []))
        if supporter_id is not None:
            joined.append(delegations[supporter_id].name)
    return {paragraph_id: _names(first, joined)
            for paragraph_id, (first, joined) in proposers.items()}


def _names(first: str, joined: list[str]) -> str:
    """"Mexico, joined by Canada and Chile"."""
    if not joined:
        return first
    names = joined[0] if len(joined) == 1 else ", ".join(joined[:-1]) + " and " + joined[-1]
    return f"{first}, joined by {names}"


def _header(
    session: Session,
    negotiation: Negotiation,
    now: datetime,
    revision: Revision | None,
    section: Section | None,
    delegation: Delegation | None,
    states: frozenset[ParagraphState] | None = None,
) -> Header:
    if revision is None:
        # The working text carries the symbol of the last revision circulated, dated today.
        circulated = revisions_of(session, negotiation)
        symbol = circulated[-1].symbol if circulated else negotiation.symbol
    else:
        symbol = revision.symbol
    scopes = []
    if section is not None:
        scopes.append(f"Section: {section.title}")
    if delegation is not None:
        scopes.append(f"Proposals of {delegation.name}")
    if states:
        scopes.append("Paragraphs: " + ", ".join(sorted(s.label.lower() for s in states)))
    return Header(
        council=negotiation.council,
        committee_name=negotiation.committee_name,
        symbol=symbol,
        date=local_date(negotiation, revision.circulated_at if revision else now),
        original_language=LANGUAGE_NAMES.get(negotiation.original_language,
                                             negotiation.original_language),
        title=negotiation.title,
        document="Consolidated comparison text",
        scope="; ".join(scopes),
    )
