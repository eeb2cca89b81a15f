"""A paragraph's footnotes: where each marker stands in the text and what the note says.

A marker's place is a character offset in the paragraph's text, right after the word it is
attached to ("of 25 September 2015,¹" has its marker after the comma). The marker itself is
never part of the text: the text stays what delegations negotiate, and the documents number
the notes through the whole draft as Word does.

When a paragraph takes a new text (a compromise, an accepted modification, the chair's
correction in an import preview), a footnote is kept when the word its marker follows
survives: the two texts are compared word by word and the marker moves with its word. A note
whose word was deleted or rewritten is dropped: it annotated words that are gone, and the
chair can ask for it again through the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from negotiation.text.diffs import DELETE, Change

#: A note's text, at most (the longest UN footnote is a few lines).
MAX_NOTE_LENGTH = 2000
#: Notes on one paragraph, at most.
MAX_NOTES = 50
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Footnote:
    """One note: its marker's offset in the paragraph's text and the note's words."""

    at: int
    text: str

    def stored(self) -> dict[str, object]:
        return {"at": self.at, "text": self.text}


def from_stored(value: object, text: str) -> tuple[Footnote, ...]:
    """Footnotes read back from storage or a carried preview, each checked: an offset
    inside the text, a note with words; anything else is left out."""
    notes: list[Footnote] = []
    if not isinstance(value, list):
        return ()
    for item in value[:MAX_NOTES]:
        if not isinstance(item, dict):
            continue
        try:
            at = int(item.get("at", -1))
        except (TypeError, ValueError):
            continue
        words = " ".join(str(item.get("text", "")).split())[:MAX_NOTE_LENGTH]
        if 0 <= at <= len(text) and words:
            notes.append(Footnote(at, words))
    return tuple(sorted(notes, key=lambda n: n.at))


def stored(notes: Iterable[Footnote]) -> list[dict[str, object]]:
    return [n.stored() for n in notes]


def shifted(notes: Iterable[Footnote], by: int) -> tuple[Footnote, ...]:
    """The notes of a text that now starts ``by`` characters later (joined after another)."""
    return tuple(Footnote(n.at + by, n.text) for n in notes)


def carried(old: str, new: str, notes: Sequence[Footnote]) -> tuple[Footnote, ...]:
    """The notes of ``old`` that still have their word in ``new``, at its new place."""
    if not notes or old == new:
        return tuple(notes) if old == new else ()
    old_tokens = [(m.group(), m.end()) for m in _TOKEN.finditer(old)]
    new_tokens = [(m.group(), m.end()) for m in _TOKEN.finditer(new)]
    # The token each old one became, where the two texts agree.
    kept: dict[int, int] = {}
    matcher = SequenceMatcher(None, [t for t, _ in old_tokens], [t for t, _ in new_tokens],
                              autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            kept[block.a + offset] = block.b + offset
    out: list[Footnote] = []
    for note in notes:
        anchor = _anchor(old_tokens, note.at)
        if anchor is None:
            out.append(Footnote(0, note.text))  # before the first word: stays first
        elif anchor in kept:
            # The punctuation between the word and the marker ("2015,¹") goes with it when
            # the new text has it too.
            end = new_tokens[kept[anchor]][1]
            between = old[old_tokens[anchor][1]:note.at]
            out.append(Footnote(end + len(between) if new.startswith(between, end) else end,
                                note.text))
    return tuple(out)


def _anchor(tokens: list[tuple[str, int]], at: int) -> int | None:
    """The index of the last word (not punctuation) ending at or before ``at`` (the word
    the marker follows), or None before the first."""
    found = None
    for index, (token, end) in enumerate(tokens):
        if end > at:
            break
        if token[0].isalnum() or token[0] == "_":
            found = index
    return found


def pieces(text: str, notes: Sequence[Footnote]) -> list[tuple[str, Footnote | None]]:
    """The text cut at its markers, for the pages and documents: ``(words, None)`` and
    ``("", note)`` in order (a marker past the end is put at the end)."""
    out: list[tuple[str, Footnote | None]] = []
    start = 0
    for note in sorted(notes, key=lambda n: n.at):
        at = max(start, min(note.at, len(text)))
        if at > start:
            out.append((text[start:at], None))
        out.append(("", note))
        start = at
    if start < len(text) or not out:
        out.append((text[start:], None))
    return out


def notes_of(version: object) -> tuple[Footnote, ...]:
    """A paragraph version's footnotes (its stored ``footnotes`` read and checked)."""
    return from_stored(getattr(version, "footnotes", None) or [], getattr(version, "text", ""))


def marked_changes(changes: Sequence[Change], notes: Sequence[Footnote]
                   ) -> list[Change | Footnote]:
    """A word diff with the newer text's notes placed in it: each marker after the
    characters of the newer text (kept and inserted runs; deleted ones are no part of it)
    that come before it."""
    if not notes:
        return list(changes)
    waiting = sorted(notes, key=lambda n: n.at)
    out: list[Change | Footnote] = []
    consumed = 0
    for change in changes:
        if change.op == DELETE:
            out.append(change)
            continue
        text, start = change.text, 0
        while waiting and waiting[0].at <= consumed + len(text):
            cut = waiting[0].at - consumed
            if cut > start:
                out.append(Change(change.op, text[start:cut]))
            out.append(waiting.pop(0))
            start = max(start, cut)
        if start < len(text):
            out.append(Change(change.op, text[start:]))
        consumed += len(text)
    out.extend(waiting)
    return out
