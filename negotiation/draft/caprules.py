"""A negotiation's caps as stored, read as the checker's rules (``rules.caps``).

Setting them is the chair's and the secretariat's (:mod:`negotiation.setup.caps`); reading
them is every check's, so it lives with the draft the checks hold to the caps.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.models import Cap, Negotiation
from negotiation.models.caps import CAP_FIELDS
from rules.caps import SECTION_KINDS, CapRule, RuleSet


def caps_of(session: Session, negotiation: Negotiation) -> list[Cap]:
    """The negotiation's rules: by kind of section (items, entities, instruments), then
    rules for single sections, each in date order."""
    order = {kind: n for n, kind in enumerate(SECTION_KINDS)}
    rows = session.scalars(select(Cap).where(Cap.negotiation_id == negotiation.id)).all()
    return sorted(rows, key=lambda c: (order.get(c.applies_to, len(order)), c.applies_to,
                                       c.effective_from))


def as_rule(cap: Cap) -> CapRule:
    """A stored rule as the checker reads it."""
    return CapRule(applies_to=cap.applies_to, effective_from=cap.effective_from,
                   effective_until=cap.effective_until, source=cap.source,
                   **{name: getattr(cap, name) for name in CAP_FIELDS})


def cap_row(negotiation: Negotiation, rule: CapRule) -> Cap:
    """A rule as the row that keeps it for this negotiation (not yet added to a session)."""
    return Cap(negotiation_id=negotiation.id, applies_to=rule.applies_to,
               effective_from=rule.effective_from, effective_until=rule.effective_until,
               source=rule.source, **{name: getattr(rule, name) for name in CAP_FIELDS})


def rule_set_of(session: Session, negotiation: Negotiation) -> RuleSet:
    """The negotiation's caps as one cycle's rule set (what the checks and the export read)."""
    return RuleSet(name=negotiation.rules, cycle=negotiation.cycle,
                   committee=negotiation.committee,
                   rules=tuple(as_rule(c) for c in caps_of(session, negotiation)))
