"""Recognising what each line of a draft resolution is, in English, Spanish, French and
Portuguese: the title, thematic-area and section headings, preambular paragraphs (opening
with a participle in capitals: RECALLING, RECORDANDO, RAPPELANT, LEMBRANDO ...), numbered
operative paragraphs, lettered mandates, and the formulas around them ("THE GENERAL
ASSEMBLY,", "RESUELVE:") that are no paragraph at all.

It only guesses; the chair sees every guess in the import preview and corrects it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from negotiation.setup.reading import SourceLine

#: What a line can be. "mandates" is an operative paragraph heading lettered mandates.
BLOCK_KINDS = ("title", "area", "section", "preambular", "operative", "mandates",
               "subparagraph", "left_out", "unclassified")
PARAGRAPH_KINDS = ("preambular", "operative", "mandates", "subparagraph")

# Endings of participles in capitals: RECALLING (en), RECORDANDO / RECONOCIENDO (es),
# LEMBRANDO / RECONHECENDO / TENDO (pt), RAPPELANT / CONSIDÉRANT (fr).
_PARTICIPLE_ENDINGS = ("ING", "ANDO", "ENDO", "INDO", "ANT")
# Openings that are no participle but open preambular paragraphs all the same.
_PREAMBULAR_WORDS = {
    # en
    "AWARE", "CONSCIOUS", "CONVINCED", "CONCERNED", "DEEPLY", "GRAVELY", "MINDFUL", "ALARMED",
    "DETERMINED", "REAFFIRMED",
    # es
    "CONSCIENTES", "CONVENCIDOS", "CONVENCIDAS", "PREOCUPADOS", "PROFUNDAMENTE", "HABIDA",
    "DECIDIDOS", "VISTO",
    # fr
    "CONSCIENTE", "CONSCIENTS", "CONVAINCUE", "CONVAINCUS", "PREOCCUPEE", "PREOCCUPES",
    "PROFONDEMENT", "RESOLUE", "RESOLUS", "VU",
    # pt
    "CIENTE", "CIENTES", "CONVENCIDA", "PREOCUPADA", "DETERMINADA",
}
_AREA_NUMERALS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_AREA = re.compile(r"^(VIII|VII|VI|IV|V|III|II|I)[.)]\s+(\S.*)$")
_LETTERED = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.)]?\s+(\S.*)$")
_OPERATIVE_OPENING = re.compile(r"^To [a-z]")  # English operative paragraphs: "To urge ..."
# Formulas of the resolution, not paragraphs: the acting organ and the "decides".
_FORMULAS = (
    "THE GENERAL ASSEMBLY", "LA ASAMBLEA GENERAL", "L'ASSEMBLEE GENERALE",
    "A ASSEMBLEIA GERAL", "RESOLVES", "RESUELVE", "DECIDE", "RESOLVE", "DRAFT RESOLUTION",
    "PROYECTO DE RESOLUCION", "PROJET DE RESOLUTION", "PROJETO DE RESOLUCAO",
)
_ENTITY_WORDS = ("CICAD", "CICTE", "JID", "INTER-AMERICAN DEFENSE BOARD",
                 "JUNTA INTERAMERICANA DE DEFENSA", "JUNTE INTERAMERICAINE DE DEFENSE",
                 "JUNTA INTERAMERICANA DE DEFESA")
_INSTRUMENT_WORDS = ("CIFTA", "CITAAC", "CONVENTION", "CONVENCION", "CONVENCAO")


@dataclass
class Block:
    """One line of the imported draft and what it was recognised as."""

    kind: str
    text: str
    source: str
    number: str = ""
    section_kind: str = ""
    area: int | None = None
    note: str = ""


def plain(text: str) -> str:
    """Capitals without accents, for comparing words across the four languages."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


def opening_capitals(text: str) -> str:
    """The words in capitals a paragraph opens with ("NOTING WITH CONCERN"), or ""."""
    words = []
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
            break
        words.append(word.strip(",;:"))
    opening = " ".join(words)
    return opening if len([c for c in opening if c.isalpha()]) >= 2 else ""


def _has_lowercase(text: str) -> bool:
    return any(c.islower() for c in text)


def preambular_opening(text: str) -> str:
    """The participle (or like word) in capitals a preambular paragraph opens with, or ""."""
    opening = opening_capitals(text)
    if not opening or not _has_lowercase(text):
        return ""
    first = plain(opening.split()[0]).strip("'")
    if first.endswith(_PARTICIPLE_ENDINGS) or first in _PREAMBULAR_WORDS:
        return opening
    return ""


def section_kind_of(title: str) -> str:
    """Item, entity or instrument, from the words of a section heading."""
    words = plain(title)
    if any(re.search(rf"\b{re.escape(w)}\b", words) for w in _ENTITY_WORDS):
        return "entity"
    if any(re.search(rf"\b{re.escape(w)}\b", words) for w in _INSTRUMENT_WORDS):
        return "instrument"
    return "item"


def _is_formula(text: str) -> bool:
    if _has_lowercase(text):
        return False
    stripped = plain(text).rstrip(" ,:;.")
    return stripped in _FORMULAS or text.rstrip().endswith((",", ":"))


def _ends_like_a_paragraph(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":", ","))


def classify(lines: list[SourceLine]) -> list[Block]:
    """What each line is, in order (see the module's docstring)."""
    blocks: list[Block] = []
    area: int | None = None
    for line in lines:
        block = _classify_line(line, area)
        if block.kind == "area":
            area = block.area
        if block.kind == "subparagraph" and not _can_hold_mandates(blocks):
            block.kind, block.text = "unclassified", line.text
            block.note = "lettered, but no operative paragraph comes before it"
        blocks.append(block)
    _find_title(blocks)
    _mark_mandates(blocks)
    return blocks


def _find_title(blocks: list[Block]) -> None:
    """Without Word's Title style, the first heading is the title when another heading (or
    nothing) follows it before any paragraph; a heading followed by paragraphs is a section."""
    if any(b.kind == "title" for b in blocks):
        return
    content = [b for b in blocks if b.kind != "left_out"]
    if content and content[0].kind == "section" and (
            len(content) == 1 or content[1].kind in ("section", "area")):
        first = content[0]
        first.kind, first.section_kind, first.area = "title", "", None
        first.note = "the first heading of the document"


def _can_hold_mandates(blocks: list[Block]) -> bool:
    for block in reversed(blocks):
        if block.kind in ("operative", "mandates"):
            return True
        if block.kind != "subparagraph":
            return False
    return False


def _mark_mandates(blocks: list[Block]) -> None:
    """An operative paragraph followed by lettered mandates is a mandates paragraph."""
    for index, block in enumerate(blocks[:-1]):
        if block.kind == "operative" and blocks[index + 1].kind == "subparagraph":
            block.kind = "mandates"
            block.note = "followed by lettered mandates"


def _classify_line(line: SourceLine, area: int | None) -> Block:
    text = line.text
    if line.style == "Title":
        return Block("title", text, text, note="Word title style")
    if _is_formula(text):
        return Block("left_out", text, text, note="a formula of the resolution, not a paragraph")
    match = _AREA.match(text)
    if match and not _ends_like_a_paragraph(text):
        number = _AREA_NUMERALS[match.group(1)]
        return Block("area", match.group(2), text, number=match.group(1), area=number,
                     note=f"thematic area {number}")
    if line.list_level is not None and not line.style.startswith("Heading"):
        if line.list_level > 0:
            return Block("subparagraph", text, text, note="Word's lettered list")
        if not preambular_opening(text):
            return Block("operative", text, text, note="Word's numbered list")
    match = _LETTERED.match(text)
    if match:
        return Block("subparagraph", match.group(3), text,
                     number=match.group(1) or match.group(2), note="lettered")
    match = _NUMBERED.match(text)
    if match and _ends_like_a_paragraph(text):
        return Block("operative", match.group(2), text, number=match.group(1),
                     note="numbered")
    opening = preambular_opening(text)
    if opening:
        return Block("preambular", text, text, note=f"opens with {opening}")
    if _OPERATIVE_OPENING.match(text) and _ends_like_a_paragraph(text):
        return Block("operative", text, text, note="opens with “To …”")
    if line.style.startswith("Heading") or (len(text) <= 200 and not _ends_like_a_paragraph(text)):
        heading = _NUMBERED.match(text)
        title = heading.group(2) if heading else text
        kind = section_kind_of(title)
        return Block("section", title, text, section_kind=kind, area=area if kind == "item"
                     else None, note="Word heading" if line.style.startswith("Heading")
                     else "a short line without final punctuation")
    return Block("unclassified", text, text, note="no participle in capitals, no number")
