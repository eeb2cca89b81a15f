"""The rules files (``rules/data/<name>.toml``): a cycle's caps read from, and written to, TOML.

The format is the one people edit by hand: a ``[[rule]]`` table per rule, dates as
``YYYY-MM-DD``, ``from`` inclusive and ``until`` (optional) inclusive.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

# N_: the catalogs' marker (RulesFileError is not one of the extraction's keywords).
from rules.caps import CAP_COUNTS, N_, CapRule, RuleSet

DATA_DIR = Path(__file__).parent / "data"


class RulesFileError(ValueError):
    """A rules file that cannot be read as caps; the message says where and why.

    Shaped as the domain's refusals (``negotiation.errors.NegotiationError``, which the
    rules, below the domain, do not import): the English message with ``%(name)s``
    parameters, its catalog entry, and :meth:`translated` for the reader's language.
    """

    def __init__(self, message: str, /, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        text = gettext(self.message)
        if not self.params:
            return text
        return text % {name: value.translated(gettext, language) if hasattr(value, "translated")
                       else value for name, value in self.params.items()}


class _Problems(str):
    """A rule's problems quoted in one refusal: English as a ``str``, and each translated."""

    def __new__(cls, problems: list[tuple[str, dict[str, object]]]) -> _Problems:
        joined = super().__new__(cls, " ".join(message % params for message, params in problems))
        joined.problems = problems
        return joined

    problems: list[tuple[str, dict[str, object]]]

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        return " ".join(gettext(message) % params for message, params in self.problems)


def load_rules(name: str, data_dir: Path = DATA_DIR) -> RuleSet:
    """Read a cycle's caps from ``rules/data/<name>.toml``."""
    path = data_dir / f"{name}.toml"
    return parse_rules(path.read_text(encoding="utf-8"), default_name=name)


def parse_rules(text: str, default_name: str = "") -> RuleSet:
    """Read caps from the text of a rules file; refuse anything that is not sound caps."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesFileError(N_("This is not a rules file in TOML: %(why)s."), why=exc) from exc
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        raise RulesFileError(N_("Each rule must be a [[rule]] table."))
    rules = tuple(_rule(raw, number) for number, raw in enumerate(raw_rules, start=1))
    seen: set[tuple[str, date]] = set()
    for number, rule in enumerate(rules, start=1):
        key = (rule.applies_to, rule.effective_from)
        if key in seen:
            raise RulesFileError(
                N_("Rule %(number)s: a second rule for %(applies_to)s from %(from)s."),
                number=number, applies_to=rule.applies_to,
                **{"from": rule.effective_from.isoformat()},
            )
        seen.add(key)
    return RuleSet(
        name=str(data.get("name", default_name)),
        cycle=str(data.get("cycle", "")),
        committee=str(data.get("committee", "")),
        rules=rules,
    )


def _rule(raw: dict[str, Any], number: int) -> CapRule:
    unknown = set(raw) - {"applies_to", "from", "until", "source", *CAP_COUNTS}
    if unknown:
        raise RulesFileError(N_("Rule %(number)s: unknown field(s) %(fields)s."),
                             number=number, fields=", ".join(sorted(unknown)))
    if not isinstance(raw.get("applies_to"), str):
        raise RulesFileError(N_("Rule %(number)s: applies_to must name a kind of section or a "
                             "code."), number=number)
    if "from" not in raw:
        raise RulesFileError(N_("Rule %(number)s: the date it takes effect (from) is missing."),
                             number=number)
    counts: dict[str, int | None] = {}
    for name in CAP_COUNTS:
        value = raw.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise RulesFileError(N_("Rule %(number)s: %(field)s must be a whole number."),
                                 number=number, field=name)
        counts[name] = value
    rule = CapRule(
        applies_to=raw["applies_to"],
        effective_from=_as_date(raw["from"], number),
        effective_until=_as_date(raw["until"], number) if "until" in raw else None,
        source=str(raw.get("source", "")),
        **counts,
    )
    problems = rule.refusals()
    if problems:
        raise RulesFileError(N_("Rule %(number)s: %(problems)s"), number=number,
                             problems=_Problems(list(problems.values())))
    return rule


def _as_date(value: object, number: int) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RulesFileError(N_("Rule %(number)s: %(value)r is not a date (YYYY-MM-DD)."),
                             number=number, value=value) from exc


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
