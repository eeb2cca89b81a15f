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
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState
from negotiation.models import Paragraph


class Numbered(Protocol):
    """What numbering reads of a paragraph: a Paragraph, or a page's plain row."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def kind(self) -> ParagraphKind: ...
    @property
    def state(self) -> ParagraphState: ...
    @property
    def number(self) -> str | None: ...

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


@dataclass(frozen=True)
class Before:
    """What the rest of the draft tells one section's numbering, per kind of paragraph
    (preambular, operative): a kind is numbered across the whole draft, so a section read
    alone starts where the sections before it left off."""

    #: Live paragraphs of the kind in the sections before.
    counted: dict[ParagraphKind, int] = field(default_factory=dict)
    #: The last number fixed for the kind in the sections before, if any.
    last_fixed: dict[ParagraphKind, str] = field(default_factory=dict)
    #: Live paragraphs of the kind without a number after that one (or after none).
    inserted: dict[ParagraphKind, int] = field(default_factory=dict)
    #: Kinds with a number fixed in another section, before or after.
    fixed_elsewhere: frozenset[ParagraphKind] = frozenset()


def number_paragraphs(
    paragraphs: Iterable[Numbered], *, renumber: bool = False, before: Before | None = None,
) -> dict[int, str]:
    """Each paragraph's reference number, in draft order (see the module's docstring).

    Paragraphs no longer in the draft get no number, so the live ones read as the
    resolution will. ``renumber`` numbers every live paragraph in order again, ignoring the
    numbers fixed at earlier circulations (the chair's choice for a new revision).
    ``before`` numbers one section's paragraphs alone, from what the other sections hold.
    """
    ordered: Sequence[Numbered] = list(paragraphs)
    live = [p for p in ordered if p.state in LIVE_STATES]
    before = before or Before()
    # A kind of paragraph (or a mandates paragraph's lettered list) keeps its fixed
    # numbers as soon as one of them was circulated.
    fixed_groups: set[object] = set() if renumber else (
        {_group(p) for p in live if p.number} | set(before.fixed_elsewhere))
    result: dict[int, str] = {}
    counters: dict[object, int] = dict(before.counted)
    last_fixed: dict[object, str] = dict(before.last_fixed)
    inserted: dict[object, int] = dict(before.inserted)
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


def _group(p: Numbered) -> object:
    """What a paragraph is numbered among: its kind, or its mandates paragraph's letters."""
    return ("letters", p.parent_id) if p.kind is ParagraphKind.SUBPARAGRAPH else p.kind


def _zero(p: Numbered, so_far: dict[int, str]) -> str:
    """The base of a paragraph inserted before every numbered one of its kind."""
    if p.kind is ParagraphKind.SUBPARAGRAPH:
        return f"{so_far.get(p.parent_id or 0, '?')} (0)"
    return _sequential(p.kind, 0)


def fix_numbers(session: Session, paragraphs: Iterable[Numbered],
                label_of: dict[int, str]) -> int:
    """Keep each live paragraph's number as circulated; returns how many numbers changed.

    One UPDATE by primary key for all of them (circulation reads plain rows, not objects);
    paragraphs the session holds forget their old number.
    """
    changed = [{"pid": p.id, "label": label_of[p.id]} for p in paragraphs
               if label_of.get(p.id) and p.number != label_of[p.id]]
    if changed:
        # A table-level UPDATE: a number is a label fixed under the negotiation's lock, not a
        # state change, so it leaves the row version (checked by state changes) alone.
        table = Paragraph.__table__
        session.execute(
            update(table).where(table.c.id == bindparam("pid")).values(number=bindparam("label")),
            changed,
        )
        ids = {row["pid"] for row in changed}
        for held in list(session.identity_map.values()):
            if isinstance(held, Paragraph) and held.id in ids:
                session.expire(held, ["number"])
    return len(changed)
