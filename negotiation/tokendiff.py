"""A word diff's cleanup in token form: diff-match-patch's semantic cleanup, merge of shared
ends, overlap elimination and lossless alignment, on sequences of tokens (or of the stand-in
characters rebasing uses) instead of characters. The common subsequence comes from
``rapidfuzz``; what is done to it here is what diff-match-patch does to its own diff."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

from rapidfuzz.distance import Indel

Op = Literal[-1, 0, 1]
DELETE: Op = -1
EQUAL: Op = 0
INSERT: Op = 1


#: An equal run (a number of tokens) or an edit ([tokens deleted, tokens inserted]).
_Run = int | list[int]


def _token_runs(base: Sequence[Hashable], proposed: Sequence[Hashable]) -> list[_Run]:
    """Equal runs and edits between two token sequences, semantically cleaned."""
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(base, proposed):
        if tag == "equal":
            runs.append(i2 - i1)
        elif runs and isinstance(edit := runs[-1], list):
            edit[0] += i2 - i1
            edit[1] += j2 - j1
        else:
            runs.append([i2 - i1, j2 - j1])
    return _folded(runs)


def _folded(runs: list[_Run]) -> list[_Run]:
    """diff-match-patch's semantic cleanup: an equality no longer than the edits on each of
    its sides is folded into them (and the edits around it merge), until none is left."""
    folded: list[_Run] = []
    for run in runs:
        folded.append(run)
        # Folding can make the equality before the new edit foldable in turn: look back.
        while (len(folded) >= 3 and isinstance(after := folded[-1], list)
               and isinstance(equal := folded[-2], int)
               and isinstance(before := folded[-3], list)
               and equal <= max(before) and equal <= max(after)):
            folded[-3:] = [[before[0] + equal + after[0], before[1] + equal + after[1]]]
    return folded


def cleaned(base: Sequence[Hashable], proposed: Sequence[Hashable]
             ) -> list[tuple[int, Sequence[Hashable]]]:
    """The (op, tokens) pieces of the cleaned diff of two token sequences."""
    pieces: list[tuple[int, Sequence[Hashable]]] = []
    in_base = in_proposed = 0
    for run in _token_runs(base, proposed):
        if isinstance(run, int):
            pieces.append((EQUAL, base[in_base:in_base + run]))
            in_base += run
            in_proposed += run
            continue
        deleted, inserted = run
        pieces += _edit(base[in_base:in_base + deleted],
                        proposed[in_proposed:in_proposed + inserted])
        in_base += deleted
        in_proposed += inserted
    return _aligned([(op, tokens) for op, tokens in pieces if tokens])


def _aligned(pieces: list[tuple[int, Sequence[Hashable]]]
             ) -> list[tuple[int, Sequence[Hashable]]]:
    """diff-match-patch's lossless alignment, where every token boundary scores alike: a lone
    insertion or deletion between two equalities slides as far right as it can ("technique
    [+fournie ]aux", not "technique[+ fournie] aux"), or left where that empties the equality
    before it."""
    for index in range(1, len(pieces) - 1):
        (before_op, before), (op, edit), (after_op, after) = pieces[index - 1:index + 2]
        if before_op != EQUAL or after_op != EQUAL or op == EQUAL:
            continue
        left = 0
        while left < min(len(before), len(edit)) and before[-1 - left] == edit[-1 - left]:
            left += 1
        if left == len(before):  # the edit can start the text or follow another edit
            edit = edit[len(edit) - left:] + edit[:len(edit) - left]
            pieces[index - 1:index + 2] = [(EQUAL, before[:0]), (op, edit), (EQUAL, before + after)]
            continue
        right = 0
        while right < min(len(after), len(edit)) and after[right] == edit[right]:
            right += 1
        if right:
            pieces[index - 1:index + 2] = [(EQUAL, before + after[:right]),
                                           (op, edit[right:] + after[:right]),
                                           (EQUAL, after[right:])]
    return [(op, tokens) for op, tokens in pieces if tokens]


def _edit(deleted: Sequence[Hashable], inserted: Sequence[Hashable]
          ) -> list[tuple[int, Sequence[Hashable]]]:
    """A replacement as pieces: the tokens both sides begin or end with are kept as equal, as
    diff-match-patch's merge does ("technique" struck, not "technique " with its space)."""
    shared_start = 0
    while (shared_start < min(len(deleted), len(inserted))
           and deleted[shared_start] == inserted[shared_start]):
        shared_start += 1
    shared_end = 0
    while (shared_end < min(len(deleted), len(inserted)) - shared_start
           and deleted[-1 - shared_end] == inserted[-1 - shared_end]):
        shared_end += 1
    middle = _without_overlap(deleted[shared_start:len(deleted) - shared_end],
                              inserted[shared_start:len(inserted) - shared_end])
    return [(EQUAL, deleted[:shared_start]), *middle,
            (EQUAL, deleted[len(deleted) - shared_end:])]


def _without_overlap(deleted: Sequence[Hashable], inserted: Sequence[Hashable]
                     ) -> list[tuple[int, Sequence[Hashable]]]:
    """diff-match-patch's overlap elimination: where a deletion ends as the insertion after
    it begins (or the reverse) by half of either, the shared part is kept as an equality
    ("mujeres y niñas" -> "mujeres, niñas y niños" inserts ", niñas", keeps " y ")."""
    forward, backward = _overlap(deleted, inserted), _overlap(inserted, deleted)
    if forward >= backward:
        if forward and (2 * forward >= len(deleted) or 2 * forward >= len(inserted)):
            return [(DELETE, deleted[:len(deleted) - forward]), (EQUAL, inserted[:forward]),
                    (INSERT, inserted[forward:])]
    elif 2 * backward >= len(deleted) or 2 * backward >= len(inserted):
        return [(INSERT, inserted[:len(inserted) - backward]), (EQUAL, deleted[:backward]),
                (DELETE, deleted[backward:])]
    return [(DELETE, deleted), (INSERT, inserted)]


def _overlap(first: Sequence[Hashable], second: Sequence[Hashable]) -> int:
    """The length of the longest end of ``first`` that ``second`` begins with."""
    if not first or not second:
        return 0
    for length in range(min(len(first), len(second)), 0, -1):
        if first[len(first) - length:] == second[:length]:
            return length
    return 0
