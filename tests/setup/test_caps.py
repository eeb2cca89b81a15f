"""The chair's caps kept per negotiation: edited, checked live, exported and imported."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.caprules import caps_of, rule_set_of
from negotiation.errors import InvalidSetting, NotPermitted, StaleEdit
from negotiation.models import Cap, RecordEntry
from negotiation.record.clock import parse_moment
from negotiation.setup.caps import add_cap, change_cap, import_rules, remove_cap
from rules.caps import CapRule
from rules.files import dump_rules, load_rules, parse_rules
from tests.builders import CHAIR, OBSERVER, SECRETARIAT, World


def item_rule(world: World) -> Cap:
    return next(c for c in caps_of(world.session, world.negotiation) if c.applies_to == "item")


def tip_report(world: World) -> str:
    reports = {r.code: r for r in cap_reports(world.session, world.negotiation, world.now)}
    return reports["trafficking-in-persons"].summary


def test_a_changed_cap_applies_to_the_draft_at_once(world: World) -> None:
    assert tip_report(world) == "preambular 2/3, operative 3/3"
    cap = item_rule(world)
    rule = CapRule("item", cap.effective_from, preambular=1, operative=3,
                   mandates_paragraphs=1, mandates_subparagraphs=3, source="Chair's revision")
    change_cap(world.session, world.negotiation, CHAIR, cap, rule, written_on=cap.version,
               now=world.now)
    reports = {r.code: r for r in cap_reports(world.session, world.negotiation, world.now)}
    assert reports["trafficking-in-persons"].breaches == [
        "Trafficking in persons: 2 preambular paragraphs, the cap is 1"]
    (entry,) = world.session.scalars(
        select(RecordEntry).where(RecordEntry.action == "cap_changed")).all()
    assert "preambular 3" in entry.summary and "preambular 1" in entry.summary


def test_a_rule_from_a_later_date_takes_over_on_that_day(world: World) -> None:
    add_cap(world.session, world.negotiation, SECRETARIAT,
            CapRule("item", date(2024, 4, 15), preambular=2, operative=2), world.now)
    assert tip_report(world) == "preambular 2/3, operative 3/3"  # 1 April at headquarters
    world.clock.set(parse_moment("2024-04-15 00:30 America/New_York"))
    assert tip_report(world) == "preambular 2/2, operative 3/2"


def test_a_rule_for_one_section_by_its_code(world: World) -> None:
    add_cap(world.session, world.negotiation, CHAIR,
            CapRule("cifta", date(2024, 3, 1), total=2), world.now)
    reports = {r.code: r for r in cap_reports(world.session, world.negotiation, world.now)}
    assert reports["cifta"].breaches == ["CIFTA: 3 paragraphs, the cap is 2"]


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        (CapRule("item", date(2024, 4, 1), date(2024, 3, 1), total=3), "effective_until",
         "cannot end before it takes effect"),
        (CapRule("item", date(2024, 4, 1), preambular=-1), "preambular", "cannot be negative"),
        (CapRule("item", date(2024, 4, 1)), "caps", "Set at least one cap"),
        (CapRule("itme", date(2024, 4, 1), total=3), "applies_to",
         "neither a kind of section"),
        (CapRule("item", date(2023, 9, 28), total=3), "",
         "There is already a rule for item from 2023-09-28"),
    ],
)
def test_unsound_rules_are_refused_and_nothing_changes(
    world: World, rule: CapRule, field: str, message: str
) -> None:
    before = rule_set_of(world.session, world.negotiation)
    with pytest.raises(InvalidSetting, match=message) as err:
        add_cap(world.session, world.negotiation, CHAIR, rule, world.now)
    assert err.value.field == field
    assert rule_set_of(world.session, world.negotiation) == before


def test_an_edit_on_a_rule_someone_changed_meanwhile_is_refused(world: World) -> None:
    cap = item_rule(world)
    seen = cap.version
    change_cap(world.session, world.negotiation, CHAIR, cap,
               replace(CapRule("item", cap.effective_from), preambular=4, operative=3),
               written_on=seen, now=world.now)
    with pytest.raises(StaleEdit, match="Someone changed this rule"):
        remove_cap(world.session, world.negotiation, SECRETARIAT, cap, written_on=seen,
                   now=world.now)
    assert cap in caps_of(world.session, world.negotiation)


def test_only_the_chair_and_the_secretariat_set_caps(world: World) -> None:
    for who in (OBSERVER, world.delegate("MEX")):
        with pytest.raises(NotPermitted):
            add_cap(world.session, world.negotiation, who,
                    CapRule("item", date(2024, 5, 1), total=9), world.now)


def test_export_then_import_gives_back_the_same_rules_once(world: World) -> None:
    exported = dump_rules(rule_set_of(world.session, world.negotiation))
    assert parse_rules(exported).rules == load_rules("csh-2023-2024").rules
    before = rule_set_of(world.session, world.negotiation)
    for _ in range(2):
        import_rules(world.session, world.negotiation, SECRETARIAT, parse_rules(exported),
                     world.now)
    assert rule_set_of(world.session, world.negotiation) == before
    assert len(caps_of(world.session, world.negotiation)) == 4


def test_an_import_naming_an_unknown_section_changes_nothing(world: World) -> None:
    before = rule_set_of(world.session, world.negotiation)
    text = '[[rule]]\napplies_to = "cicad"\nfrom = 2024-01-01\ntotal = 6\n'
    with pytest.raises(InvalidSetting, match="'cicad' is neither a kind"):
        import_rules(world.session, world.negotiation, CHAIR, parse_rules(text), world.now)
    assert rule_set_of(world.session, world.negotiation) == before
