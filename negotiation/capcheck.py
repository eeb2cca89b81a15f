"""The caps applied to the draft as it stands (the rules themselves live in ``rules``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from negotiation.drafting import labels, paragraphs_of, section_shape, sections_of
from negotiation.enums import ParagraphState
from negotiation.models import Negotiation, Paragraph
from rules.caps import CapReport, RuleSet, check_draft, check_section, load_rules

_rule_sets: dict[str, RuleSet] = {}


def rules_for(negotiation: Negotiation) -> RuleSet:
    """The negotiation's cycle of caps, read once per process (none until the chair sets
    them: a new negotiation has no rules file)."""
    if negotiation.rules not in _rule_sets:
        try:
            _rule_sets[negotiation.rules] = load_rules(negotiation.rules)
        except FileNotFoundError:
            return RuleSet(name=negotiation.rules, cycle=negotiation.cycle, rules=())
    return _rule_sets[negotiation.rules]


def _day_at_headquarters(negotiation: Negotiation, now: datetime) -> date:
    """Caps take effect by date at headquarters, not by the server's date."""
    return now.astimezone(negotiation.zone).date()


def cap_reports(session: Session, negotiation: Negotiation, now: datetime) -> list[CapReport]:
    """Each section's live paragraphs counted against the caps in force today."""
    paragraphs = paragraphs_of(session, negotiation)
    label_of = labels(paragraphs)
    shapes = [section_shape(s, paragraphs, label_of) for s in sections_of(session, negotiation)]
    return check_draft(shapes, rules_for(negotiation), _day_at_headquarters(negotiation, now))


def breach_if_approved(
    negotiation: Negotiation,
    paragraph: Paragraph,
    draft: list[Paragraph],
    label_of: dict[int, str],
    now: datetime,
) -> str | None:
    """What cap approving this paragraph would breach, counting approved paragraphs only.

    ``draft`` is the whole draft in order (from ``paragraphs_of``), loaded once by the caller.
    """
    counted = [p for p in draft if p.state is ParagraphState.APPROVED or p.id == paragraph.id]
    # The candidate counts as if approved; a shape reads the state only to filter.
    shape = section_shape(paragraph.section, counted, label_of,
                          states=frozenset(p.state for p in counted))
    report = check_section(shape, rules_for(negotiation), _day_at_headquarters(negotiation, now))
    return "; ".join(report.breaches) or None
