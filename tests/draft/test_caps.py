"""The chair's caps as dated data, and the checker's counts and breaches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rules.caps import CapRule, ParagraphShape, RuleSet, SectionShape, check_section
from rules.files import RulesFileError, dump_rules, load_rules, parse_rules


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules("csh-2023-2024")


def shape(kind: str, code: str, *paragraphs: ParagraphShape) -> SectionShape:
    return SectionShape(code, kind, code.upper(), paragraphs)


def pp(n: int) -> list[ParagraphShape]:
    return [ParagraphShape(f"PP{i}", "preambular") for i in range(1, n + 1)]


def op(n: int) -> list[ParagraphShape]:
    return [ParagraphShape(str(i), "operative") for i in range(1, n + 1)]


def test_item_within_caps_reports_counts(rules: RuleSet) -> None:
    report = check_section(shape("item", "tip", *pp(3), *op(3)), rules, date(2024, 4, 1))
    assert report.ok
    assert report.summary == "preambular 3/3, operative 3/3"


def test_item_over_each_cap_reports_every_breach(rules: RuleSet) -> None:
    mandates = ParagraphShape("5", "operative", is_mandates=True, subparagraphs=4)
    report = check_section(shape("item", "tip", *pp(4), *op(3), mandates), rules,
                           date(2024, 4, 1))
    assert report.breaches == [
        "TIP: 4 preambular paragraphs, the cap is 3",
        "TIP: 4 operative paragraphs, the cap is 3",
        "TIP: mandates paragraph 5 has 4 sub-paragraphs, the cap is 3",
    ]


def test_only_one_mandates_paragraph_per_item(rules: RuleSet) -> None:
    two = [ParagraphShape(str(i), "operative", is_mandates=True, subparagraphs=2)
           for i in (1, 2)]
    report = check_section(shape("item", "tip", *two), rules, date(2024, 4, 1))
    assert report.breaches == ["TIP: 2 mandates paragraphs, the cap is 1"]


def test_entities_have_six_paragraphs_in_all(rules: RuleSet) -> None:
    assert check_section(shape("entity", "jid", *pp(2), *op(4)), rules, date(2024, 4, 1)).ok
    report = check_section(shape("entity", "jid", *pp(2), *op(5)), rules, date(2024, 4, 1))
    assert report.breaches == ["JID: 7 paragraphs, the cap is 6"]
    assert report.summary == "paragraphs 7/6"


@pytest.mark.parametrize(
    ("on", "cap", "ok"),
    [
        (date(2024, 1, 24), 3, False),  # the day before the Commission's decision
        (date(2024, 1, 25), 4, True),  # the instruments' cap rose to four that day
        (date(2024, 6, 6), 4, True),
    ],
)
def test_instruments_cap_changed_on_25_january_2024(
    rules: RuleSet, on: date, cap: int, ok: bool
) -> None:
    report = check_section(shape("instrument", "cifta", *op(4)), rules, on)
    assert report.rule is not None and report.rule.total == cap
    assert report.ok is ok


@pytest.mark.parametrize(("on", "cap"), [
    (date(2024, 1, 24), 3),  # the earlier rule's last day: still in force
    (date(2024, 1, 25), 4),  # the next rule's first day
])
def test_a_rule_with_an_end_date_is_in_force_through_its_last_day(on: date, cap: int) -> None:
    rules = RuleSet("cycle", "2023-2024", (
        CapRule("instrument", date(2023, 9, 28), date(2024, 1, 24), total=3),
        CapRule("instrument", date(2024, 1, 25), total=4),
    ))
    report = check_section(shape("instrument", "cifta", *op(4)), rules, on)
    assert report.rule is not None and report.rule.total == cap
    assert report.ok is (cap == 4)


def test_a_rule_for_one_section_beats_the_rule_for_its_kind(tmp_path: Path) -> None:
    (tmp_path / "cycle.toml").write_text(
        'name = "cycle"\n'
        '[[rule]]\napplies_to = "entity"\nfrom = "2024-01-01"\ntotal = 6\n'
        '[[rule]]\napplies_to = "jid"\nfrom = "2024-01-01"\nuntil = "2024-03-31"\ntotal = 8\n'
    )
    rules = load_rules("cycle", tmp_path)
    assert rules.rule_for("entity", "jid", date(2024, 3, 1)).total == 8  # type: ignore[union-attr]
    assert rules.rule_for("entity", "jid", date(2024, 4, 1)).total == 6  # type: ignore[union-attr]
    assert rules.rule_for("entity", "cicad", date(2024, 3, 1)).total == 6  # type: ignore[union-attr]
    assert rules.rule_for("item", "x", date(2024, 3, 1)) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule = [", "This is not a rules file in TOML"),
        ('[[rule]]\napplies_to = "item"\ntotal = 3\n', "Rule 1: the date it takes effect"),
        ('[[rule]]\napplies_to = "item"\nfrom = "25 January"\ntotal = 3\n', "is not a date"),
        ('[[rule]]\napplies_to = "item"\nfrom = 2024-01-01\ntotal = "three"\n',
         "total must be a whole number"),
        ('[[rule]]\napplies_to = "item"\nfrom = 2024-01-01\ntotl = 3\n', "unknown field"),
        ('[[rule]]\napplies_to = "item"\nfrom = 2024-01-01\n', "Set at least one cap"),
        ('[[rule]]\napplies_to = "item"\nfrom = 2024-01-01\ntotal = 3\n'
         '[[rule]]\napplies_to = "item"\nfrom = 2024-01-01\ntotal = 4\n',
         "Rule 2: a second rule for item from 2024-01-01"),
    ],
)
def test_a_malformed_rules_file_is_refused_with_where_and_why(text: str, message: str) -> None:
    with pytest.raises(RulesFileError, match=message):
        parse_rules(text)


def test_the_rules_file_round_trips_through_export(rules: RuleSet) -> None:
    again = parse_rules(dump_rules(rules))
    assert again == rules
