"""The general preamble counted apart from the items' caps: a section so marked is held to
no rule for its kind, only to a rule naming it."""

from __future__ import annotations

from datetime import date

from rules.caps import CapRule, ParagraphShape, RuleSet, SectionShape, check_section
from rules.files import load_rules

ON = date(2024, 4, 1)


def _preamble(n: int, code: str = "general") -> SectionShape:
    return SectionShape(code, "item", "General", tuple(
        ParagraphShape(f"PP{i}", "preambular") for i in range(1, n + 1)), counted_apart=True)


def test_the_general_preamble_is_held_to_no_items_cap() -> None:
    rules = load_rules("csh-2023-2024")
    assert rules.rule_for("item", "general", ON) is not None  # an item would be capped
    report = check_section(_preamble(12), rules, ON)
    assert report.ok and report.rule is None and report.counted_apart
    assert report.summary == "counted apart, paragraphs 12"


def test_a_rule_naming_the_preamble_still_applies() -> None:
    rules = RuleSet("x", "2024-2025", (
        CapRule("item", date(2024, 1, 1), preambular=3),
        CapRule("general", date(2024, 1, 1), preambular=10)))
    report = check_section(_preamble(12), rules, ON)
    assert report.breaches == ["General: 12 preambular paragraphs, the cap is 10"]
    assert report.summary == "preambular 12/10"
