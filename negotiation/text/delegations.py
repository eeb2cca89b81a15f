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
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

from negotiation.text.articles import placed
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


class StateName(str):
    """A member state's name as a message's parameter: its name in one language as a
    ``str`` (as ``delegation_name`` gives it), and, where a message in French or
    Portuguese is filled in (``negotiation.filling``), written with its article as the
    words around it ask: "Le Mexique a accepté", "le commentaire du Mexique", "d'Haïti".
    """

    names: dict[str, str]

    def __new__(cls, names: Mapping[str, str], language: str = DEFAULT_LANGUAGE) -> StateName:
        name = super().__new__(cls, _in(names, language))
        name.names = dict(names)
        return name

    def translated(self, gettext: object = None, language: str = DEFAULT_LANGUAGE) -> str:
        """The bare name in ``language`` (a refusal's parameter, read outside a message)."""
        return _in(self.names, language)

    def placed(self, before: str, after: str, language: str) -> tuple[str, str]:
        """Written where a message in ``language`` puts it (``negotiation.text.articles``)."""
        return placed([_in(self.names, language)], language, before, after)


def state_name(delegation: Named, language: str = DEFAULT_LANGUAGE) -> StateName:
    """The member state's name as a message's parameter: "Mexique" read as such, "du
    Mexique" after "de" in French (English, as a refusal's ``str`` is, by default)."""
    return StateName({code: delegation_name(delegation, code) for code in LANGUAGES}, language)


class Names(str):
    """Member states quoted in a message ("Canada, Mexico joined the earlier text"): their
    English names as a ``str`` (the record, the tests), and in the reader's language, in
    that language's order, where the message is shown (``translated``, as a refusal's
    ``Term`` has it), each with its article where a French or Portuguese message asks
    (``placed``: "du Canada, du Mexique")."""

    names: tuple[dict[str, str], ...]

    def __new__(cls, delegations: Iterable[Named]) -> Names:
        return cls.of({language: delegation_name(d, language) for language in LANGUAGES}
                      for d in delegations)

    @classmethod
    def of(cls, names: Iterable[Mapping[str, str]], language: str | None = None) -> Names:
        """The states of ``names`` (each one's name by language); as a ``str``, their names
        in ``language`` in its order, or (none given) in English as listed."""
        kept = tuple(dict(n) for n in names)
        shown = (", ".join(_in(n, DEFAULT_LANGUAGE) for n in kept) if language is None
                 else ", ".join(_sorted_in(kept, language)))
        joined = str.__new__(cls, shown)
        joined.names = kept
        return joined

    def translated(self, gettext: object = None, language: str = DEFAULT_LANGUAGE) -> str:
        return ", ".join(_sorted_in(self.names, language))

    def placed(self, before: str, after: str, language: str) -> tuple[str, str]:
        """Written where a message in ``language`` puts them (``negotiation.text.articles``)."""
        return placed(_sorted_in(self.names, language), language, before, after)


def _in(names: Mapping[str, str], language: str) -> str:
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return names.get(language) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), "")


def _sorted_in(names: Iterable[Mapping[str, str]], language: str) -> list[str]:
    return sorted((_in(n, language) for n in names), key=sort_key)
