"""The chair's paragraph caps: dated rules read from data, and the check of a section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


def N_(message: str) -> str:
    """The catalogs' marker (as ``negotiation.text.languages.N_``, which the rules, below the
    domain, do not import): the message is translated where it is shown."""
    return message

class Phrase(str):
    """What the caps report in words (a count against its cap, a breach): the English as a
    ``str`` (the API, the record and the tests read it), and the catalog's message with its
    parameters for a page that shows it in its reader's language (``translated``, as the
    domain's refusals and ``negotiation.errors.Term`` have it)."""

    message: str
    params: dict[str, object]

    def __new__(cls, message: str, **params: object) -> Phrase:
        phrase = super().__new__(cls, message % params)
        phrase.message, phrase.params = message, params
        return phrase

    def translated(self, gettext: Callable[[str], str], language: str = "en") -> str:
        return gettext(self.message) % {
            name: value.translated(gettext, language) if hasattr(value, "translated") else value
            for name, value in self.params.items()}


def joined(phrases: list[Phrase]) -> Phrase | None:
    """Several breaches quoted as one ("...; ..."), each translated where shown; the
    separator is no word, so it is no message of the catalogs."""
    if not phrases:
        return None
    together = phrases[0]
    for phrase in phrases[1:]:
        together = Phrase("%(first)s; %(then)s", first=together, then=phrase)
    return together


#: The kinds of section a rule may name instead of one section's code.
SECTION_KINDS = ("item", "entity", "instrument")
#: No cap is higher: a larger number is a typing slip (and would overflow the column).
LARGEST_CAP = 999
#: The counts a rule may cap, with the words people use for them.
CAP_COUNTS = {
    "preambular": "preambular paragraphs",
    "operative": "operative paragraphs",
    "total": "paragraphs in all",
    "mandates_paragraphs": "mandates paragraphs",
    "mandates_subparagraphs": "sub-paragraphs of a mandates paragraph",
}


# One whole sentence per cap, as translators need them (CAP_COUNTS' words are not put in).
_NEGATIVE = {
    "preambular": N_("The cap on preambular paragraphs cannot be negative."),
    "operative": N_("The cap on operative paragraphs cannot be negative."),
    "total": N_("The cap on paragraphs in all cannot be negative."),
    "mandates_paragraphs": N_("The cap on mandates paragraphs cannot be negative."),
    "mandates_subparagraphs": N_(
        "The cap on sub-paragraphs of a mandates paragraph cannot be negative."),
}
_TOO_HIGH = {
    "preambular": N_("The cap on preambular paragraphs is at most %(largest)s."),
    "operative": N_("The cap on operative paragraphs is at most %(largest)s."),
    "total": N_("The cap on paragraphs in all is at most %(largest)s."),
    "mandates_paragraphs": N_("The cap on mandates paragraphs is at most %(largest)s."),
    "mandates_subparagraphs": N_(
        "The cap on sub-paragraphs of a mandates paragraph is at most %(largest)s."),
}


@dataclass(frozen=True)
class CapRule:

    """The caps on one kind of section (or one named section) from a given date."""

    applies_to: str
    effective_from: date
    effective_until: date | None = None
    preambular: int | None = None
    operative: int | None = None
    total: int | None = None
    mandates_paragraphs: int | None = None
    mandates_subparagraphs: int | None = None
    source: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until
        )

    def problems(self) -> dict[str, str]:
        """What makes this rule unusable, by field, in English; empty when it is sound."""
        return {name: message % params for name, (message, params) in self.refusals().items()}

    def refusals(self) -> dict[str, tuple[str, dict[str, object]]]:
        """:meth:`problems` as messages of the catalogs and their parameters apart, for a
        refusal that reads in its reader's language."""
        found: dict[str, tuple[str, dict[str, object]]] = {}
        if not self.applies_to.strip():
            found["applies_to"] = (
                N_("Say which sections the rule applies to: a kind or a code."), {})
        if self.effective_until is not None and self.effective_until < self.effective_from:
            found["effective_until"] = (N_("The rule cannot end before it takes effect."), {})
        for name in CAP_COUNTS:
            value = getattr(self, name)
            if value is not None and value < 0:
                found[name] = (_NEGATIVE[name], {})
            elif value is not None and value > LARGEST_CAP:
                found[name] = (_TOO_HIGH[name], {"largest": LARGEST_CAP})
        if all(getattr(self, name) is None for name in CAP_COUNTS):
            found["caps"] = (N_("Set at least one cap."), {})
        return found


@dataclass(frozen=True)
class RuleSet:
    """The caps of one cycle."""

    name: str
    cycle: str
    rules: tuple[CapRule, ...]
    committee: str = ""

    def rule_for(self, kind: str, code: str, on: date,
                 counted_apart: bool = False) -> CapRule | None:
        """The rule in force on a date; a rule naming the section beats one for its kind. A
        section counted apart (the general preamble) is held only to a rule naming it."""
        for target in (code,) if counted_apart else (code, kind):
            candidates = [r for r in self.rules if r.applies_to == target and r.in_force(on)]
            if candidates:
                return max(candidates, key=lambda r: r.effective_from)
        return None


@dataclass(frozen=True)
class ParagraphShape:
    """What the caps look at in a paragraph."""

    label: str
    kind: str  # "preambular" or "operative"
    is_mandates: bool = False
    subparagraphs: int = 0


@dataclass(frozen=True)
class SectionShape:
    """A section as the caps see it: its kind, code and counted paragraphs."""

    code: str
    kind: str
    title: str
    paragraphs: tuple[ParagraphShape, ...]
    #: The general preamble: counted apart from its kind's caps (see ``RuleSet.rule_for``).
    counted_apart: bool = False


@dataclass
class CapReport:
    """One section's counts against its caps, and every breach."""

    code: str
    title: str
    rule: CapRule | None
    preambular: int
    operative: int
    mandates: int
    breaches: list[Phrase] = field(default_factory=list)
    counted_apart: bool = False

    @property
    def total(self) -> int:
        return self.preambular + self.operative

    @property
    def ok(self) -> bool:
        return not self.breaches

    def counts(self) -> list[tuple[str, int, int | None]]:
        """(what, count, cap) for each capped count, e.g. ("operative", 3, 3)."""
        rule = self.rule
        if rule is None:
            return [("paragraphs", self.total, None)]
        rows: list[tuple[str, int, int | None]] = []
        if rule.preambular is not None:
            rows.append(("preambular", self.preambular, rule.preambular))
        if rule.operative is not None:
            rows.append(("operative", self.operative, rule.operative))
        if rule.total is not None:
            rows.append(("paragraphs", self.total, rule.total))
        return rows

    def summary_parts(self) -> list[Phrase]:
        """Each capped count in words: "preambular 2/3", "paragraphs 5"."""
        if self.counted_apart and self.rule is None:
            return [Phrase(N_("counted apart, paragraphs %(count)s"), count=self.total)]
        return [Phrase(_COUNT_AGAINST_CAP[what], count=count, cap=cap) if cap is not None
                else Phrase(_COUNT[what], count=count) for what, count, cap in self.counts()]

    @property
    def summary(self) -> str:
        """The counts against the caps in English: "preambular 2/3, operative 3/3"."""
        return ", ".join(self.summary_parts())


# One message per count, so that each language words it its own way.
_COUNT_AGAINST_CAP = {
    "preambular": N_("preambular %(count)s/%(cap)s"),
    "operative": N_("operative %(count)s/%(cap)s"),
    "paragraphs": N_("paragraphs %(count)s/%(cap)s"),
}
_COUNT = {"paragraphs": N_("paragraphs %(count)s")}
_OVER = {
    "preambular": N_("%(section)s: %(count)s preambular paragraphs, the cap is %(cap)s"),
    "operative": N_("%(section)s: %(count)s operative paragraphs, the cap is %(cap)s"),
    "total": N_("%(section)s: %(count)s paragraphs, the cap is %(cap)s"),
    "mandates": N_("%(section)s: %(count)s mandates paragraphs, the cap is %(cap)s"),
}


def check_section(shape: SectionShape, rules: RuleSet, on: date) -> CapReport:
    """Count a section's paragraphs against the caps in force on a date."""
    rule = rules.rule_for(shape.kind, shape.code, on, shape.counted_apart)
    preambular = sum(1 for p in shape.paragraphs if p.kind == "preambular")
    operative = sum(1 for p in shape.paragraphs if p.kind == "operative")
    mandates = [p for p in shape.paragraphs if p.is_mandates]
    report = CapReport(shape.code, shape.title, rule, preambular, operative, len(mandates),
                       counted_apart=shape.counted_apart)
    if rule is None:
        return report
    limits = (
        ("preambular", preambular, rule.preambular),
        ("operative", operative, rule.operative),
        ("total", preambular + operative, rule.total),
        ("mandates", len(mandates), rule.mandates_paragraphs),
    )
    for what, count, cap in limits:
        if cap is not None and count > cap:
            report.breaches.append(Phrase(_OVER[what], section=shape.title, count=count,
                                          cap=cap))
    if rule.mandates_subparagraphs is not None:
        for paragraph in mandates:
            if paragraph.subparagraphs > rule.mandates_subparagraphs:
                report.breaches.append(Phrase(
                    N_("%(section)s: mandates paragraph %(label)s has %(count)s "
                       "sub-paragraphs, the cap is %(cap)s"),
                    section=shape.title, label=paragraph.label, count=paragraph.subparagraphs,
                    cap=rule.mandates_subparagraphs))
    return report


def check_draft(shapes: list[SectionShape], rules: RuleSet, on: date) -> list[CapReport]:
    """Check every section of the draft, in order."""
    return [check_section(shape, rules, on) for shape in shapes]
