"""The lines around a resolution that say what the document is, not what it says: its
symbol ("CP/RES. 777 (1252/00)", "A/RES/73/6"), its date, the "Original:" line, who
presented it and when it was adopted. An import leaves them out of the draft: they are
neither a section nor a paragraph (a symbol read as a heading took every paragraph after it
into a section of its own).
"""

from __future__ import annotations

import re

from negotiation.text.languages import N_

_MONTHS = (
    # en, es, fr, pt
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|"
    "octobre|novembre|d[ée]cembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|"
    "outubro|novembro|dezembro")
_DATE = re.compile(
    rf"^(?:(?:date|fecha|data)\s*:\s*)?(?:\d{{1,2}}(?:er|º|°)?\s+(?:de\s+)?(?:{_MONTHS})\.?"
    rf"(?:,?\s+de)?,?\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})\.?$", re.IGNORECASE)
# A document symbol: an organ's letters, a slash, then the rest ("OEA/Ser.G", "A/RES/73/6").
_SYMBOL = re.compile(r"^(?:[A-Z]{1,5}/[A-Za-z0-9]\S*)(?:\s+\S+){0,6}$")
_ORIGINAL = re.compile(r"^(?:texto\s+)?original\s*:\s*\S+$", re.IGNORECASE)
# "(Presented by the Chair)", "(Adopted at the fourth plenary session, held on ...)".
_PARENTHESISED = re.compile(
    r"^\((?:presented|submitted|sponsored|adopted|approved|presentad[oa]|aprobad[oa]|"
    r"adoptad[oa]|présentée?|adoptée?|approuvée?|apresentad[oa]|aprovad[oa]|adotad[oa])\b"
    r".*\)\.?$", re.IGNORECASE)
# The UN's lines above a resolution: "[on the report of the Third Committee (A/73/589)]",
# "Resolution adopted by the General Assembly on 5 December 2018", "Agenda item 73".
_UN_LINES = re.compile(
    r"^(?:\[.*\]|(?:resolution adopted by|résolution adoptée par|resolución aprobada por)\b.*|"
    r"(?:agenda item|point|tema)\s+\d+(?:\s*\(\w\))?|distr\.?\s*:?\s*\w+|"
    r"\d+(?:st|nd|rd|th) plenary meeting|"
    r"[\w-]+ (?:session|período de sesiones|session ordinaire))$", re.IGNORECASE)
_LETTERHEADS = {
    "UNITED NATIONS", "NACIONES UNIDAS", "NATIONS UNIES", "ORGANIZATION OF AMERICAN STATES",
    "ORGANIZACION DE LOS ESTADOS AMERICANOS", "ORGANISATION DES ETATS AMERICAINS",
    "ORGANIZACAO DOS ESTADOS AMERICANOS", "PERMANENT COUNCIL", "CONSEJO PERMANENTE",
    "CONSEIL PERMANENT", "CONSELHO PERMANENTE",
}

#: The longest line read as metadata: a paragraph is longer.
MAX_METADATA_LENGTH = 160


def metadata_of(text: str, plain_text: str) -> str:
    """What metadata line ``text`` is ("symbol", "date", ...), or "" when it is none.
    ``plain_text`` is the same line in capitals without accents."""
    if len(text) > MAX_METADATA_LENGTH:
        return ""
    if _SYMBOL.match(text) and ";" not in text:
        return N_("symbol")
    if _DATE.match(text):
        return N_("date")
    if _ORIGINAL.match(text):
        return N_("original language")
    if _PARENTHESISED.match(text):
        return N_("presented or adopted")
    if _UN_LINES.match(text):
        return N_("heading of the document")
    if plain_text.strip(" ,.") in _LETTERHEADS:
        return N_("letterhead")
    return ""
