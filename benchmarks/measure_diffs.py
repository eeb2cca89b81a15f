"""Word diffs: ours (rapidfuzz's C++ longest common subsequence on word tokens, with
diff-match-patch's semantic cleanup) against the `redlines` library, `difflib` and the C++
diff-match-patch (`fast-diff-match-patch`) on the same tokens, on every modification of the
synthetic cycle and of the demo cycle, for time and for chunking.

Chunking is judged on what a delegate reads: both texts come back byte for byte, no change
starts or ends inside a word, and a rewritten clause is one deletion and one insertion (few
runs of changes, not confetti). The synthetic modifications rewrite one phrase and change
the end of the paragraph; the demo's are the CSH's own, mostly a few words changed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from fast_diff_match_patch import diff as native_diff
from redlines import Redlines
from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.cycle import cycle
from benchmarks.harness import Bench
from negotiation.demo.loader import read
from negotiation.enums import AmendmentKind
from negotiation.models import Amendment, ParagraphVersion
from negotiation.record.database import make_engine, make_session_factory
from negotiation.text.diffs import DELETE, EQUAL, INSERT, word_diff
from negotiation.text.wordtokens import TOKEN, TokenTable

#: A piece of a diff: (op, text) with op -1, 0 or 1, as ours gives them.
Pieces = list[tuple[int, str]]

CLAUSE = (
    "Calls upon Member States to adopt comprehensive national legislation criminalizing all "
    "forms of trafficking in persons, in line with the Protocol;",
    "Calls upon Member States to consider, as appropriate, reviewing the adequacy of their "
    "domestic legal frameworks to address trafficking in persons, in line with the Protocol;",
)


def _pairs(session: Session, negotiation_id: int) -> list[tuple[str, str]]:
    return [(base, proposed) for base, proposed in session.execute(
        select(ParagraphVersion.text, Amendment.proposed_text)
        .join(ParagraphVersion, Amendment.base_version_id == ParagraphVersion.id)
        .where(Amendment.negotiation_id == negotiation_id,
               Amendment.kind == AmendmentKind.MODIFY)
        .order_by(Amendment.id))]


def ours(base: str, proposed: str) -> Pieces:
    return [(c.op, c.text) for c in word_diff(base, proposed)]


def dmp_cpp(base: str, proposed: str) -> Pieces:
    """The same tokens through the C++ diff-match-patch with its semantic cleanup (the engine
    ours replaced)."""
    table = TokenTable()
    encoded_base, encoded_proposed = table.encode(base), table.encode(proposed)
    found = native_diff(encoded_base, encoded_proposed, timelimit=0, checklines=False,
                        cleanup="Semantic", counts_only=False)
    return [(_OPS[op], table.decode(chars)) for op, chars in found]


_OPS = {"=": EQUAL, "-": DELETE, "+": INSERT}


def _demo_pairs() -> list[tuple[str, str]]:
    """(paragraph, proposed text) of every modification in the demo cycle's description."""
    data = read("csh_2023_2024.toml")
    sections = {raw["code"]: raw for raw in data["section"]}
    pairs = []
    for raw in data.get("amendment", []):
        if raw["kind"] != "modify":
            continue
        paragraph = sections[raw["section"]]["paragraph"][raw["paragraph"] - 1]
        base = (paragraph["subparagraphs"][raw["subparagraph"] - 1] if "subparagraph" in raw
                else paragraph["text"])
        pairs.append((base, raw["text"]))
    return pairs


def redlines(base: str, proposed: str) -> Pieces:
    pieces: Pieces = []
    for operation in Redlines(base, proposed)._diff_ops:
        tag, i1, i2, j1, j2 = operation.opcodes
        old = "".join(operation.source_chunk.text[i1:i2])
        new = "".join(operation.test_chunk.text[j1:j2])
        if tag == "equal":
            pieces.append((EQUAL, old))
        else:
            pieces += [(DELETE, old), (INSERT, new)]
    return [(op, text) for op, text in pieces if text]


def difflib_words(base: str, proposed: str) -> Pieces:
    """difflib's SequenceMatcher on the same word tokens as ours."""
    a, b = TOKEN.findall(base), TOKEN.findall(proposed)
    pieces: Pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append((EQUAL, "".join(a[i1:i2])))
        else:
            pieces += [(DELETE, "".join(a[i1:i2])), (INSERT, "".join(b[j1:j2]))]
    return [(op, text) for op, text in pieces if text]


_WORD = re.compile(r"\w")


def _splits_a_word(base: str, proposed: str, pieces: Pieces) -> bool:
    """Whether a change starts or ends between two letters of one word, in either text."""
    for text, skip in ((base, INSERT), (proposed, DELETE)):
        at = 0
        cuts = []
        for op, piece in pieces:
            if op == skip:
                continue
            cuts.append((at, op != EQUAL))
            at += len(piece)
            cuts.append((at, op != EQUAL))
        for position, changed in cuts:
            if changed and 0 < position < len(text) and _WORD.match(text[position - 1]) \
                    and _WORD.match(text[position]):
                return True
    return False


def _runs(pieces: Pieces) -> int:
    """Runs of changes: a replaced clause (deletion then insertion) counts once."""
    runs, previous = 0, EQUAL
    for op, _ in pieces:
        if op != EQUAL and previous == EQUAL:
            runs += 1
        previous = op
    return runs


def chunking(pairs: list[tuple[str, str]], differ: Callable[[str, str], Pieces]) -> str:
    wrong = split = runs = 0
    for base, proposed in pairs:
        pieces = differ(base, proposed)
        if "".join(t for op, t in pieces if op != INSERT) != base or \
                "".join(t for op, t in pieces if op != DELETE) != proposed:
            wrong += 1
        if _splits_a_word(base, proposed, pieces):
            split += 1
        runs += _runs(pieces)
    clause = differ(*CLAUSE)
    shape = "".join({DELETE: "-", INSERT: "+", EQUAL: "="}[op] for op, _ in clause)
    return (f"{wrong}/{len(pairs)} texts not given back, {split} with a split word, "
            f"{runs / len(pairs):.2f} runs per pair, rewritten clause {shape}")


def _all(pairs: Iterable[tuple[str, str]], differ: Callable[[str, str], Pieces]) -> None:
    for base, proposed in pairs:
        differ(base, proposed)


def measure(bench: Bench) -> None:
    pairs_at: dict[int, list[tuple[str, str]]] = {}
    for scale in bench.scales:
        built = cycle(scale)
        engine = make_engine(built.url)
        with make_session_factory(engine)() as session:
            pairs_at[scale] = _pairs(session, built.negotiation_id)
        engine.dispose()
    demo = _demo_pairs()
    smallest = pairs_at[min(pairs_at)]
    peers = (("ours", ours), ("redlines", redlines), ("difflib (words)", difflib_words),
             ("C++ dmp (words)", dmp_cpp))
    for what, pairs in ((f"the {len(smallest)} modifications of the {min(pairs_at)}x cycle",
                         smallest), (f"the demo's {len(demo)} modifications", demo)):
        print(f"chunking on {what}:")
        for name, differ in peers:
            print(f"  {name:<16} {chunking(pairs, differ)}")
    # The demo's few modifications, repeated to a measurable amount of work.
    many = demo * 100
    bench.compare("word diffs vs redlines, the demo's", lambda: _all(many, ours),
                  lambda: _all(many, redlines), "redlines", scale=1,
                  note=f"{len(demo)} modifications x 100")
    for scale, pairs in pairs_at.items():
        note = f"{len(pairs)} modifications"
        bench.compare("word diffs vs redlines", lambda p=pairs: _all(p, ours),
                      lambda p=pairs: _all(p, redlines), "redlines", scale=scale, note=note)
        bench.compare("word diffs vs difflib", lambda p=pairs: _all(p, ours),
                      lambda p=pairs: _all(p, difflib_words), "difflib", scale=scale,
                      note=note)
        bench.compare("word diffs vs C++ diff-match-patch", lambda p=pairs: _all(p, ours),
                      lambda p=pairs: _all(p, dmp_cpp), "fast-diff-match-patch", scale=scale,
                      note=note)
