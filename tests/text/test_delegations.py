"""Member states by their names in the reader's language, in that language's order."""

from __future__ import annotations

import tomllib
from types import SimpleNamespace

from negotiation.setup.delegations import MEMBER_STATES
from negotiation.text.delegations import by_name, delegation_name, sort_key


def member_states() -> list[SimpleNamespace]:
    with MEMBER_STATES.open("rb") as listed:
        return [SimpleNamespace(**state) for state in tomllib.load(listed)["state"]]


def test_a_delegation_is_named_in_the_readers_language_else_in_english() -> None:
    mexico = next(s for s in member_states() if s.code == "MEX")
    assert [delegation_name(mexico, lang) for lang in ("en", "es", "fr", "pt", "de")] == [
        "Mexico", "México", "Mexique", "México", "Mexico"]


def test_spanish_names_sort_without_regard_to_accents() -> None:
    names = [delegation_name(d, "es") for d in by_name(member_states(), "es")]
    # "Haití" between "Guyana" and "Honduras", "Panamá" before "Paraguay", "Perú" after
    # it; "Canadá" after "Belice" and before "Chile"; "México" among the M.
    assert names[names.index("Guyana"):names.index("Honduras") + 1] == [
        "Guyana", "Haití", "Honduras"]
    assert names[names.index("Panamá"):names.index("Perú") + 1] == [
        "Panamá", "Paraguay", "Perú"]
    assert names[names.index("Belice"):names.index("Chile") + 1] == [
        "Belice", "Bolivia", "Brasil", "Canadá", "Chile"]
    assert names[:3] == ["Antigua y Barbuda", "Argentina", "Bahamas"]
    assert names[-4:] == ["Suriname", "Trinidad y Tobago", "Uruguay", "Venezuela"]
    assert names == sorted(names, key=sort_key)


def test_french_names_with_an_accent_are_among_their_letter() -> None:
    names = [delegation_name(d, "fr") for d in by_name(member_states(), "fr")]
    # Plain code-point order would put "Équateur" and "États-Unis" after "Venezuela".
    assert names[names.index("El Salvador"):names.index("États-Unis") + 1] == [
        "El Salvador", "Équateur", "États-Unis"]
    assert names[-1] == "Venezuela"
