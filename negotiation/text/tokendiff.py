"""A word diff's cleanup in token form: diff-match-patch's semantic cleanup, merge of shared
ends, overlap elimination and lossless alignment, on strings of stand-in characters (one
character per token, :mod:`negotiation.text.wordtokens`) instead of on the text's own characters.
The common subsequence comes from ``rapidfuzz``; what is done to it here is what
diff-match-patch does to its own diff.

A comparison text diffs every proposal of a cycle, so this runs thousands of times a page: it
works on the integer runs of the opcodes and on string slices (``str.find`` and
``str.startswith`` for the overlaps), with as few Python-level objects and calls as the rules
allow.
"""

from __future__ import annotations

from typing import Literal

from rapidfuzz.distance import Indel

Op = Literal[-1, 0, 1]
DELETE: Op = -1
EQUAL: Op = 0
INSERT: Op = 1


def cleaned(base: str, proposed: str) -> list[tuple[Op, str]]:
    """The (op, tokens) pieces of the cleaned diff of two token strings, none empty."""
    runs = _folded_runs(base, proposed)
    pieces: list[tuple[Op, str]] = []
    in_base = runs[0]
    if in_base:
        pieces.append((EQUAL, base[:in_base]))
    in_proposed = in_base
    counts = iter(runs)
    next(counts)
    for deleted, inserted, equal in zip(counts, counts, counts, strict=True):
        if not deleted:
            pieces.append((INSERT, proposed[in_proposed:in_proposed + inserted]))
        elif not inserted:
            pieces.append((DELETE, base[in_base:in_base + deleted]))
        else:
            _add_edit(pieces, base[in_base:in_base + deleted],
                      proposed[in_proposed:in_proposed + inserted])
        in_base += deleted
        in_proposed += inserted
        if equal:
            pieces.append((EQUAL, base[in_base:in_base + equal]))
            in_base += equal
            in_proposed += equal
    return _aligned(pieces) if len(pieces) > 2 else pieces


def _folded_runs(base: str, proposed: str) -> list[int]:
    """Equal runs and edits between two token strings, as token counts laid out flat (equal,
    deleted, inserted, equal, ..., equal; the first and last equal may be 0), with
    diff-match-patch's semantic cleanup: an equality no longer than the edits on each of its
    sides is folded into them (and the edits around it merge), until none is left."""
    runs = [0]
    in_edit = False
    for tag, i1, i2, j1, j2 in Indel.opcodes(base, proposed).as_list():
        if tag == "equal":
            if in_edit:
                if len(runs) >= 6:  # the edit before this equality is complete
                    _fold(runs)
                runs.append(i2 - i1)
                in_edit = False
            else:  # only the texts' first run
                runs[0] = i2 - i1
        elif in_edit:  # the deletion and the insertion of one replacement make one edit
            runs[-2] += i2 - i1
            runs[-1] += j2 - j1
        else:
            runs += (i2 - i1, j2 - j1)
            in_edit = True
    if in_edit:  # the texts end with an edit
        if len(runs) >= 6:
            _fold(runs)
        runs.append(0)
    return runs


def _fold(runs: list[int]) -> None:
    """Fold the equality before the last edit into the edits around it, if no longer than
    either; folding can make the equality before the merged edit foldable in turn."""
    while True:
        equal = runs[-3]
        if (equal > runs[-5] and equal > runs[-4]) or (equal > runs[-2] and equal > runs[-1]):
            return
        deleted, inserted = runs[-5] + equal + runs[-2], runs[-4] + equal + runs[-1]
        del runs[-3:]
        runs[-2:] = deleted, inserted
        if len(runs) < 6:
            return


def _aligned(pieces: list[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """diff-match-patch's lossless alignment, where every token boundary scores alike: a lone
    insertion or deletion between two equalities slides as far right as it can ("technique
    [+fournie ]aux", not "technique[+ fournie] aux"), or left where that empties the equality
    before it."""
    slid = False
    for index in range(1, len(pieces) - 1):
        op, edit = pieces[index]
        if op == EQUAL:
            continue
        before_op, before = pieces[index - 1]
        after_op, after = pieces[index + 1]
        if before_op != EQUAL or after_op != EQUAL:
            continue
        # Most edits share no token with either neighbour: nothing to slide.
        if not before.endswith(edit[-1]) and after[0] != edit[0]:
            continue
        left = 0
        most = min(len(before), len(edit))
        while left < most and before[-1 - left] == edit[-1 - left]:
            left += 1
        if left == len(before):  # the edit can start the text or follow another edit
            edit = edit[len(edit) - left:] + edit[:len(edit) - left]
            pieces[index - 1:index + 2] = [(EQUAL, ""), (op, edit), (EQUAL, before + after)]
            slid = True
            continue
        right = 0
        most = min(len(after), len(edit))
        while right < most and after[right] == edit[right]:
            right += 1
        if right:
            pieces[index - 1:index + 2] = [(EQUAL, before + after[:right]),
                                           (op, edit[right:] + after[:right]),
                                           (EQUAL, after[right:])]
            slid = True
    # Sliding can empty an equality; only then is there anything to drop.
    return [piece for piece in pieces if piece[1]] if slid else pieces


def _add_edit(pieces: list[tuple[Op, str]], deleted: str, inserted: str) -> None:
    """A replacement as pieces: the tokens both sides begin or end with are kept as equal, as
    diff-match-patch's merge does ("technique" struck, not "technique " with its space)."""
    shared_start = shared_end = 0
    if deleted[0] == inserted[0] or deleted[-1] == inserted[-1]:
        shortest = min(len(deleted), len(inserted))
        while shared_start < shortest and deleted[shared_start] == inserted[shared_start]:
            shared_start += 1
        while (shared_end < shortest - shared_start
               and deleted[-1 - shared_end] == inserted[-1 - shared_end]):
            shared_end += 1
        if shared_start:
            pieces.append((EQUAL, deleted[:shared_start]))
        deleted, inserted, shared = (deleted[shared_start:len(deleted) - shared_end],
                                     inserted[shared_start:len(inserted) - shared_end],
                                     deleted[len(deleted) - shared_end:])
    _add_without_overlap(pieces, deleted, inserted)
    if shared_end:
        pieces.append((EQUAL, shared))


def _add_without_overlap(pieces: list[tuple[Op, str]], deleted: str, inserted: str) -> None:
    """diff-match-patch's overlap elimination: where a deletion ends as the insertion after
    it begins (or the reverse) by half of either, the shared part is kept as an equality
    ("mujeres y niñas" -> "mujeres, niñas y niños" inserts ", niñas", keeps " y ")."""
    if not deleted or not inserted:  # a pure deletion or insertion overlaps nothing
        if deleted:
            pieces.append((DELETE, deleted))
        elif inserted:
            pieces.append((INSERT, inserted))
        return
    forward, backward = _overlap(deleted, inserted), _overlap(inserted, deleted)
    if forward >= backward:
        if forward and (2 * forward >= len(deleted) or 2 * forward >= len(inserted)):
            _add_pieces(pieces, (DELETE, deleted[:len(deleted) - forward]),
                        (EQUAL, inserted[:forward]), (INSERT, inserted[forward:]))
            return
    elif 2 * backward >= len(deleted) or 2 * backward >= len(inserted):
        _add_pieces(pieces, (INSERT, inserted[:len(inserted) - backward]),
                    (EQUAL, deleted[:backward]), (DELETE, deleted[backward:]))
        return
    pieces.append((DELETE, deleted))
    pieces.append((INSERT, inserted))


def _add_pieces(pieces: list[tuple[Op, str]], *added: tuple[Op, str]) -> None:
    pieces += [piece for piece in added if piece[1]]


def _overlap(first: str, second: str) -> int:
    """The length of the longest end of ``first`` that ``second`` begins with."""
    # Only an end that starts with second's first token can be one: try those, longest first.
    at = first.find(second[0], max(len(first) - len(second), 0))
    while at != -1:
        if second.startswith(first[at:]):
            return len(first) - at
        at = first.find(second[0], at + 1)
    return 0
