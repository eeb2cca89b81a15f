"""Where the current time comes from, so deadlines can be tested and demonstrated."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CLOCK_SETTING = "NEGOTIATION_CLOCK"


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock standing still at one moment, which the demo and the tests move by hand."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at


def parse_moment(text: str) -> datetime:
    """Read "2024-04-21 18:00 America/New_York" (or an ISO time with an offset) as aware."""
    text = text.strip()
    date_part, _, zone_name = text.rpartition(" ")
    if date_part and ("/" in zone_name or zone_name == "UTC"):
        try:
            zone = ZoneInfo(zone_name)
        except ZoneInfoNotFoundError as exc:
            raise ValueError(f"unknown time zone {zone_name!r}") from exc
        return datetime.fromisoformat(date_part.replace(" ", "T", 1)).replace(tzinfo=zone)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} names no time zone; add one, e.g. America/New_York")
    return moment


def clock_from_setting(value: str | None = None) -> Clock:
    """The clock that configuration asks for: a fixed moment, or the real time when unset."""
    value = os.environ.get(CLOCK_SETTING) if value is None else value
    if not value:
        return SystemClock()
    return FixedClock(parse_moment(value))
