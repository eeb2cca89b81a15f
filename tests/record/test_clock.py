"""The configurable clock that deadlines read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from negotiation.record.clock import (
    FixedClock,
    SystemClock,
    clock_from_setting,
    local_moment,
    parse_moment,
)


def test_a_setting_in_headquarters_time_fixes_the_clock() -> None:
    clock = clock_from_setting("2024-04-21 18:00 America/New_York")
    assert isinstance(clock, FixedClock)
    assert clock.now() == datetime(2024, 4, 21, 22, 0, tzinfo=UTC)


def test_no_setting_means_real_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEGOTIATION_CLOCK", raising=False)
    assert isinstance(clock_from_setting(), SystemClock)


@pytest.mark.parametrize("bad", ["2024-04-21 18:00", "2024-04-21 18:00 Mars/Olympus", "soon"])
def test_a_moment_without_a_valid_zone_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_moment(bad)


@pytest.mark.parametrize("text", ["9999-12-31", "9999-12-31T23:59", "0001-01-01T00:00",
                                  "2100-01-01T00:00", "1999-12-31T23:59"])
def test_a_moment_out_of_range_is_refused_before_it_overflows(text: str) -> None:
    with pytest.raises(ValueError, match="out of range: give a moment from 2000 to 2099"):
        local_moment(text, "America/New_York")
    with pytest.raises(ValueError, match="out of range"):
        parse_moment(f"{text.replace('T', ' ')} America/New_York")


@pytest.mark.parametrize(("text", "why"), [
    ("2024-05-09T10:00+05:00", "carries its own offset"),
    ("²", "not a date and time"),
    ("2024-02-30T10:00", "not a date and time"),
    ("", "not a date and time"),
])
def test_a_form_s_moment_that_is_no_moment_at_headquarters_is_refused(
    text: str, why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        local_moment(text, "America/New_York")


def test_a_form_s_moment_is_read_at_headquarters() -> None:
    assert local_moment(" 2024-05-09T10:00 ", "America/New_York") == parse_moment(
        "2024-05-09 10:00 America/New_York")
