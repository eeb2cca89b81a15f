"""How the documents name a proposal's sponsors: the proposing state, then the states that
joined it ("Mexico, joined by Canada and Chile"), in the document's language, each state
with its article where French and Portuguese put one in the sentence: "Proposé par le
Mexique, conjointement avec le Canada et le Chili", "Proposta 3: México, com a adesão do
Canadá e do Chile".

The sentence is written as pieces of text, each state's name a piece of its own, so that
each form of the document marks the names up its own way (a span in HTML, a bold run in
Word) and leaves the articles and prepositions as running text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from negotiation.text.articles import placed_each
from negotiation.text.languages import N_, translate

#: A piece of a sentence, and whether it is a member state's name.
Piece = tuple[str, bool]

JOINED = N_("%(first)s, joined by %(names)s")
AND = N_("%(names)s and %(last)s")

# Stand-ins for the parameters, so that each translation is asked for once and the names
# are written where it puts them.
_FIRST, _JOINED, _NAMES, _LAST, _ALL = "\x00", "\x01", "\x02", "\x03", "\x04"
_SLOT = re.compile("[\x00\x01]")


class Sponsors(str):
    """A proposal's sponsors in one language: as a ``str``, "Mexico, joined by Canada and
    Chile" with the names bare (what a label shows), and the states themselves
    (``first``, ``joined``) for a sentence that names them (:func:`sponsor_pieces`)."""

    first: str
    joined: tuple[str, ...]

    def __new__(cls, first: str, joined: Sequence[str], language: str) -> Sponsors:
        shown = str.__new__(cls, "".join(text for text, _ in sponsor_pieces(
            first, joined, language, label=True)))
        shown.first, shown.joined = first, tuple(joined)
        return shown


def sponsor_pieces(first: str, joined: Sequence[str], language: str,
                   message: str = "", label: bool = False) -> list[Piece]:
    """The sponsors written in ``language`` as pieces, each name apart: in ``message``
    (whose ``%(proposers)s`` they fill: "Proposed by %(proposers)s"), or where a label
    puts them (``label``: after "Proposal 3:", the proposing state bare), each state that
    joined written as the sentence asks ("conjointement avec le Canada et le Chili")."""
    if message:
        sentence = translate(message, language, proposers=_ALL)
        opening, closing = sentence.split(_ALL, 1)
    else:
        opening, closing = "", ""
    inner = translate(JOINED, language, first=_FIRST, names=_JOINED) if joined else _FIRST
    full = opening + inner + closing
    pieces: list[Piece] = []
    written = ""  # the sentence so far, as its pieces write it
    taken = 0  # how far ``full`` is written into ``pieces``
    for slot in _SLOT.finditer(full):
        before = written + full[taken:slot.start()]
        after = _SLOT.sub("", full[slot.end():])
        if slot.group() == _FIRST:
            if label:
                kept, phrases = before, [first]
            else:
                kept, phrases = placed_each([first], language, before, after)
            names = [first]
        else:
            kept, phrases = placed_each(joined, language, before, after)
            names = list(joined)
        pieces.append((kept[len(written):], False))
        listed = _listed(phrases, names, language)
        pieces += listed
        written = kept + "".join(text for text, _ in listed)
        taken = slot.end()
    pieces.append((full[taken:], False))
    return _merged(pieces)


def _listed(phrases: list[str], names: list[str], language: str) -> list[Piece]:
    """The states' phrases as one list in ``language``'s words: "le Canada, le Chili et
    le Pérou", each name a piece apart from its article."""
    if len(phrases) == 1:
        return _named(phrases[0], names[0])
    words = translate(AND, language, names=_NAMES, last=_LAST)
    head, rest = words.split(_NAMES, 1)
    between, tail = rest.split(_LAST, 1)
    pieces: list[Piece] = [(head, False)]
    for number, (phrase, name) in enumerate(zip(phrases[:-1], names[:-1], strict=True)):
        if number:
            pieces.append((", ", False))
        pieces += _named(phrase, name)
    pieces.append((between, False))
    pieces += _named(phrases[-1], names[-1])
    pieces.append((tail, False))
    return pieces


def _named(phrase: str, name: str) -> list[Piece]:
    """"du Canada" as its article ("du ") and the name ("Canada")."""
    lead = phrase[:len(phrase) - len(name)]
    return [(lead, False), (phrase[len(lead):], True)] if lead else [(phrase, True)]


def _merged(pieces: list[Piece]) -> list[Piece]:
    """The running text between two names as one piece ("…avec " and "le " written as one
    run), empty pieces left out."""
    merged: list[Piece] = []
    for text, name in pieces:
        if not text:
            continue
        if merged and not name and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, False)
        else:
            merged.append((text, name))
    return merged
