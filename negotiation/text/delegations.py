"""Member states' names in the reader's language, and lists of them in that language's order.

The names themselves are the delegation's own columns (``name_en`` ... ``name_pt``), loaded
from ``negotiation/setup/member_states.toml`` (keyed by ISO 3166-1 alpha-3 code, as the app
codes delegations: "MEX", "CAN"); a name missing in a language is read in English.

Order: a reader looks "Équateur" up under E and "Haití" between "Guyana" and "Honduras",
so lists are sorted on the names without their accents and case (the first level of the
Unicode collation), the accents breaking ties only. That is a plain ``unicodedata`` key
rather than pyuca or ICU: for these four languages and these 33 names the tailorings of the
locales add nothing the key misses (Spanish's one, "ñ" after "n", occurs in no name; "ch"
and "ll" are no longer letters of their own since 1994), and it costs no dependency.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Protocol, TypeVar

from negotiation.text.languages import DEFAULT_LANGUAGE, LANGUAGES


class Named(Protocol):
    """A delegation, as far as its names go."""

    code: str
    name_en: str
    name_es: str
    name_fr: str
    name_pt: str


D = TypeVar("D", bound=Named)


def delegation_name(delegation: Named, language: str) -> str:
    """The member state's name in ``language`` ("México", "Mexique"), English if unknown."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return str(getattr(delegation, f"name_{language}", "") or delegation.name_en)


def sort_key(name: str) -> tuple[str, str]:
    """Accents and case aside first ("Équateur" among the E), then as written."""
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    # A hyphen joins words as a space does: "Saint-Kitts" beside "Saint Lucia".
    return base.replace("-", " ").casefold(), name


def by_name(delegations: Iterable[D], language: str) -> list[D]:
    """The delegations in the alphabetical order of their names in ``language``."""
    return sorted(delegations, key=lambda d: sort_key(delegation_name(d, language)))


class Names(str):
    """Member states quoted in a message ("Canada, Mexico joined the earlier text"): their
    English names as a ``str`` (the record, the tests), and in the reader's language, in
    that language's order, where the message is shown (``translated``, as a refusal's
    ``Term`` has it)."""

    names: tuple[dict[str, str], ...]

    def __new__(cls, delegations: Iterable[Named]) -> Names:
        kept = tuple({language: delegation_name(d, language) for language in LANGUAGES}
                     for d in delegations)
        joined = super().__new__(cls, ", ".join(n[DEFAULT_LANGUAGE] for n in kept))
        joined.names = kept
        return joined

    def translated(self, gettext: object = None, language: str = DEFAULT_LANGUAGE) -> str:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        return ", ".join(sorted((n[language] for n in self.names), key=sort_key))
