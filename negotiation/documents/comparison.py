"""The secretariat's consolidated comparison text (two revisions compared: see
:mod:`negotiation.documents.revision_comparison`).

It is plain data built from the database; the renderers in :mod:`negotiation.documents`
turn the same data into HTML, Word and PDF, so the three forms cannot disagree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.documents.parts import (
    ComparisonText,
    GroupBlock,
    Header,
    ParagraphView,
    SectionBlock,
)
from negotiation.documents.printable import printable
from negotiation.documents.tabled import (
    Named,
    TabledProposal,
    delegation_names,
    delegation_proposers,
    involves,
    proposal_view,
    received_proposals,
)
from negotiation.documents.wording import (
    GROUP_TITLES,
    cap_breaches,
    cap_summary,
    document_date,
    language_name,
)
from negotiation.draft.capcheck import rules_for
from negotiation.draft.circulation import GROUPS, last_symbol
from negotiation.draft.drafting import sections_of
from negotiation.draft.draftrows import DraftRow, live_rows, revision_rows
from negotiation.enums import (
    AmendmentKind,
    AmendmentState,
    ParagraphState,
)
from negotiation.errors import InvalidSubmission
from negotiation.models import (
    Delegation,
    Negotiation,
    Revision,
    Section,
)
from negotiation.text.footnotes import from_stored
from negotiation.text.languages import N_, known_language, translate
from rules.caps import ParagraphShape, SectionShape, check_section

#: The languages' English names, as an English document (and Akoma Ntoso) names them.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"}


def local_date(negotiation: Negotiation, moment: datetime, language: str = "en") -> str:
    """A date as printed on OAS documents, in the negotiation's time zone: "26 April 2024",
    "26 de abril de 2024"."""
    return document_date(moment.astimezone(negotiation.zone).date(), language)


def original_language(negotiation: Negotiation, language: str) -> str:
    """The draft's original language named in ``language`` ("Spanish", "español")."""
    code = negotiation.original_language
    if known_language(language) == "en":
        return LANGUAGE_NAMES.get(code, code)
    return language_name(code, language)


def _cap_summaries(
    session: Session,
    negotiation: Negotiation, rows: list[DraftRow], on: datetime, language: str = "en",
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
        ), counted_apart=section.counted_apart)
        report = check_section(shape, rules, day)
        summary = (translate(N_("counted apart, paragraphs %(count)s"), language,
                             count=report.total)
                   if report.counted_apart and report.rule is None
                   else cap_summary(report.counts(), language))
        result[section.code] = (summary,
                                cap_breaches(report, language))
    return result


#: The group of paragraphs no triage has placed yet: not headed "consensus in principle".
UNTRIAGED = ("proposed", GROUP_TITLES["proposed"])
#: The whole draft in its own order, each paragraph with every proposal in place.
IN_DRAFT_ORDER = ("draft", GROUP_TITLES["draft"])

#: A proposal that asked the chair's paragraph to change: it put the paragraph in the group
#: with proposed modifications, where it stays once decided.
_MODIFYING = frozenset({AmendmentKind.MODIFY, AmendmentKind.DELETE})


def group_then(row: DraftRow, proposals: list[TabledProposal], proposed_by: str) -> str:
    """The procedure's group of a paragraph at the document's moment.

    A paragraph's state says its group until it is decided: an approved paragraph, or one
    sent to informal consultations, was new, amended or in consensus before, and it stays
    in that group, shown with its state, so that the text still reads as the chair put it
    to approval. A delegation's paragraph is new; a chair's approved paragraph that drew a
    modification or a request to delete (one marks it amended as it arrives, and a
    withdrawal does not take that back) had modifications proposed.
    """
    if proposed_by and row.state is not ParagraphState.PROPOSED:
        return "new"
    if row.state is ParagraphState.APPROVED and any(p.kind in _MODIFYING for p in proposals):
        return "amended"
    return row.group


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
    language: str = "en",
) -> ComparisonText:
    """The consolidated comparison text, in the procedure's three groups.

    Without ``revision`` it shows the draft as it stands and every proposal received, each
    with what became of it; with one, the paragraphs as that revision froze them and the
    proposals received up to its circulation, with what had become of them then. A
    paragraph stands in its group of that moment (see :func:`group_then`). ``section``
    keeps one section; ``delegation`` keeps the paragraphs on which that delegation
    proposed or joined something, with only those proposals; ``states`` keeps paragraphs
    in those states. Paragraphs no triage has placed come first, under their own heading;
    mandates stay under their chapeau's group. ``in_draft_order``
    gives the whole draft as one tracked-changes text instead of the three groups.
    ``language`` is the document's: its headings, dates and delegations' names.
    """
    if revision is not None and revision.negotiation_id != negotiation.id:
        raise InvalidSubmission("That revision belongs to another negotiation.")
    # Loaded first so each paragraph's section and proposing delegation come from the
    # session, not a query of their own.
    ordered_sections = sections_of(session, negotiation)
    delegations = delegation_names(session, language)
    rows = revision_rows(session, revision) if revision else live_rows(
        session, negotiation, {s.id: s for s in ordered_sections})
    moment = revision.circulated_at if revision else now
    caps = _cap_summaries(session, negotiation, rows, moment, language)
    proposals = received_proposals(session, negotiation, moment)
    proposed_by = delegation_proposers(session, negotiation, delegations, language)
    group_of_row = {r.paragraph_id: group_then(r, proposals.get(r.paragraph_id, []),
                                               proposed_by.get(r.paragraph_id, ""))
                    for r in rows}
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
            on_it = [a for a in on_it if involves(a, delegation)]
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
            proposals=[proposal_view(a, row.version_id, delegations) for a in on_it],
            proposed_by=proposed_by.get(row.paragraph_id, ""),
            notes=from_stored(row.footnotes or [], row.text),
            national=national_footnotes(proposals.get(row.paragraph_id, []), delegations,
                                        language),
        )
        if in_draft_order:
            group = IN_DRAFT_ORDER[0]
        else:
            # A mandate stays under its chapeau, whatever its own state.
            group = group_of_row.get(row.parent_id or row.paragraph_id, row.group)
            # Untriaged: still as the chair's draft proposed it (a mandate: with its chapeau).
            if state_of_row.get(row.parent_id or row.paragraph_id) is ParagraphState.PROPOSED:
                group = UNTRIAGED[0]
        views[group].setdefault(row.section.id, []).append(view)

    groups = [
        GroupBlock(key, translate(GROUP_TITLES.get(key, title), language), [
            SectionBlock(s.code, s.title, *caps.get(s.code, ("", [])),
                         paragraphs=views[key][s.id])
            for s in ordered_sections
            if views[key].get(s.id)
        ])
        for key, title in keyed
        if key != UNTRIAGED[0] or views[key]
    ]
    header = _header(session, negotiation, now, revision, section, delegation, states,
                     language)
    comparison = ComparisonText(header, groups)
    number_notes(comparison.paragraphs())
    return comparison


def national_footnotes(on_it: list[TabledProposal], delegations: dict[int, Named],
                       language: str) -> tuple[str, ...]:
    """The national footnotes accepted on a paragraph at the document's moment, each with
    the state's name in the document's language."""
    return tuple(
        translate(N_("National footnote of %(state)s: %(text)s"), language,
                  state=delegations[a.delegation_id].name, text=printable(a.comment))
        for a in on_it if a.kind is AmendmentKind.FOOTNOTE and a.fate is AmendmentState.ACCEPTED)


def number_notes(views: list[ParagraphView]) -> None:
    """Number the notes through the document, in the order its paragraphs are printed."""
    number = 1
    for view in views:
        view.first_note = number
        number += len(view.all_notes)


def _header(
    session: Session,
    negotiation: Negotiation,
    now: datetime,
    revision: Revision | None,
    section: Section | None,
    delegation: Delegation | None,
    states: frozenset[ParagraphState] | None = None,
    language: str = "en",
) -> Header:
    # The working text carries the symbol of the last revision circulated, dated today.
    symbol = last_symbol(session, negotiation) if revision is None else revision.symbol
    scopes = []
    if section is not None:
        scopes.append(translate(N_("Section: %(title)s"), language, title=section.title))
    if delegation is not None:
        name = delegation_names(session, language)[delegation.id].name
        scopes.append(translate(N_("Proposals of %(delegation)s"), language, delegation=name))
    if states:
        labels = sorted(translate(s.label, language).lower() for s in states)
        scopes.append(translate(N_("Paragraphs: %(states)s"), language,
                                states=", ".join(labels)))
    if revision is not None:
        standing = translate(N_(
            "Comparison text as of rev. %(number)s, circulated %(date)s: the proposals "
            "received up to then, with what had become of them by that day"), language,
            number=revision.number,
            date=local_date(negotiation, revision.circulated_at, language))
    else:
        standing = translate(N_(
            "Comparison text as it stands today, %(date)s: every proposal received, with "
            "what became of it"), language, date=local_date(negotiation, now, language))
    return Header(
        council=negotiation.council,
        committee_name=negotiation.committee_name,
        symbol=symbol,
        date=local_date(negotiation, revision.circulated_at if revision else now, language),
        original_language=original_language(negotiation, language),
        title=negotiation.title,
        document=translate(N_("Consolidated comparison text"), language),
        scope="; ".join(scopes),
        standing=standing,
        language=known_language(language),
        header_lines=negotiation.header_lines,
    )
