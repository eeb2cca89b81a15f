"""The caps applied to the draft as it stands (the rules themselves live in ``rules``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.drafting import labels, paragraphs_of, section_shape, sections_of
from negotiation.enums import ParagraphState
from negotiation.models import Negotiation, Paragraph
from rules.caps import CapReport, RuleSet, check_draft, check_section, load_rules

_rule_sets: dict[str, RuleSet] = {}


def rules_for(negotiation: Negotiation) -> RuleSet:
    """The negotiation's cycle of caps, read once per process."""
    if negotiation.rules not in _rule_sets:
        _rule_sets[negotiation.rules] = load_rules(negotiation.rules)
    return _rule_sets[negotiation.rules]


def local_date(negotiation: Negotiation, now: datetime) -> datetime:
    return now.astimezone(negotiation.zone)


def cap_reports(session: Session, negotiation: Negotiation, now: datetime) -> list[CapReport]:
    """Each section's live paragraphs counted against the caps in force today."""
    paragraphs = paragraphs_of(session, negotiation)
    label_of = labels(paragraphs)
    shapes = [section_shape(s, paragraphs, label_of) for s in sections_of(session, negotiation)]
    return check_draft(shapes, rules_for(negotiation), local_date(negotiation, now).date())


def breach_if_approved(
    session: Session, negotiation: Negotiation, paragraph: Paragraph, now: datetime
) -> str | None:
    """What cap approving this paragraph would breach, counting approved paragraphs only."""
    paragraphs = paragraphs_of(session, negotiation)
    label_of = labels(paragraphs)
    approved = frozenset({ParagraphState.APPROVED})
    counted = [p for p in paragraphs if p.state in approved or p.id == paragraph.id]
    # The candidate counts as if approved; a shape only reads the state to filter.
    shape = section_shape(paragraph.section, counted, label_of, states=frozenset(
        {*approved, paragraph.state}
    ))
    report = check_section(shape, rules_for(negotiation), local_date(negotiation, now).date())
    return "; ".join(report.breaches) or None
