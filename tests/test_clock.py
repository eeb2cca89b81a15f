"""The configurable clock that deadlines read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from negotiation.clock import FixedClock, SystemClock, clock_from_setting, parse_moment


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
