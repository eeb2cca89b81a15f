"""Word-level tracked changes between paragraph texts, and rebasing of proposals.

Each text is split into tokens (words, runs of whitespace, single punctuation marks) and the
token lists are compared, so every edit is an edit of whole tokens and a word is never split.
A comparison text diffs every proposal of a cycle, so the work is kept small:

* the common beginning and end of the two texts are found first (in C++) and only what
  lies between is split into tokens; they are cut only where a word starts after a space, so
  the tokens are those of the whole texts;
* the longest common subsequence of the token lists comes from ``rapidfuzz`` (a bit-parallel
  C++ implementation, a few microseconds a paragraph);
* diff-match-patch's semantic cleanup then folds every short equality into the edits around
  it (a rewritten clause reads as one deletion and one insertion, not as confetti of kept
  "the" and "of"): :mod:`negotiation.tokendiff`.

Rebasing uses diff-match-patch's patches (``patch_make``/``patch_apply``) on one stand-in
character per distinct token, made from the same word diff.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Postfix, Prefix

from negotiation.tokendiff import DELETE, EQUAL, INSERT, cleaned

# No-break spaces carry meaning in French typography (before ; : ! ? and inside « »), so they form
# tokens of their own and a switch to an ordinary space shows up as a change.
_NO_BREAK = "\u00a0\u2007\u202f"
# Combining marks keep a decomposed accent (e + U+0301) inside its word.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Where a cut between two texts' common ends may fall: after an ordinary space (no-break
# spaces are tokens of their own).
_SPACES = frozenset(" \t\n\r\f\v")
_TOKEN = re.compile(
    rf"[\w{_MARKS}]+|[{_NO_BREAK}]+|[^\S{_NO_BREAK}]+|.",
    re.DOTALL,
)

# Stand-ins come from the private-use areas only. They are neither alphanumeric nor whitespace,
# so diff_cleanupSemanticLossless scores every token boundary alike instead of reading meaning
# into arbitrary characters; none is a surrogate; and they stay clear of the \x01-\x04 padding
# that patch_apply wraps around the text. Real text never reaches the engine, so a private-use
# character inside a paragraph cannot collide with a stand-in.
_STAND_IN_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))

# Rebasing must never apply a delegation's change to words it did not see: a fuzzy match
# (default 0.5, and still at 0.3) turns a rewritten "continue supporting" into "strengthen its
# support for assist". Patterns are at most Match_MaxBits (32) tokens, so a threshold below 1/32
# rejects a match with even one differing token: a hunk applies only where its context and
# deleted words are still verbatim. The large Match_Distance keeps location nearly free
# (0.02 * 100_000 = 2000 tokens), so a hunk that moved because another clause grew is found.
# Deletions too long for one pattern are matched by their two ends; Patch_DeleteThreshold 0
# requires their middle to be unchanged as well.
_MATCH_THRESHOLD = 0.02
_MATCH_DISTANCE = 100_000
_PATCH_DELETE_THRESHOLD = 0.0


class _Fields(NamedTuple):
    op: int
    text: str


class Change(_Fields):
    """One run of text that is kept (0), deleted (-1) or inserted (1).

    A tuple underneath, read as ``.op`` and ``.text`` and immutable: a comparison text builds
    thousands, and a frozen dataclass costs several times as much to build. It equals only
    another Change, never a plain tuple."""

    __slots__ = ()

    def __new__(cls, op: int, text: str) -> Change:
        if op not in (DELETE, EQUAL, INSERT):
            raise ValueError(f"unknown diff op {op!r}")
        return tuple.__new__(cls, (op, text))

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = _Fields.__hash__


@dataclass(frozen=True)
class Rebase:
    """Outcome of re-applying a proposal to a paragraph's current text."""

    status: Literal["clean", "conflict", "unchanged"]
    text: str | None
    changes: list[Change]


#: Every stand-in, in order: the n-th distinct token of a comparison gets the n-th.
_STAND_INS = "".join(chr(code) for first, last in _STAND_IN_RANGES
                     for code in range(first, last + 1))


class _TokenTable:
    """Two-way map between tokens and stand-in characters, shared by the texts compared."""

    def __init__(self) -> None:
        self._char_of: dict[str, str] = {}
        self._token_of: dict[str, str] = {}

    def encode(self, text: str) -> str:
        return self.encode_tokens(_TOKEN.findall(text))

    def encode_tokens(self, tokens: list[str]) -> str:
        """The stand-in string of an already split text."""
        char_of = self._char_of
        new = [token for token in dict.fromkeys(tokens) if token not in char_of]
        if new:
            start = len(char_of)
            if start + len(new) > len(_STAND_INS):
                raise ValueError("too many distinct words to compare")
            # Whole-list operations: a comparison text diffs thousands of paragraphs.
            added = dict(zip(new, _STAND_INS[start:start + len(new)], strict=True))
            char_of.update(added)
            self._token_of.update(zip(added.values(), added.keys(), strict=True))
        return "".join(map(char_of.__getitem__, tokens))

    def decode(self, chars: str) -> str:
        return "".join(map(self._token_of.__getitem__, chars))


def _engine() -> diff_match_patch:
    # A fresh engine per call: the settings are per instance and requests may run in threads.
    engine = diff_match_patch()
    engine.Match_Threshold = _MATCH_THRESHOLD
    engine.Match_Distance = _MATCH_DISTANCE
    engine.Patch_DeleteThreshold = _PATCH_DELETE_THRESHOLD
    return engine


def _common_ends(base: str, proposed: str) -> tuple[int, int]:
    """How many characters the texts share at their start and at their end, cut only where a
    word starts after an ordinary space in both, so splitting the rest gives the same tokens
    as splitting the whole texts."""
    start = Prefix.similarity(base, proposed)
    while start and not (_cut_at(base, start) and _cut_at(proposed, start)):
        start -= 1
    end = Postfix.similarity(base[start:], proposed[start:])
    while end and not (_cut_at(base, len(base) - end) and _cut_at(proposed, len(proposed) - end)):
        end -= 1
    return start, end


def _cut_at(text: str, at: int) -> bool:
    """Whether a word starts at ``at``, right after an ordinary space."""
    return 0 < at < len(text) and text[at - 1] in _SPACES and not text[at].isspace()


def word_diff(base: str, proposed: str) -> list[Change]:
    """Word-level diff: never splits a word, with semantic cleanup."""
    if base == proposed:
        return [Change(EQUAL, base)] if base else []
    start, end = _common_ends(base, proposed)
    pieces = cleaned(_TOKEN.findall(base, start, len(base) - end),
                      _TOKEN.findall(proposed, start, len(proposed) - end))
    return _merged([(EQUAL, base[:start]),
                    *((op, "".join(tokens)) for op, tokens in pieces),  # type: ignore[arg-type]
                    (EQUAL, base[len(base) - end:] if end else "")])


def _token_diff(base: str, proposed: str) -> list[tuple[int, str]]:
    """The word diff of two stand-in strings, as diff-match-patch's (op, text) pairs."""
    return [(op, str(chars)) for op, chars in cleaned(base, proposed)]


def _merged(pieces: Iterable[tuple[int, str]]) -> list[Change]:
    changes: list[Change] = []
    for op, text in pieces:
        if not text:
            continue
        # Changes are built as tuples: their ops are known good, not checked one by one.
        if changes and changes[-1][0] == op:
            changes[-1] = tuple.__new__(Change, (op, changes[-1][1] + text))
        else:
            changes.append(tuple.__new__(Change, (op, text)))
    return changes


def diff_to_json(changes: list[Change]) -> str:
    """Serialise changes as a JSON list of [op, text] pairs."""
    return json.dumps([[change.op, change.text] for change in changes], ensure_ascii=False)


def diff_from_json(data: str) -> list[Change]:
    """Parse the output of diff_to_json; raise ValueError on anything else."""
    pairs = json.loads(data)
    if not isinstance(pairs, list):
        raise ValueError("a diff is a JSON list of [op, text] pairs")
    changes: list[Change] = []
    for pair in pairs:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and type(pair[0]) is int  # bool is an int subclass; true/false are not ops
            and isinstance(pair[1], str)
        ):
            raise ValueError(f"not an [op, text] pair: {pair!r}")
        changes.append(Change(pair[0], pair[1]))
    return changes


def base_text(changes: Iterable[Change]) -> str:
    """The text the diff was written on (equal + deleted)."""
    return "".join(change.text for change in changes if change.op != INSERT)


def result_text(changes: Iterable[Change]) -> str:
    """The proposed text (equal + inserted)."""
    return "".join(change.text for change in changes if change.op != DELETE)


def has_changes(changes: Iterable[Change]) -> bool:
    """Whether anything is deleted or inserted."""
    return any(change.op != EQUAL and change.text for change in changes)


def rebase(base: str, proposed: str, current: str) -> Rebase:
    """Re-apply the proposal (base -> proposed) to the paragraph's current text.

    "unchanged" when the paragraph still reads as the proposal's base. "clean" when every hunk
    of the proposal applied to the current text, or when the current text already reads as the
    proposal. "conflict" otherwise, with no text: a proposal is never partly applied.
    """
    if current == base:
        return Rebase("unchanged", proposed, word_diff(current, proposed))
    if current == proposed:
        return Rebase("clean", current, word_diff(current, current))

    engine = _engine()
    # One table for the three texts, so equal tokens get equal stand-ins in each of them.
    table = _TokenTable()
    encoded_base = table.encode(base)
    encoded_proposed = table.encode(proposed)
    encoded_current = table.encode(current)
    # Patches made from our own word diff, so the hunks are exactly the changes shown to the
    # delegations (patch_make's own diff would add an efficiency cleanup that reshapes them).
    patches = engine.patch_make(encoded_base, _token_diff(encoded_base, encoded_proposed))
    patched, applied = engine.patch_apply(patches, encoded_current)
    if not all(applied):
        return Rebase("conflict", None, [])
    text = table.decode(patched)
    return Rebase("clean", text, word_diff(current, text))
