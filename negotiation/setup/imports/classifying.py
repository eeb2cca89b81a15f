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

from negotiation.errors import Term
from negotiation.setup.imports.metadata import metadata_of
from negotiation.setup.imports.reading import SourceLine
from negotiation.text.footnotes import Footnote, carried, shifted
from negotiation.text.languages import N_

#: What a line can be. "mandates" is an operative paragraph heading lettered mandates.
BLOCK_KINDS = ("title", "area", "section", "preambular", "operative", "mandates",
               "subparagraph", "left_out", "unclassified")
PARAGRAPH_KINDS = ("preambular", "operative", "mandates", "subparagraph")

# Endings of participles: RECALLING (en), RECORDANDO / RECONOCIENDO (es),
# LEMBRANDO / RECONHECENDO / TENDO (pt), RAPPELANT / CONSIDÉRANT (fr).
_PARTICIPLE_ENDINGS = ("ING", "ANDO", "ENDO", "INDO", "ANT")
# Words that end like a participle and open no preamble ("During the ...").
_NOT_PARTICIPLES = {
    "DURING", "ACCORDING", "REGARDING", "CONCERNING", "INCLUDING", "FOLLOWING", "PENDING",
    "NOTHING", "ANYTHING", "EVERYTHING", "SOMETHING", "THING", "KING", "SPRING", "STRING",
    "BRING", "MORNING", "EVENING", "AVANT", "PENDANT", "DURANT", "CEPENDANT", "MAINTENANT",
    "TANT", "QUANT", "CUANDO", "QUANDO", "DONDE", "ONDE",
}
# Openings that are no participle but open preambular paragraphs all the same.
_PREAMBULAR_WORDS = {
    # en
    "AWARE", "CONSCIOUS", "CONVINCED", "CONCERNED", "DEEPLY", "GRAVELY", "MINDFUL", "ALARMED",
    "DETERMINED", "REAFFIRMED", "GUIDED", "PROFOUNDLY", "CONSIDERING",
    # es
    "CONSCIENTES", "CONVENCIDOS", "CONVENCIDAS", "PREOCUPADOS", "PROFUNDAMENTE", "HABIDA",
    "DECIDIDOS", "VISTO", "VISTOS", "VISTA", "VISTAS", "GUIADA", "GUIADO", "ALARMADA",
    # fr
    "CONSCIENTE", "CONSCIENTS", "CONVAINCUE", "CONVAINCUS", "PREOCCUPEE", "PREOCCUPES",
    "PROFONDEMENT", "RESOLUE", "RESOLUS", "VU", "GUIDEE", "ALARMEE",
    # pt
    "CIENTE", "CIENTES", "CONVENCIDA", "PREOCUPADA", "DETERMINADA",
}
# Little words before the participle: "y CONSIDERANDO:", "Se félicitant", "and NOTING".
_LEADING_WORDS = {"Y", "AND", "ET", "E", "SE", "S'", "TOUT"}
_AREA_NUMERALS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_AREA = re.compile(r"^(VIII|VII|VI|IV|V|III|II|I)[.)]\s+(\S.*)$")
_LETTERED = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.)]?\s+(\S.*)$")
_OPERATIVE_OPENING = re.compile(r"^To [a-z]")  # English operative paragraphs: "To urge ..."
_LAST_BUT_ONE = re.compile(r"[;,]\s+(?:and|or|y|o|et|ou|e)$")
# The OAS's preambular items after "CONSIDERING:": "That ...", "Que ...", "Qu'il ...".
_THAT_ITEM = re.compile(r"^(?:That|Que|Qu['\u2019])\s*\w")
# Formulas of the resolution, not paragraphs: the acting organ and the "decides".
_ORGANS = (
    "THE GENERAL ASSEMBLY", "LA ASAMBLEA GENERAL", "L'ASSEMBLEE GENERALE",
    "A ASSEMBLEIA GERAL", "THE ECONOMIC AND SOCIAL COUNCIL", "THE SECURITY COUNCIL",
    "EL CONSEJO ECONOMICO Y SOCIAL", "LE CONSEIL ECONOMIQUE ET SOCIAL", "EL CONSEJO DE SEGURIDAD",
    "LE CONSEIL DE SECURITE", "THE PERMANENT COUNCIL", "EL CONSEJO PERMANENTE",
    "LE CONSEIL PERMANENT", "O CONSELHO PERMANENTE",
)
_OPERATIVE_LEAD_INS = ("RESOLVES", "RESUELVE", "DECIDE", "DECIDES", "RESOLVE", "DECIDE")
_FORMULAS = (*_ORGANS, *_OPERATIVE_LEAD_INS, "DRAFT RESOLUTION", "PROYECTO DE RESOLUCION",
             "PROJET DE RESOLUTION", "PROJETO DE RESOLUCAO")
_ENTITY_WORDS = ("CICAD", "CICTE", "JID", "INTER-AMERICAN DEFENSE BOARD",
                 "JUNTA INTERAMERICANA DE DEFENSA", "JUNTE INTERAMERICAINE DE DEFENSE",
                 "JUNTA INTERAMERICANA DE DEFESA")
_INSTRUMENT_WORDS = ("CIFTA", "CITAAC", "CONVENTION", "CONVENCION", "CONVENCAO")
#: The note of a line read as the document's metadata (symbol, date, "Original:" ...).
METADATA_NOTE = "the document's metadata"
_LEAD_IN_NOTE = Term(N_("the preamble's lead-in"))


@dataclass
class Block:
    """One line of the imported draft and what it was recognised as."""

    kind: str
    text: str
    source: str
    number: str = ""
    section_kind: str = ""
    area: int | None = None
    #: Why the line was read so, in the reader's language where shown (a :class:`Term`;
    #: the English as a ``str``).
    note: str = ""
    #: Superscript footnote markers set aside from this line.
    footnotes: int = 0
    #: The line's footnotes, their markers' places in ``text``.
    notes: tuple[Footnote, ...] = ()


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
    """The participle (or like word) a preambular paragraph opens with, or "": in capitals
    as the OAS writes it ("RECALLING", "y CONSIDERANDO"), or in sentence case as the UN
    does ("Recalling", "Having considered", "Se félicitant") when the line ends as a
    paragraph does (a heading in sentence case has no final punctuation)."""
    words = text.split()
    if words and plain(words[0]) in _LEADING_WORDS and len(words) > 1:
        rest = text[len(words[0]):].lstrip()
        found = preambular_opening(rest)
        return f"{words[0]} {found}" if found else ""
    opening = opening_capitals(text)
    if opening and _has_lowercase(text):
        return opening if _is_participle(opening.split()[0]) else ""
    first = words[0].strip(",;:") if words else ""
    if (first[:1].isupper() and first[1:].islower() and ends_like_a_paragraph(text)
            and _is_participle(first)):
        return first
    return ""


def _is_participle(word: str) -> bool:
    first = plain(word).strip("'")
    if first in _NOT_PARTICIPLES:
        return False
    return first.endswith(_PARTICIPLE_ENDINGS) or first in _PREAMBULAR_WORDS


def _lead_in(text: str) -> str:
    """The preamble's lead-in alone on its line ("CONSIDERING:", "VISTOS:", "y
    CONSIDERANDO:", "Tendo presente:"), or ""."""
    if not text.endswith(":") or len(text.split()) > 4:
        return ""
    words = text.rstrip(" :").split()
    if words and plain(words[0]) in _LEADING_WORDS:
        words = words[1:]
    if not words or not _is_participle(words[0].strip(",")):
        return ""
    return text.rstrip(" :")


def section_kind_of(title: str) -> str:
    """Item, entity or instrument, from the words of a section heading."""
    words = plain(title)
    if any(re.search(rf"\b{re.escape(w)}\b", words) for w in _ENTITY_WORDS):
        return "entity"
    if any(re.search(rf"\b{re.escape(w)}\b", words) for w in _INSTRUMENT_WORDS):
        return "instrument"
    return "item"


def _is_formula(text: str) -> bool:
    """The acting organ ("The General Assembly,", "THE PERMANENT COUNCIL OF THE
    ORGANIZATION OF AMERICAN STATES,") or the operative part's lead-in ("RESOLVES:",
    "DÉCIDE :"), in capitals or in sentence case."""
    stripped = plain(text).rstrip(" ,:;.")
    if stripped in _FORMULAS:
        return True
    if text.rstrip().endswith(",") and len(text) <= 120 and stripped.startswith(_ORGANS):
        return True
    return not _has_lowercase(text) and text.rstrip().endswith((",", ":"))


def ends_like_a_paragraph(text: str) -> bool:
    """Final punctuation, or the "; and" before a list's last item ("; y", "; et", "; e")."""
    return text.rstrip().endswith((".", ";", ":", ",")) or bool(_LAST_BUT_ONE.search(text))


def classify(lines: list[SourceLine]) -> list[Block]:
    """What each line is, in order (see the module's docstring)."""
    blocks: list[Block] = []
    area: int | None = None
    # After "CONSIDERING:" and until the operative part, the OAS's items ("That ...",
    # "Que ...") are preambular paragraphs whatever word they open with.
    in_preamble = False
    for line in lines:
        block = _classify_line(line, area)
        block.footnotes = line.footnotes
        # A number or a letter taken off the text moves the markers with their words.
        block.notes = carried(line.text, block.text, line.notes)
        if block.kind == "area":
            area = block.area
        if block.note == _LEAD_IN_NOTE:
            in_preamble = True
        elif block.kind == "unclassified" and ends_like_a_paragraph(line.text) and (
                in_preamble or (_THAT_ITEM.match(line.text) and _last_paragraph_kind(blocks)
                                in ("preambular", None))):
            block.kind, block.note = "preambular", Term(N_("an item of the preamble"))
        elif block.kind in ("operative", "section", "area") or (
                block.kind == "left_out" and plain(line.text).rstrip(" :.")
                in _OPERATIVE_LEAD_INS):
            in_preamble = False
        if block.kind == "section" and line.bold and not _any_content(blocks):
            block.kind, block.section_kind, block.area = "title", "", None
            block.note = Term(N_("in bold, before any paragraph"))
        if block.kind == "subparagraph":
            holder = _last_paragraph_kind(blocks, lettered=False)
            if holder == "preambular":
                block.note = Term(N_("lettered, part of the preambular paragraph before it"))
            elif not _can_hold_mandates(blocks):
                block.kind, block.text = "unclassified", line.text
                block.note = Term(N_("lettered, but no operative paragraph comes before it"))
        blocks.append(block)
    blocks = _joined_lead_ins(blocks)
    _find_title(blocks)
    _mark_mandates(blocks)
    return blocks


def _any_content(blocks: list[Block]) -> bool:
    return any(b.kind != "left_out" for b in blocks)


def _last_paragraph_kind(blocks: list[Block], *, lettered: bool = True) -> str | None:
    """The kind of the last paragraph before this line (lettered ones skipped unless
    asked), or None."""
    for block in reversed(blocks):
        if block.kind == "subparagraph" and not lettered:
            continue
        if block.kind in PARAGRAPH_KINDS:
            return block.kind
    return None


def _joined_lead_ins(blocks: list[Block]) -> list[Block]:
    """The preamble's lead-in ("CONSIDERING:") opens its first item, as the OAS prints
    it: "CONSIDERING: That ..."; alone (no item after it) it stays a line of its own."""
    joined: list[Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.note == _LEAD_IN_NOTE and following is not None and \
                following.kind == "preambular" and following.note != _LEAD_IN_NOTE:
            following.text = f"{block.text} {following.text}"
            following.source = f"{block.source} {following.source}"
            following.footnotes += block.footnotes
            following.notes = block.notes + shifted(following.notes, len(block.text) + 1)
            following.note = Term(N_("%(note)s, after the lead-in %(lead_in)s"),
                                  note=following.note, lead_in=block.text)
            continue
        joined.append(block)
    return joined


def _find_title(blocks: list[Block]) -> None:
    """Without Word's Title style, the first heading is the title when, before any
    paragraph, another heading, the acting organ ("The General Assembly,") or nothing
    follows it; a heading followed by paragraphs is a section."""
    if any(b.kind == "title" for b in blocks):
        return
    content = [b for b in blocks if not b.note.startswith(METADATA_NOTE)]
    first = next((i for i, b in enumerate(content) if b.kind != "left_out"), None)
    if first is None or content[first].kind != "section":
        return
    following = content[first + 1] if first + 1 < len(content) else None
    if following is None or following.kind in ("section", "area", "left_out"):
        heading = content[first]
        heading.kind, heading.section_kind, heading.area = "title", "", None
        heading.note = Term(N_("the first heading of the document"))


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
            block.note = Term(N_("followed by lettered mandates"))


def numbered(text: str) -> tuple[str, str] | None:
    """(number, text) of a numbered paragraph ("8. Requests ...", "8) ...", and "8 To urge
    ...;" when it ends as a paragraph does), or None."""
    match = _NUMBERED.match(text)
    if match is None:
        return None
    if re.match(r"^\d{1,3}\s*[.)]\s", text) or ends_like_a_paragraph(text):
        return match.group(1), match.group(2)
    return None


def lettered(text: str) -> tuple[str, str] | None:
    """(letter, text) of a lettered item ("a) ...", "(b) ..."), or None."""
    match = _LETTERED.match(text)
    return (match.group(1) or match.group(2), match.group(3)) if match else None


def _classify_line(line: SourceLine, area: int | None) -> Block:
    text = line.text
    heading_style = line.style.startswith("Heading")
    if line.style == "Title":
        return Block("title", text, text, note=Term(N_("Word title style")))
    what = metadata_of(text, plain(text))
    if what:
        return Block("left_out", text, text, note=Term(N_("the document's metadata (%(what)s)"),
                                                           what=Term(what)))
    lead_in = _lead_in(text)
    if lead_in:
        return Block("preambular", text, text, note=_LEAD_IN_NOTE)
    if _is_formula(text):
        if plain(text).rstrip(" ,:;.") in _OPERATIVE_LEAD_INS:
            return Block("left_out", text, text, note=Term(N_("the operative part's lead-in")))
        return Block("left_out", text, text,
                     note=Term(N_("a formula of the resolution, not a paragraph")))
    match = _AREA.match(text)
    if match and not ends_like_a_paragraph(text):
        number = _AREA_NUMERALS[match.group(1)]
        return Block("area", match.group(2), text, number=match.group(1), area=number,
                     note=Term(N_("thematic area %(number)s"), number=number))
    if line.list_level is not None and not heading_style:
        if line.list_level > 0:
            return Block("subparagraph", text, text, note=Term(N_("Word's lettered list")))
        if not preambular_opening(text):
            return Block("operative", text, text, note=Term(N_("Word's numbered list")))
    found = lettered(text)
    if found:
        return Block("subparagraph", found[1], text, number=found[0], note=Term(N_("lettered")))
    found = numbered(text)
    if found and not heading_style:
        return Block("operative", found[1], text, number=found[0], note=Term(N_("numbered")))
    opening = preambular_opening(text)
    if opening:
        return Block("preambular", text, text,
                     note=Term(N_("opens with %(opening)s"), opening=opening))
    if _OPERATIVE_OPENING.match(text) and ends_like_a_paragraph(text):
        return Block("operative", text, text, note=Term(N_("opens with “To …”")))
    if heading_style or (len(text) <= 200 and not ends_like_a_paragraph(text)):
        heading = _NUMBERED.match(text)
        title = heading.group(2) if heading else text
        kind = section_kind_of(title)
        return Block("section", title, text, section_kind=kind, area=area if kind == "item"
                     else None, note=Term(N_("Word heading")) if heading_style
                     else Term(N_("a short line without final punctuation")))
    return Block("unclassified", text, text, note=Term(N_("no participle, no number")))
