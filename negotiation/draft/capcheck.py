"""The caps applied to the draft as it stands (the rules themselves live in ``rules``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from negotiation.draft.caprules import rule_set_of
from negotiation.draft.drafting import (
    Numbering,
    numbering_of,
    section_outline,
    section_shape,
    sections_of,
)
from negotiation.draft.sectionnumbers import SectionNumbering, section_labels
from negotiation.enums import ParagraphState
from negotiation.models import Negotiation, Paragraph, Section
from rules.caps import CapReport, Phrase, RuleSet, check_draft, check_section, joined


def rules_for(session: Session, negotiation: Negotiation) -> RuleSet:
    """The negotiation's caps as they stand in the database now (one query).

    Read on every check, never cached: a cap the chair changes applies at once.
    """
    return rule_set_of(session, negotiation)


def day_at_headquarters(negotiation: Negotiation, now: datetime) -> date:
    """Caps take effect by date at headquarters, not by the server's date."""
    return now.astimezone(negotiation.zone).date()


def cap_reports(session: Session, negotiation: Negotiation, now: datetime,
                numbering: Numbering | None = None) -> list[CapReport]:
    """Each section's live paragraphs counted against the caps in force today, on the
    draft's outline (``numbering``, when the caller read it already)."""
    if numbering is None:
        numbering = numbering_of(session, negotiation.id)
    shapes = [section_shape(s, numbering.section_rows(s), numbering.label_of)
              for s in sections_of(session, negotiation)]
    return check_draft(shapes, rules_for(session, negotiation),
                       day_at_headquarters(negotiation, now))


def section_report(
    session: Session, negotiation: Negotiation, section: Section, now: datetime,
    numbering: Numbering | SectionNumbering | None = None,
) -> CapReport:
    """One section's live paragraphs counted against the caps in force today, from the
    draft's or the section's outline (``numbering``, when the caller read it already): caps
    are per section, and a breach names its paragraph by its label in the whole draft."""
    rules, day = rules_for(session, negotiation), day_at_headquarters(negotiation, now)
    if numbering is None:
        # Only a breach names paragraphs: a section within its caps (nearly always, as each
        # new paragraph is sent) is counted without reading the rest of the draft.
        rows = section_outline(session, section)
        report = check_section(section_shape(section, rows), rules, day)
        if report.ok:
            return report
        # Labelled from the outline just read (not read again).
        numbering = SectionNumbering(section, rows, section_labels(session, section, rows))
    return check_section(section_shape(section, numbering.section_rows(section),
                                       numbering.label_of), rules, day)


def breach_if_approved(
    session: Session,
    negotiation: Negotiation,
    paragraph: Paragraph,
    draft: list[Paragraph],
    label_of: dict[int, str],
    now: datetime,
) -> Phrase | None:
    """What cap approving this paragraph would breach, counting approved paragraphs only.

    ``draft`` is the whole draft in order (from ``paragraphs_of``), loaded once by the caller.
    """
    counted = [p for p in draft if p.state is ParagraphState.APPROVED or p.id == paragraph.id]
    # The candidate counts as if approved; a shape reads the state only to filter.
    shape = section_shape(paragraph.section, counted, label_of,
                          states=frozenset(p.state for p in counted))
    report = check_section(shape, rules_for(session, negotiation),
                           day_at_headquarters(negotiation, now))
    return joined(report.breaches)
