"""Word-level tracked changes between paragraph texts, and rebasing of proposals.

Each text is split into tokens (words, runs of whitespace, single punctuation marks) and the
token lists are compared, so every edit is an edit of whole tokens and a word is never split.
A comparison text diffs every proposal of a cycle, so the work is kept small:

* the common beginning and end of the two texts are found first (in C++) and only what
  lies between is compared; they are cut only where a word starts after a space, so the
  tokens are those of the whole texts. When only one text has anything between the cuts,
  words were only added (or only removed) and that is the diff, with no comparison at all;
* otherwise both middles become strings of one stand-in character per token, through the
  process's vocabulary of the words met so far (:mod:`negotiation.text.wordtokens`), and the
  longest common subsequence of those strings comes from ``rapidfuzz`` (a bit-parallel C++
  implementation, about a microsecond a paragraph);
* diff-match-patch's semantic cleanup then folds every short equality into the edits around
  it (a rewritten clause reads as one deletion and one insertion, not as confetti of kept
  "the" and "of"): :mod:`negotiation.text.tokendiff`.

Rebasing uses diff-match-patch's patches (``patch_make``/``patch_apply``) on one stand-in
character per distinct token, made from the same word diff.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Postfix, Prefix

from negotiation.text.tokendiff import DELETE, EQUAL, INSERT, cleaned
from negotiation.text.wordtokens import NotInVocabulary, TokenTable, vocabulary

# Where a cut between two texts' common ends may fall: after an ordinary space (no-break
# spaces are tokens of their own).
_SPACES = frozenset(" \t\n\r\f\v")
#: A cut: an ordinary space, then a character that is not whitespace (no-break spaces are).
_CUT = re.compile(r"[ \t\n\r\f\v](?=\S)")
#: The same, in a reversed text.
_CUT_REVERSED = re.compile(r"\S(?=[ \t\n\r\f\v])")

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


_OPS = (DELETE, EQUAL, INSERT)


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
        if op not in _OPS:
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
    if start and not (_cut_at(base, start) and _cut_at(proposed, start)):
        # Below ``start`` the texts agree, so the last cut before it is the base's alone.
        # Searched for in the reversed beginning: a character other than whitespace that an
        # ordinary space follows there is one that the space precedes here.
        found = _CUT_REVERSED.search(base[start - 1::-1])
        start = start - 1 - found.start() if found else 0
    # Both texts' ends beyond the common start: the full texts' common end, no longer than
    # what is left of the shorter one.
    end = min(Postfix.similarity(base, proposed), len(base) - start, len(proposed) - start)
    if end and not (_cut_at(base, len(base) - end) and _cut_at(proposed, len(proposed) - end)):
        # Within the common end the texts agree: the first cut after its start is the base's.
        found = _CUT.search(base, len(base) - end)
        end = len(base) - found.end() if found else 0
    return start, end


def _cut_at(text: str, at: int) -> bool:
    """Whether a word starts at ``at``, right after an ordinary space."""
    return 0 < at < len(text) and text[at - 1] in _SPACES and not text[at].isspace()


def word_diff(base: str, proposed: str) -> list[Change]:
    """Word-level diff: never splits a word, with semantic cleanup."""
    if base == proposed:
        return [Change(EQUAL, base)] if base else []
    start, end = _common_ends(base, proposed)
    deleted, inserted = base[start:len(base) - end], proposed[start:len(proposed) - end]
    # Changes are built as tuples: their ops are known good, not checked one by one.
    changes = [tuple.__new__(Change, (EQUAL, base[:start]))] if start else []
    if deleted and inserted:
        _add_compared(changes, deleted, inserted)
    else:
        # Words only added (or only removed) between two cuts: the diff is that one edit,
        # as the token comparison would find it, with nothing to split or compare.
        changes.append(tuple.__new__(Change, (INSERT, inserted) if inserted else (DELETE, deleted)))
    if end:
        _add(changes, EQUAL, base[len(base) - end:])
    return changes


def _add_compared(changes: list[Change], deleted: str, inserted: str) -> None:
    """Add the word diff of what lies between the common ends."""
    words = vocabulary()
    try:
        pieces = cleaned(words.encode(deleted), words.encode(inserted))
        token = words.token
    except NotInVocabulary:
        table = TokenTable()
        pieces = cleaned(table.encode(deleted), table.encode(inserted))
        token = table.token
    for op, chars in pieces:
        _add(changes, op, "".join(map(token, chars)))


def _add(changes: list[Change], op: int, text: str) -> None:
    """Add a piece of text, joined to the change before it if that has the same op."""
    if changes and changes[-1][0] == op:
        changes[-1] = tuple.__new__(Change, (op, changes[-1][1] + text))
    else:
        changes.append(tuple.__new__(Change, (op, text)))


def _token_diff(base: str, proposed: str) -> list[tuple[int, str]]:
    """The word diff of two stand-in strings, as diff-match-patch's (op, text) pairs."""
    return list(cleaned(base, proposed))


def diff_to_json(changes: list[Change]) -> str:
    """Serialise changes as a JSON list of [op, text] pairs."""
    return json.dumps([[change.op, change.text] for change in changes], ensure_ascii=False)


_first, _second = itemgetter(0), itemgetter(1)


def _is_pair(pair: object) -> bool:
    return (type(pair) is list and len(pair) == 2 and pair[0] in _OPS
            and type(pair[0]) is int  # bool is an int subclass; true/false are not ops
            and type(pair[1]) is str)


def diff_from_json(data: str) -> list[Change]:
    """Parse the output of diff_to_json; raise ValueError on anything else."""
    return diffs_from_json([data])[0]


_OP_SET = frozenset(_OPS)
_as_change = partial(tuple.__new__, Change)
# The decoder's own call, without json.loads's checks around it (a third of the parse of a
# short diff): the whole text must be the one value, as json.loads requires too.
_decoded = json.JSONDecoder().raw_decode


def _parsed(data: str) -> object:
    try:
        value, end = _decoded(data)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a stored diff: {exc}") from None
    if end != len(data):
        raise ValueError("not a stored diff: text after the list of pairs")
    return value


def diffs_from_json(stored: Sequence[str]) -> list[list[Change]]:
    """Parse outputs of diff_to_json, each on its own; raise ValueError on anything else."""
    # Built without Change's own check: every op was checked.
    return [list(map(_as_change, diff)) for diff in diff_pairs_from_json(stored)]


def diff_pairs_from_json(stored: Sequence[str]) -> list[list[list[Any]]]:
    """Parse outputs of diff_to_json as :func:`diffs_from_json` does, checked the same way,
    each change left the ``[op, text]`` list it was parsed as: for a writer that only reads
    the pairs (the Akoma Ntoso file's thousands of them), making each a Change costs as
    much as the parse.

    The pairs of all of them are checked together, a property at a time, each pass a loop
    in C: a comparison text reads thousands of stored diffs, and a check per pair in Python
    cost twice the parsing."""
    parsed = list(map(_parsed, stored))
    if not _all_of(list, parsed):
        raise ValueError("a diff is a JSON list of [op, text] pairs")
    pairs = list(chain.from_iterable(parsed))
    if not (_all_of(list, pairs) and list(map(len, pairs)).count(2) == len(pairs)
            and _all_of(int, ops := list(map(_first, pairs)))  # not bool
            and set(ops) <= _OP_SET and _all_of(str, list(map(_second, pairs)))):
        bad = next(pair for pair in pairs if not _is_pair(pair))
        raise ValueError(f"not an [op, text] pair: {bad!r}")
    return parsed  # type: ignore[return-value]  # checked above: lists of [op, text]


def _all_of(kind: type, values: list[Any]) -> bool:
    """Whether every value is exactly of that type (a subclass is not): their types counted,
    which costs less than a set of them."""
    return list(map(type, values)).count(kind) == len(values)


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
    table = TokenTable()
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
