"""A moment as each of the four languages writes it: the same moment, the same place."""

from __future__ import annotations

import pytest

from negotiation.record.clock import format_moment, parse_moment

MOMENT = parse_moment("2024-04-22 23:59 America/New_York")


@pytest.mark.parametrize(("language", "written"), [
    ("en", "22 April 2024, 23:59 in Washington"),
    ("es", "22 de abril de 2024, 23:59 en Washington"),
    ("fr", "22 avril 2024, 23:59 à Washington"),
    ("pt", "22 de abril de 2024, 23:59 em Washington"),
])
def test_headquarters_time_in_each_language(language: str, written: str) -> None:
    assert format_moment(MOMENT, "America/New_York", language) == written


def test_english_is_the_default_and_an_unknown_language_reads_english() -> None:
    assert format_moment(MOMENT, "America/New_York") == "22 April 2024, 23:59 in Washington"
    assert format_moment(MOMENT, "America/New_York", "de") == format_moment(
        MOMENT, "America/New_York")


@pytest.mark.parametrize(("language", "written"), [
    ("en", "22 April 2024, 21:59 in Mexico City"),
    ("es", "22 de abril de 2024, 21:59 en Ciudad de México"),
    ("fr", "22 avril 2024, 21:59 à Mexico"),
    ("pt", "22 de abril de 2024, 21:59 em Cidade do México"),
])
def test_other_places_go_by_their_usual_name_in_the_language(language: str,
                                                             written: str) -> None:
    assert format_moment(MOMENT, "America/Mexico_City", language) == written
