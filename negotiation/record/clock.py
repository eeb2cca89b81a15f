"""Where the current time comes from, so deadlines can be tested and demonstrated."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date

from negotiation.errors import Moment

CLOCK_SETTING = "NEGOTIATION_CLOCK"
#: The moments the app accepts from people and settings. A negotiation's calendar lies well
#: inside; beyond it, a typo ("9999-12-31") would reach past what dates can hold once moved
#: to another time zone, and a deadline in 2900 means nothing anyway.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


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
    #: The moment it was set to first: a rehearsal's clock is known by it in the record.
    started_at: datetime = field(init=False)

    def __post_init__(self) -> None:
        self.started_at = self.at

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at


def in_range(moment: datetime) -> datetime:
    """The moment itself, or ValueError when it lies outside :data:`EARLIEST`-:data:`LATEST`."""
    if not EARLIEST <= moment < LATEST:
        raise ValueError(
            f"{moment.date().isoformat()} is out of range: give a moment from {EARLIEST.year} "
            f"to {LATEST.year - 1}"
        )
    return moment


def parse_moment(text: str) -> datetime:
    """Read "2024-04-21 18:00 America/New_York" (or an ISO time with an offset) as aware."""
    text = text.strip()
    date_part, _, zone_name = text.rpartition(" ")
    if date_part and ("/" in zone_name or zone_name == "UTC"):
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {zone_name!r}") from exc
        return local_moment(date_part.replace(" ", "T", 1), zone)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} names no time zone; add one, e.g. America/New_York")
    return in_range(moment)


def local_moment(text: str, zone: ZoneInfo | str) -> datetime:
    """A date and time as read on the clocks of ``zone`` ("2024-05-09T10:00", what a form's
    date-and-time field sends), made aware; ValueError when it is no such moment, carries
    its own offset, or lies out of range."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError("that is not a date and time") from exc
    if moment.tzinfo is not None:
        raise ValueError("it carries its own offset; give the local time alone")
    # The range is checked on the local reading: a zone's offset is hours, never a year, and
    # moving 9999-12-31 to UTC would itself overflow.
    in_range(moment.replace(tzinfo=UTC))
    return moment.replace(tzinfo=ZoneInfo(zone) if isinstance(zone, str) else zone)


def clock_from_setting(value: str | None = None) -> Clock:
    """The clock that configuration asks for: a fixed moment, or the real time when unset."""
    value = os.environ.get(CLOCK_SETTING) if value is None else value
    if not value:
        return SystemClock()
    return FixedClock(parse_moment(value))


#: Where a zone's clock is read, as readers name the place, when that is not the city the
#: zone is named after: the OAS sits in Washington, which keeps New York's clock.
HEADQUARTERS_PLACES = {"America/New_York": "Washington"}


def place_of(zone: str, language: str = "en") -> str:
    """The place a zone's time is read at: "Washington", else the zone's city as readers of
    ``language`` name it ("Mexico City", "Ciudad de México", "Mexico", "Cidade do México")."""
    if zone in HEADQUARTERS_PLACES:
        return HEADQUARTERS_PLACES[zone]
    english = zone.rsplit("/", 1)[-1].replace("_", " ")
    if language == "en":
        return english
    # CLDR's exemplar cities: the usual name of the city in the language where there is one.
    return str(_locale(language).time_zones.get(zone, {}).get("city") or english)


#: How each language joins a date, a time and a place: "21 April 2024, 23:59 in Washington".
#: The date itself is CLDR's long form (babel), which never capitalises a month in es/fr/pt.
_MOMENT = {
    "en": "{date}, {time} in {place}",
    "es": "{date}, {time} en {place}",
    "fr": "{date}, {time} à {place}",
    "pt": "{date}, {time} em {place}",
}


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language if language in _MOMENT else "en")


def format_moment(moment: datetime, zone: ZoneInfo | str, language: str = "en") -> str:
    """A moment as people at headquarters read it, on pages and in messages alike:
    "21 April 2024, 23:59 in Washington", "22 de abril de 2024, 23:59 en Washington",
    "22 avril 2024, 23:59 à Washington", "22 de abril de 2024, 23:59 em Washington"."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    local = moment.astimezone(zone)
    language = language if language in _MOMENT else "en"
    # English keeps the day before the month (as the OAS writes it), not CLDR's "April 21".
    day = (f"{local.day} {local:%B %Y}" if language == "en"
           else format_date(local, "long", locale=language))
    return _MOMENT[language].format(date=day, time=f"{local:%H:%M}",
                                    place=place_of(zone.key, language))


def _write(moment: datetime, zone: object, language: str) -> str:
    return format_moment(moment, zone if isinstance(zone, ZoneInfo | str) else str(zone),
                         language)


def quoted_moment(at: datetime, zone: ZoneInfo | str) -> Moment:
    """A moment to quote in a refusal: English as a ``str``, and written again in the
    reader's language where the refusal is shown (``NegotiationError.translated``)."""
    return Moment(at, zone, _write)
