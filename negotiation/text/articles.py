"""Member states' names with their article in French and Portuguese, written where a
message puts them: "le Mexique", "du Mexique", "aux États-Unis", "d'Haïti"; "o México",
"do México", "nos Estados Unidos", "de Cuba".

English and Spanish write a member state's name bare ("Mexico accepted", "México
aceptó"). French and Portuguese put an article before most names and contract it with the
preposition before it (de + le = du, em + o = no), and a translator writes "de
%(delegation)s" once for every name. So the tables below say which article each name takes
(as the OAS and the United Nations write them), and :func:`placed` reads the translated
message around the name's placeholder: the preposition right before it, contracted with the
article; no preposition, the article alone, capitalised where the name opens the sentence;
in parentheses or beside a colon (a label, a list), the bare name, unless a preposition
puts it in the sentence ("la proposition 3 du Mexique : ...").

A name not in the tables (a committee's own delegation, a name edited since) is written
bare, its preposition as the message has it: as every name was before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The article of each member state's French name: "le", "la", "l'" (elided: the name
#: begins with a vowel or a mute h), "les", or "" (none: the island states, Haïti, Cuba,
#: "El Salvador", which carries its own).
FRENCH: dict[str, str] = {
    "Antigua-et-Barbuda": "",
    "Argentine": "l'",
    "Bahamas": "les",
    "Barbade": "la",
    "Belize": "le",
    "Bolivie": "la",
    "Brésil": "le",
    "Canada": "le",
    "Chili": "le",
    "Colombie": "la",
    "Costa Rica": "le",
    "Cuba": "",
    "Dominique": "la",
    "El Salvador": "",
    "Équateur": "l'",
    "États-Unis": "les",
    "Grenade": "la",
    "Guatemala": "le",
    "Guyana": "le",
    "Haïti": "",
    # An aspirate h: "le Honduras", "du Honduras".
    "Honduras": "le",
    "Jamaïque": "la",
    "Mexique": "le",
    "Nicaragua": "le",
    "Panama": "le",
    "Paraguay": "le",
    "Pérou": "le",
    "République dominicaine": "la",
    "Saint-Kitts-et-Nevis": "",
    "Saint-Vincent-et-les-Grenadines": "",
    "Sainte-Lucie": "",
    "Suriname": "le",
    "Trinité-et-Tobago": "la",
    "Uruguay": "l'",
    "Venezuela": "le",
}

#: The article of each member state's Portuguese name: "o", "a", "os", "as", or "" (none).
PORTUGUESE: dict[str, str] = {
    "Antígua e Barbuda": "",
    "Argentina": "a",
    "Bahamas": "as",
    "Barbados": "",
    "Belize": "",
    "Bolívia": "a",
    "Brasil": "o",
    "Canadá": "o",
    "Chile": "o",
    "Colômbia": "a",
    "Costa Rica": "a",
    "Cuba": "",
    "Dominica": "a",
    "El Salvador": "",
    "Equador": "o",
    "Estados Unidos": "os",
    "Granada": "",
    "Guatemala": "a",
    "Guiana": "a",
    "Haiti": "o",
    "Honduras": "",
    "Jamaica": "a",
    "México": "o",
    "Nicarágua": "a",
    "Panamá": "o",
    "Paraguai": "o",
    "Peru": "o",
    "República Dominicana": "a",
    "Santa Lúcia": "",
    "São Cristóvão e Névis": "",
    "São Vicente e Granadinas": "",
    "Suriname": "o",
    "Trinidad e Tobago": "",
    "Uruguai": "o",
    "Venezuela": "a",
}

ARTICLES: dict[str, dict[str, str]] = {"fr": FRENCH, "pt": PORTUGUESE}

#: Each preposition a name's article contracts with, and what the two make, by article
#: ("" for a name without one).
CONTRACTED: dict[str, dict[str, dict[str, str]]] = {
    "fr": {
        "de": {"le": "du", "la": "de la", "l'": "de l'", "les": "des", "": "de"},
        "à": {"le": "au", "la": "à la", "l'": "à l'", "les": "aux", "": "à"},
    },
    "pt": {
        "de": {"o": "do", "a": "da", "os": "dos", "as": "das", "": "de"},
        "em": {"o": "no", "a": "na", "os": "nos", "as": "nas", "": "em"},
        "a": {"o": "ao", "a": "à", "os": "aos", "as": "às", "": "a"},
        "por": {"o": "pelo", "a": "pela", "os": "pelos", "as": "pelas", "": "por"},
    },
}

#: A plural name opening a sentence is its subject, and the messages' verbs are singular
#: ("%(delegation)s a accepté"): "Les États-Unis a accepté" would be wrong, so the
#: delegation speaks ("La délégation des États-Unis a accepté").
DELEGATION: dict[str, str] = {"fr": "la délégation", "pt": "a delegação"}
PLURAL = frozenset({"les", "os", "as"})

# French elides "de" before a vowel or a mute h ("d'Haïti", "d'El Salvador"); the names
# with an aspirate h all take an article, so the bare names' h is mute.
_ELIDING = re.compile(r"[aeiouyhàâäéèêëîïôöùûüœæ]", re.IGNORECASE)
_SPACE = " \t\n\u00a0\u202f"
_TYPOGRAPHIC = "\u2019"
# Tags around a name ("<strong>%(delegation)s</strong>") say nothing of its place.
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>|\s)+$")
_LEADING_TAGS = re.compile(r"^(?:<[^<>]*>|\s)+")


def with_article(name: str, language: str, preposition: str = "", apostrophe: str = "'") -> str:
    """``name`` with its article, contracted with ``preposition`` (lowercase) if given:
    "le Mexique", "du Mexique", "d'Haïti", "pelos Estados Unidos"; a name not in the tables
    bare, after the preposition as it is. An elision is marked with ``apostrophe`` (the
    message's own, straight or typographic)."""
    article = ARTICLES.get(language, {}).get(name)
    if article is None:
        return f"{preposition} {name}" if preposition else name
    if preposition:
        lead = CONTRACTED[language][preposition][article]
        if language == "fr" and lead == "de" and _ELIDING.match(name):
            lead = "d'"
    else:
        lead = article
    if lead.endswith("'"):
        return lead[:-1] + apostrophe + name
    return f"{lead} {name}" if lead else name


def placed(names: Sequence[str], language: str, before: str, after: str) -> tuple[str, str]:
    """Member states' names (one, or a list) where a message in ``language`` puts them,
    ``before`` and ``after`` being the message's text on either side of the placeholder.

    Returns ``before`` with the preposition the names take in removed (it is written in
    the names' words: "de" + "le Mexique" = "du Mexique"), and the names as written there,
    several joined by commas, the preposition repeated before each ("du Canada, du
    Mexique") as French and Portuguese repeat it."""
    kept, phrases = placed_each(names, language, before, after)
    return kept, ", ".join(phrases)


def placed_each(names: Sequence[str], language: str, before: str, after: str
                ) -> tuple[str, list[str]]:
    """As :func:`placed`, each name's phrase apart ("du Canada", "du Mexique"), for a
    caller that joins them in its own words ("du Canada et du Mexique") or marks the names
    up. Each phrase ends with its name as given (capitalised where it opens the sentence)."""
    tables = ARTICLES.get(language)
    if tables is None or not names:
        return before, list(names)
    # The message's typography: where the translator elided with a typographic apostrophe
    # ("l\u2019invitation"), the name's elision is typographic too.
    apostrophe = _TYPOGRAPHIC if _TYPOGRAPHIC in before or _TYPOGRAPHIC in after else "'"
    leading = _TRAILING_TAGS.sub("", before)
    following = _LEADING_TAGS.sub("", after)
    if leading.endswith(("(", "[", ":")):
        # A label ("Proposition 3 (Mexique)", "Proposition 3 : Mexique"): bare, as a list
        # of names reads.
        return before, list(names)
    found = re.search(r"(?:^|(?<=[\s>(«“\"]))(" + "|".join(CONTRACTED[language])
                      + r")[" + _SPACE + r"]+$", before, re.IGNORECASE)
    if found is None and following.startswith((":", ")")):
        # A label too ("Mexique : amendement"); but after a preposition the name is in
        # the sentence, whatever follows it ("Note nationale du Mexique : ...").
        return before, list(names)
    if found is not None:
        written = found.group(1)
        preposition = written.lower()
        kept = before[:found.start()]
        phrases = [with_article(name, language, preposition, apostrophe) for name in names]
        if written[:1].isupper():
            phrases[0] = _capitalised(phrases[0])
        return kept, phrases
    opens = not leading or leading.endswith((".", "!", "?"))
    if opens and len(names) == 1 and tables.get(names[0]) in PLURAL:
        phrases = [f"{DELEGATION[language]} "
                   f"{with_article(names[0], language, 'de', apostrophe)}"]
    else:
        phrases = [with_article(name, language, "", apostrophe) for name in names]
    if opens:
        phrases[0] = _capitalised(phrases[0])
    return before, phrases


def _capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
