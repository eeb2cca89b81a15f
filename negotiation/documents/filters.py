"""The documents a reader's filters name: the filters read by name (a section and a
delegation by code, a revision by number, a state), and the comparison text or the
revisions' comparison they narrow it to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.documents.comparison import build_comparison
from negotiation.documents.parts import ComparisonText
from negotiation.documents.revision_comparison import (
    RevisionComparison,
    compare_revisions,
    revision_by_number,
)
from negotiation.enums import ParagraphState
from negotiation.errors import InvalidSubmission
from negotiation.models import Delegation, Negotiation, Revision, Section
from negotiation.text.languages import DEFAULT_LANGUAGE


def revision_number(text: str) -> int:
    """A revision's number as a filter names it, or a refusal naming what is not one."""
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise InvalidSubmission("There is no revision '%(number)s'.", number=text)
    return int(text)


@dataclass(frozen=True)
class ComparisonFilters:
    """What a comparison text is narrowed to."""

    section: Section | None = None
    delegation: Delegation | None = None
    revision: Revision | None = None
    states: frozenset[ParagraphState] | None = None
    in_draft_order: bool = False


def comparison_filters(session: Session, negotiation: Negotiation, filters: dict[str, str]
                       ) -> ComparisonFilters:
    """The filters by name (section and delegation by code, revision by number), or a refusal
    naming what does not exist."""
    section = delegation = revision = None
    if filters.get("section"):
        section = session.scalars(select(Section).where(
            Section.negotiation_id == negotiation.id,
            Section.code == filters["section"])).first()
        if section is None:
            raise InvalidSubmission("No such section.")
    if filters.get("delegation"):
        delegation = session.scalars(
            select(Delegation).where(Delegation.code == filters["delegation"])).first()
        if delegation is None:
            raise InvalidSubmission("No such delegation.")
    if filters.get("revision"):
        revision = revision_by_number(session, negotiation, revision_number(filters["revision"]))
    states = None
    if filters.get("state"):
        try:
            states = frozenset({ParagraphState(filters["state"])})
        except ValueError:
            raise InvalidSubmission("No such state.") from None
    return ComparisonFilters(section, delegation, revision, states,
                             filters.get("layout") == "draft")


def comparison_for(session: Session, negotiation: Negotiation, now: datetime,
                   filters: dict[str, str], language: str = DEFAULT_LANGUAGE) -> ComparisonText:
    """The consolidated comparison text the filters name, in ``language``."""
    chosen = comparison_filters(session, negotiation, filters)
    return build_comparison(session, negotiation, now, section=chosen.section,
                            delegation=chosen.delegation, revision=chosen.revision,
                            states=chosen.states, in_draft_order=chosen.in_draft_order,
                            language=language)


def revision_pair(session: Session, negotiation: Negotiation, filters: dict[str, str]
                  ) -> tuple[Revision, Revision]:
    """The two revisions to compare, by their numbers (filters "from" and "to")."""
    return (
        revision_by_number(session, negotiation, revision_number(filters.get("from", ""))),
        revision_by_number(session, negotiation, revision_number(filters.get("to", ""))),
    )


def revisions_for(session: Session, negotiation: Negotiation, filters: dict[str, str],
                  language: str = DEFAULT_LANGUAGE) -> RevisionComparison:
    """Two revisions compared, by their numbers, in ``language``."""
    return compare_revisions(session, *revision_pair(session, negotiation, filters),
                             language=language)
