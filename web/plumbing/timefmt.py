"""Times on pages as people say them: "22 April 2024, 18:00 in Washington", and a small script
(static/localtime.js) adds the reader's own: "(your time: 23 April 2024, 00:00 in Madrid)"."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask
from markupsafe import Markup, escape

from negotiation.record.clock import format_moment


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


def moment(value: datetime, zone: str) -> Markup:
    """A <time> at headquarters, "22 April 2024, 18:00 in Washington" as messages say it;
    the script adds the reader's own time after it (and says so when it is the same)."""
    return Markup('<time datetime="{}" class="moment" data-zone="{}">{}</time>').format(
        escape(value.isoformat()), escape(zone), escape(format_moment(value, zone))
    )


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only: "Operative paragraph 4 (a)" keeps the rest as is."""
    return text[:1].upper() + text[1:]


def init_app(app: Flask) -> None:
    app.add_template_filter(capitalize_first, "capitalize_first")
    app.add_template_filter(moment, "moment")
    app.add_template_global(time_left, "time_left")
