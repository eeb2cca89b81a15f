"""Paragraph numbers that stay put once circulated.

Before the first circulation the draft is numbered in order (PP1, PP2 ... for preambular
paragraphs, 1, 2 ... for operative ones, 7 (a), 7 (b) ... for mandates). Circulating fixes
each paragraph's number (``Paragraph.number``). A paragraph that joins later is numbered
after the one before it, "7 bis", then "7 ter" ..., so that "operative paragraph 19" means
the same thing to everyone all week; only a revision circulated with renumbering numbers
the whole draft in order again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from negotiation.enums import LIVE_STATES, ParagraphKind
from negotiation.models import Paragraph

#: Latin ordinals, as resolutions insert paragraphs ("7 bis", "7 ter" ...).
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
            "decies")


def suffixed(base: str, count: int) -> str:
    """The ``count``-th paragraph inserted after ``base``: "7 bis", "7 ter" ...

    A sub-paragraph's base ends with its letter in brackets: "7 (b)" gives "7 (b bis)".
    """
    word = SUFFIXES[count - 1] if count <= len(SUFFIXES) else f"{SUFFIXES[-1]}-{count}"
    if base.endswith(")") and "(" in base:
        return f"{base[:-1]} {word})"
    return f"{base} {word}"


def _sequential(kind: ParagraphKind, count: int) -> str:
    return f"PP{count}" if kind is ParagraphKind.PREAMBULAR else str(count)


def number_paragraphs(
    paragraphs: Iterable[Paragraph], *, renumber: bool = False
) -> dict[int, str]:
    """Each paragraph's reference number, in draft order (see the module's docstring).

    Paragraphs no longer in the draft get no number, so the live ones read as the
    resolution will. ``renumber`` numbers every live paragraph in order again, ignoring
    the numbers fixed at earlier circulations (the chair's choice for a new revision).
    """
    ordered: Sequence[Paragraph] = list(paragraphs)
    live = [p for p in ordered if p.state in LIVE_STATES]
    # A kind of paragraph (or a mandates paragraph's lettered list) keeps its fixed
    # numbers as soon as one of them was circulated.
    fixed_groups = set() if renumber else {_group(p) for p in live if p.number}
    result: dict[int, str] = {}
    counters: dict[object, int] = {}
    last_fixed: dict[object, str] = {}
    inserted: dict[object, int] = {}
    for p in ordered:
        if p.state not in LIVE_STATES:
            result[p.id] = ""
            continue
        group = _group(p)
        if group in fixed_groups:
            if p.number:
                result[p.id] = p.number
                last_fixed[group] = p.number
                inserted[group] = 0
            else:
                inserted[group] = inserted.get(group, 0) + 1
                result[p.id] = suffixed(last_fixed.get(group, _zero(p, result)), inserted[group])
            continue
        counters[group] = counters.get(group, 0) + 1
        if p.kind is ParagraphKind.SUBPARAGRAPH:
            letter = chr(ord("a") + counters[group] - 1)
            result[p.id] = f"{result.get(p.parent_id or 0, '?')} ({letter})"
        else:
            result[p.id] = _sequential(p.kind, counters[group])
    return result


def _group(p: Paragraph) -> object:
    """What a paragraph is numbered among: its kind, or its mandates paragraph's letters."""
    return ("letters", p.parent_id) if p.kind is ParagraphKind.SUBPARAGRAPH else p.kind


def _zero(p: Paragraph, so_far: dict[int, str]) -> str:
    """The base of a paragraph inserted before every numbered one of its kind."""
    if p.kind is ParagraphKind.SUBPARAGRAPH:
        return f"{so_far.get(p.parent_id or 0, '?')} (0)"
    return _sequential(p.kind, 0)


def fix_numbers(paragraphs: Iterable[Paragraph], label_of: dict[int, str]) -> int:
    """Keep each live paragraph's number as circulated; returns how many numbers changed."""
    changed = 0
    for p in paragraphs:
        label = label_of.get(p.id, "")
        if label and p.number != label:
            p.number = label
            changed += 1
    return changed
