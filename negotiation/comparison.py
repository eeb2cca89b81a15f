"""The secretariat's consolidated comparison text (two revisions compared: see
:mod:`negotiation.revision_comparison`).

It is plain data built from the database; the renderers in :mod:`negotiation.documents`
turn the same data into HTML, Word and PDF, so the three forms cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from negotiation.capcheck import rules_for
from negotiation.circulation import GROUPS, group_of, revisions_of
from negotiation.diffs import INSERT, Change, diff_from_json
from negotiation.drafting import labels, paragraphs_of, sections_of
from negotiation.enums import (
    LIVE_STATES,
    AmendmentKind,
    AmendmentState,
    ParagraphKind,
    ParagraphState,
)
from negotiation.errors import InvalidSubmission
from negotiation.models import (
    Amendment,
    Delegation,
    Negotiation,
    Paragraph,
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


@dataclass
class ProposalView:
    """One proposal on a paragraph, with its tracked changes against its own base."""

    id: int
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


@dataclass
class DraftRow:
    """A paragraph as it stands in the draft or in a revision, the same for both sources."""

    paragraph: Paragraph
    version: ParagraphVersion
    section: Section
    state: ParagraphState
    group: str
    label: str
    kind: ParagraphKind
    is_mandates: bool
    parent_id: int | None

    @property
    def state_label(self) -> str:
        return self.state.label


def local_date(negotiation: Negotiation, moment: datetime) -> str:
    """A date as printed on OAS documents: "26 April 2024"."""
    local = moment.astimezone(negotiation.zone)
    return f"{local.day} {local:%B %Y}"


def _live_rows(session: Session, negotiation: Negotiation) -> list[DraftRow]:
    everything = paragraphs_of(session, negotiation)
    label_of = labels(everything)
    return [
        DraftRow(p, p.current_version, p.section, p.state, group_of(p.state), label_of[p.id],
             p.kind, p.is_mandates, p.parent_id)
        for p in everything
        if p.state in LIVE_STATES
    ]


def revision_rows(session: Session, revision: Revision) -> list[DraftRow]:
    sections = {s.id: s for s in session.scalars(
        select(Section).where(Section.negotiation_id == revision.negotiation_id)
    )}
    rows = [
        DraftRow(e.paragraph, e.version, sections[e.section_id], e.state, group_of(e.state),
             e.label, e.kind, e.is_mandates, e.parent_id)
        for e in revision.entries
    ]
    # Entries are stored in draft order already; sort again so a revision written by
    # anything else still reads section by section.
    place = {id(r): i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.section.position, place[id(r)]))


def _cap_summaries(
    negotiation: Negotiation, rows: list[DraftRow], on: datetime
) -> dict[str, tuple[str, list[str]]]:
    rules = rules_for(negotiation)
    day = on.astimezone(negotiation.zone).date()
    result: dict[str, tuple[str, list[str]]] = {}
    for section in {r.section.id: r.section for r in rows}.values():
        mine = [r for r in rows if r.section.id == section.id]
        subcounts: dict[int, int] = {}
        for r in mine:
            if r.parent_id is not None:
                subcounts[r.parent_id] = subcounts.get(r.parent_id, 0) + 1
        shape = SectionShape(section.code, section.kind.value, section.title, tuple(
            ParagraphShape(r.label, r.kind.value, r.is_mandates, subcounts.get(r.paragraph.id, 0))
            for r in mine
            if r.parent_id is None
        ))
        report = check_section(shape, rules, day)
        result[section.code] = (report.summary, report.breaches)
    return result


def _open_proposals(
    session: Session, negotiation: Negotiation, at: datetime | None
) -> dict[int, list[Amendment]]:
    """Proposals on the table, by paragraph: open now, or open at a revision's circulation."""
    query = (
        select(Amendment)
        .where(Amendment.negotiation_id == negotiation.id)
        .options(selectinload(Amendment.supports), selectinload(Amendment.base_version))
        .order_by(Amendment.submitted_at, Amendment.id)
    )
    if at is None:
        query = query.where(Amendment.state == AmendmentState.SUBMITTED)
    else:
        query = query.where(Amendment.submitted_at <= at)
    by_paragraph: dict[int, list[Amendment]] = {}
    for amendment in session.scalars(query):
        if at is not None and not (
            amendment.state is AmendmentState.SUBMITTED
            or (amendment.resolved_at is not None and amendment.resolved_at > at)
        ):
            continue
        by_paragraph.setdefault(amendment.paragraph_id, []).append(amendment)
    return by_paragraph


def _proposal_view(amendment: Amendment, row: DraftRow) -> ProposalView:
    if amendment.kind is AmendmentKind.MODIFY and amendment.diff:
        changes = diff_from_json(amendment.diff)
    elif amendment.kind is AmendmentKind.NEW and amendment.proposed_text:
        changes = [Change(INSERT, amendment.proposed_text)]
    else:
        changes = []
    delegation = amendment.delegation
    return ProposalView(
        id=amendment.id,
        kind=amendment.kind,
        delegation=delegation.name,
        delegation_code=delegation.code,
        supporters=[d.name for d in amendment.supporters],
        changes=changes,
        comment=amendment.comment,
        base_version_number=amendment.base_version.number,
        written_on_older_version=amendment.base_version_id != row.version.id,
        conflicts_with_current=amendment.conflicts_with_version_id == row.version.id,
        rebased_from_id=amendment.rebased_from_id,
        late=amendment.late,
    )


def _involves(amendment: Amendment, delegation: Delegation) -> bool:
    return amendment.delegation_id == delegation.id or any(
        d.id == delegation.id for d in amendment.supporters
    )


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
    rows = revision_rows(session, revision) if revision else _live_rows(session, negotiation)
    moment = revision.circulated_at if revision else now
    caps = _cap_summaries(negotiation, rows, moment)
    proposals = _open_proposals(session, negotiation, revision.circulated_at if revision else None)
    proposed_by = _delegation_proposers(session, negotiation)
    group_of_row = {r.paragraph.id: r.group for r in rows}
    state_of_row = {r.paragraph.id: r.state for r in rows}

    keyed = [UNTRIAGED, *GROUPS] if not in_draft_order else [IN_DRAFT_ORDER]
    views: dict[str, dict[int, list[ParagraphView]]] = {key: {} for key, _ in keyed}
    for row in rows:
        if section is not None and row.section.id != section.id:
            continue
        if states is not None and row.state not in states:
            continue
        on_it = proposals.get(row.paragraph.id, [])
        if delegation is not None:
            on_it = [a for a in on_it if _involves(a, delegation)]
            if not on_it:
                continue
        view = ParagraphView(
            id=row.paragraph.id,
            label=row.label,
            kind=row.kind,
            state=row.state,
            text=row.version.text,
            version_number=row.version.number,
            proposer=row.paragraph.proposer_label,
            proposals=[_proposal_view(a, row) for a in on_it],
            proposed_by=proposed_by.get(row.paragraph.id, ""),
        )
        if in_draft_order:
            group = IN_DRAFT_ORDER[0]
        else:
            # A mandate stays under its chapeau, whatever its own state.
            group = group_of_row.get(row.parent_id, row.group) if row.parent_id else row.group
            # Untriaged: still as the chair's draft proposed it (a mandate: with its chapeau).
            if state_of_row.get(row.parent_id or row.paragraph.id) is ParagraphState.PROPOSED:
                group = UNTRIAGED[0]
        views[group].setdefault(row.section.id, []).append(view)

    ordered_sections = sections_of(session, negotiation)
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


def _delegation_proposers(session: Session, negotiation: Negotiation) -> dict[int, str]:
    """Who proposed each delegation's paragraph, with those who joined, whatever became of
    the proposal: an approved new paragraph keeps its proposers."""
    found = session.scalars(
        select(Amendment)
        .where(Amendment.negotiation_id == negotiation.id, Amendment.kind == AmendmentKind.NEW)
        .options(selectinload(Amendment.supports))
    )
    return {a.paragraph_id: _names(a.delegation.name, [d.name for d in a.supporters])
            for a in found}


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
