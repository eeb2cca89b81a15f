"""The chair's caps of one negotiation, kept in the database as dated rules.

The checks themselves (``rules.caps``) read a :class:`RuleSet`; this module keeps the rules,
lets the chair and the secretariat add, change and remove them, and moves a whole cycle's
rules in and out of the rules-file format (``rules.files``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.caprules import as_rule, cap_row
from negotiation.errors import InvalidSetting, StaleEdit, Term
from negotiation.models import Cap, Negotiation, Section
from negotiation.models.caps import CAP_FIELDS
from negotiation.people.permissions import can_set_caps, require
from negotiation.record.journal import record
from negotiation.record.wording import Wording, joined, says
from negotiation.setup.saving import saved_alone
from negotiation.setup.texts import setting_text
from negotiation.text.languages import N_
from rules.caps import SECTION_KINDS, CapRule, RuleSet

ONLY_CHAIR_OR_SECRETARIAT = N_("Only the chair and the secretariat set the caps.")


def _check(session: Session, negotiation: Negotiation, rule: CapRule) -> CapRule:
    rule = replace(
        rule,
        applies_to=setting_text(rule.applies_to, N_("Applies to"), Cap.applies_to, "applies_to",
                                one_line=True),
        source=setting_text(rule.source, N_("The source"), Cap.source, "source", one_line=True))
    problems = rule.refusals()
    if problems:
        field, (message, params) = next(iter(problems.items()))
        raise InvalidSetting(message, field, **params)
    if rule.applies_to not in SECTION_KINDS:
        codes = session.scalars(select(Section.code).where(
            Section.negotiation_id == negotiation.id)).all()
        if rule.applies_to not in codes:
            raise InvalidSetting(
                "%(applies_to)r is neither a kind of section (%(kinds)s) nor the code of a "
                "section of this draft.", "applies_to",
                applies_to=rule.applies_to, kinds=", ".join(SECTION_KINDS))
    return rule


def _taken(rule: CapRule) -> InvalidSetting:
    # A kind of section is a word of the catalogs ("item": "tema"); a section's code is not.
    target = Term(rule.applies_to) if rule.applies_to in SECTION_KINDS else rule.applies_to
    return InvalidSetting("There is already a rule for %(applies_to)s from %(from)s; change "
                          "that one instead.", applies_to=target,
                          **{"from": rule.effective_from.isoformat()})


#: Each cap as the record names it ("preambular 3"), one message a cap for the translators.
_CAPPED = {
    "preambular": N_("preambular %(cap)s"),
    "operative": N_("operative %(cap)s"),
    "total": N_("total %(cap)s"),
    "mandates_paragraphs": N_("mandates paragraphs %(cap)s"),
    "mandates_subparagraphs": N_("mandates subparagraphs %(cap)s"),
}
#: The kinds of section a rule applies to, in words (a section's own code is shown as is).
_APPLIES_TO = {"item": N_("item"), "entity": N_("entity"), "instrument": N_("instrument")}


def _describe(rule: CapRule) -> Wording:
    """The rule as the record describes it: "item from 2024-01-01: preambular 3, total 8"."""
    caps = joined([Term(_CAPPED[name], cap=getattr(rule, name))
                   for name in CAP_FIELDS if getattr(rule, name) is not None])
    applies = (Term(_APPLIES_TO[rule.applies_to]) if rule.applies_to in _APPLIES_TO
               else rule.applies_to)
    if rule.effective_until:
        return says(N_("%(applies)s from %(start)s until %(end)s: %(caps)s"), applies=applies,
                    start=rule.effective_from.isoformat(),
                    end=rule.effective_until.isoformat(), caps=caps)
    return says(N_("%(applies)s from %(start)s: %(caps)s"), applies=applies,
                start=rule.effective_from.isoformat(), caps=caps)


def add_cap(
    session: Session, negotiation: Negotiation, actor: Actor, rule: CapRule, now: datetime
) -> Cap:
    """Add a dated rule; recorded."""
    require(can_set_caps(actor), ONLY_CHAIR_OR_SECRETARIAT)
    cap = cap_row(negotiation, _check(session, negotiation, rule))
    rule = as_rule(cap)
    with saved_alone(session, N_("The caps changed meanwhile; check them and add again."),
                     taken=_taken(rule)):
        session.add(cap)
    record(session, negotiation.id, actor, now, "cap_added",
           says(N_("Cap added: %(cap)s"), cap=_describe(rule)), subject=f"cap:{cap.id}")
    session.flush()
    return cap


def _current(negotiation: Negotiation, cap: Cap, written_on: int) -> None:
    if cap.negotiation_id != negotiation.id:
        raise InvalidSetting("That rule belongs to another negotiation.")
    if written_on != cap.version:
        raise StaleEdit("Someone changed this rule while you were editing it; it now reads "
                        "%(rule)s. Check it and save again.",
                        written_on=written_on, current=cap.version,
                        rule=_describe(as_rule(cap)))


def change_cap(
    session: Session, negotiation: Negotiation, actor: Actor, cap: Cap, rule: CapRule,
    written_on: int, now: datetime,
) -> Cap:
    """Change a rule, refusing if someone changed it since ``written_on``; recorded."""
    require(can_set_caps(actor), ONLY_CHAIR_OR_SECRETARIAT)
    _current(negotiation, cap, written_on)
    rule = _check(session, negotiation, rule)
    before = as_rule(cap)
    if rule == before:
        raise InvalidSetting("Nothing to save: the rule is as it was.")
    with saved_alone(session, N_("Someone changed this rule at the same moment; check it and "
                                 "save again."), taken=_taken(rule)):
        cap.applies_to, cap.source = rule.applies_to, rule.source
        cap.effective_from, cap.effective_until = rule.effective_from, rule.effective_until
        for name in CAP_FIELDS:
            setattr(cap, name, getattr(rule, name))
    record(session, negotiation.id, actor, now, "cap_changed",
           says(N_("Cap changed from %(before)s to %(after)s"), before=_describe(before),
                after=_describe(rule)), subject=f"cap:{cap.id}")
    session.flush()
    return cap


def remove_cap(
    session: Session, negotiation: Negotiation, actor: Actor, cap: Cap, written_on: int,
    now: datetime,
) -> None:
    """Remove a rule, refusing if someone changed it since ``written_on``; recorded."""
    require(can_set_caps(actor), ONLY_CHAIR_OR_SECRETARIAT)
    _current(negotiation, cap, written_on)
    before, cap_id = as_rule(cap), cap.id
    with saved_alone(session,
                     N_("Someone changed this rule at the same moment; check it again.")):
        session.delete(cap)
    record(session, negotiation.id, actor, now, "cap_removed",
           says(N_("Cap removed: %(cap)s"), cap=_describe(before)), subject=f"cap:{cap_id}")
    session.flush()


def import_rules(
    session: Session, negotiation: Negotiation, actor: Actor, rules: RuleSet, now: datetime
) -> list[Cap]:
    """Make the rules file's caps the negotiation's caps (those there before are replaced).

    Importing the same file twice leaves the same rules, once each; recorded.
    """
    require(can_set_caps(actor), ONLY_CHAIR_OR_SECRETARIAT)
    checked = [_check(session, negotiation, rule) for rule in rules.rules]
    caps = [cap_row(negotiation, rule) for rule in checked]
    with saved_alone(session, N_("The caps changed meanwhile; import again."),
                     taken=InvalidSetting("The caps changed at the same moment; import again.")):

        session.execute(delete(Cap).where(Cap.negotiation_id == negotiation.id))
        session.add_all(caps)
    record(session, negotiation.id, actor, now, "caps_imported",
           says(N_("Caps replaced by the %(count)s rule(s) of the rules file %(name)s"),
                count=len(caps), name=rules.name or Term(N_("(unnamed)"))))
    session.flush()
    return caps
