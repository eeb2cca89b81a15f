"""The chair's corrections to an import preview, line by line: another kind (or a section's
kind and thematic area), another text, a line joined to the one before it, a line split in
two where the chair says. They are applied to the lines carried from the preview, checked
like pasted text: nothing the browser sends back is trusted.
"""

from __future__ import annotations

from negotiation.enums import SectionKind
from negotiation.errors import InvalidSubmission, Term
from negotiation.setup.imports.classifying import (
    BLOCK_KINDS,
    Block,
    classify,
    lettered,
    numbered,
    section_kind_of,
)
from negotiation.setup.imports.reading import SourceLine, read_text
from negotiation.setup.sections import AREAS
from negotiation.text.footnotes import Footnote, carried, shifted
from negotiation.text.languages import N_

SECTION_KINDS = tuple(k.value for k in SectionKind)
#: What the chair may correct on a line, as the preview's form names it.
FIELDS = ("kind", "section_kind", "area", "text", "join", "split")


def corrected(blocks: list[Block], corrections: dict[int, dict[str, str]]) -> list[Block]:
    """The lines with the chair's corrections, ``{line index: {field: value}}`` (see
    :data:`FIELDS`); a refusal names the line and what is wrong with it."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        change = corrections.get(index, {})
        if "text" in change:
            _retext(block, change["text"], index + 1)
        _rekind(block, change)
        if change.get("join") and out:
            _join(out[-1], block)
        else:
            out.append(block)
        words = " ".join(change.get("split", "").split())
        if words:
            out[-1:] = _split(out[-1], words, index + 1)
    return out


def area_of(value: object) -> int | None:
    """A thematic area from the form or the carried preview, or None."""
    try:
        area = int(value) if value not in (None, "") else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return area if area in AREAS else None


def _retext(block: Block, value: str, line: int) -> None:
    if " ".join(value.split()) == block.text:
        return
    try:
        # Checked as pasted text is (no control characters); a newline typed in it is a space.
        text = " ".join(read.text for read in read_text(value))
    except InvalidSubmission as exc:
        if "no text" in str(exc):
            raise InvalidSubmission("Line %(line)s has no text left: choose “Leave out” for a "
                                    "line the draft should not hold.", line=line) from None
        # The reason is a refusal itself: it is translated with this one.
        raise InvalidSubmission("Line %(line)s: %(reason)s", line=line, reason=exc) from None
    block.notes = carried(block.text, text, block.notes)
    block.text, block.note = text, Term(N_("text corrected by the chair"))


def _rekind(block: Block, change: dict[str, str]) -> None:
    kind = change.get("kind", block.kind)
    if kind not in BLOCK_KINDS:
        raise InvalidSubmission("“%(kind)s” is not a kind of line.", kind=kind)
    if kind != block.kind:
        block.note = Term(N_("corrected by the chair"))
        if kind == "section" and not block.section_kind:
            block.section_kind = section_kind_of(block.text)
        # The draft numbers and letters its paragraphs itself: a "8." read as a heading
        # and made operative loses its number, as a recognised one does.
        found = numbered(block.text) if kind in ("operative", "mandates") else (
            lettered(block.text) if kind == "subparagraph" else None)
        if found:
            block.notes = carried(block.text, found[1], block.notes)
            block.number, block.text = found
        block.kind = kind
    if block.kind == "section":
        section_kind = change.get("section_kind", block.section_kind) or "item"
        if section_kind not in SECTION_KINDS:
            raise InvalidSubmission("“%(kind)s” is not a kind of section.", kind=section_kind)
        block.section_kind = section_kind
        if "area" in change:
            block.area = area_of(change["area"])
        if section_kind != "item":
            block.area = None


def _join(before: Block, block: Block) -> None:
    before.text = f"{before.text} {block.text}"
    before.source = f"{before.source} {block.source}"
    before.footnotes += block.footnotes
    before.notes = before.notes + shifted(block.notes, len(before.text) - len(block.text))
    before.note = Term(N_("joined by the chair"))


def _split(block: Block, words: str, line: int) -> list[Block]:
    """The line cut before ``words``: the first part keeps its kind, the second is
    recognised on its own."""
    at = block.text.find(words)
    if at <= 0:
        raise InvalidSubmission(
            "Line %(line)s: “%(words)s” is not in its text after its first word; type the "
            "words the new line begins with, as they are written.", line=line, words=words)

    first, second = block.text[:at].strip(), block.text[at:].strip()
    notes = block.notes
    block.notes = tuple(n for n in notes if n.at <= len(first))
    block.text, block.source, block.note = first, first, Term(N_("split by the chair"))
    (rest,) = classify([SourceLine(second, notes=tuple(
        Footnote(max(0, n.at - at), n.text) for n in notes if n.at > len(first)))])
    rest.note = Term(N_("split by the chair"))
    return [block, rest]
