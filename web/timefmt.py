"""Times on pages as people say them: "22 April 2024, 18:00 in Washington", and a small script
(static/localtime.js) adds the reader's own: "(your time: 23 April 2024, 00:00 in Madrid)"."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from markupsafe import Markup, escape


def time_left(until: datetime, now: datetime) -> str:
    """ "3 days 14 hours", "45 minutes", or "passed"."""
    left = until - now
    if left <= timedelta(0):
        return "passed"
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days and minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "less than a minute"


def place_of(zone: str) -> str:
    """Where a zone's clock is read, as readers name the place: the installation's name for
    it (HEADQUARTERS_PLACES), else the city the zone is named after ("Mexico City")."""
    named: dict[str, str] = current_app.config["HEADQUARTERS_PLACES"]
    return named.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")


def moment(value: datetime, zone: str) -> Markup:
    """A <time> at headquarters, "22 April 2024, 18:00 in Washington"; the script adds the
    reader's own time after it (and says so when it is the same)."""
    local = value.astimezone(ZoneInfo(zone))
    text = f"{local.day} {local:%B %Y, %H:%M} in {place_of(zone)}"
    return Markup('<time datetime="{}" class="moment" data-zone="{}">{}</time>').format(
        escape(value.isoformat()), escape(zone), escape(text)
    )


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only: "Operative paragraph 4 (a)" keeps the rest as is."""
    return text[:1].upper() + text[1:]


def init_app(app: Flask) -> None:
    app.add_template_filter(capitalize_first, "capitalize_first")
    app.add_template_filter(moment, "moment")
    app.add_template_global(time_left, "time_left")
