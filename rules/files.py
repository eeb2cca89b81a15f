"""The rules files (``rules/data/<name>.toml``): a cycle's caps read from, and written to, TOML.

The format is the one people edit by hand: a ``[[rule]]`` table per rule, dates as
``YYYY-MM-DD``, ``from`` inclusive and ``until`` (optional) inclusive.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from rules.caps import CAP_COUNTS, CapRule, RuleSet

DATA_DIR = Path(__file__).parent / "data"


class RulesFileError(ValueError):
    """A rules file that cannot be read as caps; the message says where and why."""


def load_rules(name: str, data_dir: Path = DATA_DIR) -> RuleSet:
    """Read a cycle's caps from ``rules/data/<name>.toml``."""
    path = data_dir / f"{name}.toml"
    return parse_rules(path.read_text(encoding="utf-8"), default_name=name)


def parse_rules(text: str, default_name: str = "") -> RuleSet:
    """Read caps from the text of a rules file; refuse anything that is not sound caps."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesFileError(f"This is not a rules file in TOML: {exc}.") from exc
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        raise RulesFileError("Each rule must be a [[rule]] table.")
    rules = tuple(_rule(raw, number) for number, raw in enumerate(raw_rules, start=1))
    seen: set[tuple[str, date]] = set()
    for number, rule in enumerate(rules, start=1):
        key = (rule.applies_to, rule.effective_from)
        if key in seen:
            raise RulesFileError(
                f"Rule {number}: a second rule for {rule.applies_to} from "
                f"{rule.effective_from.isoformat()}."
            )
        seen.add(key)
    return RuleSet(
        name=str(data.get("name", default_name)),
        cycle=str(data.get("cycle", "")),
        committee=str(data.get("committee", "")),
        rules=rules,
    )


def _rule(raw: dict[str, Any], number: int) -> CapRule:
    where = f"Rule {number}"
    unknown = set(raw) - {"applies_to", "from", "until", "source", *CAP_COUNTS}
    if unknown:
        raise RulesFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    if not isinstance(raw.get("applies_to"), str):
        raise RulesFileError(f"{where}: applies_to must name a kind of section or a code.")
    if "from" not in raw:
        raise RulesFileError(f"{where}: the date it takes effect (from) is missing.")
    counts: dict[str, int | None] = {}
    for name in CAP_COUNTS:
        value = raw.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise RulesFileError(f"{where}: {name} must be a whole number.")
        counts[name] = value
    rule = CapRule(
        applies_to=raw["applies_to"],
        effective_from=_as_date(raw["from"], where),
        effective_until=_as_date(raw["until"], where) if "until" in raw else None,
        source=str(raw.get("source", "")),
        **counts,
    )
    problems = rule.problems()
    if problems:
        raise RulesFileError(f"{where}: {' '.join(problems.values())}")
    return rule


def _as_date(value: object, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RulesFileError(f"{where}: {value!r} is not a date (YYYY-MM-DD).") from exc


def dump_rules(rules: RuleSet) -> str:
    """The caps as a rules file that ``parse_rules`` reads back to the same rules."""
    document: dict[str, Any] = {"name": rules.name, "cycle": rules.cycle}
    if rules.committee:
        document["committee"] = rules.committee
    document["rule"] = [_raw(rule) for rule in rules.rules]
    header = f"# The chair's caps ({rules.name}). Each rule holds from its `from` date\n" \
             "# (inclusive) until the day before the next rule for the same sections,\n" \
             "# or until its `until` date (inclusive) when it names one.\n\n"
    return header + tomli_w.dumps(document)


def _raw(rule: CapRule) -> dict[str, Any]:
    raw: dict[str, Any] = {"applies_to": rule.applies_to, "from": rule.effective_from}
    if rule.effective_until is not None:
        raw["until"] = rule.effective_until
    raw.update({name: getattr(rule, name) for name in CAP_COUNTS
                if getattr(rule, name) is not None})
    if rule.source:
        raw["source"] = rule.source
    return raw
