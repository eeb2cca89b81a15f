"""Times on pages as people say them, in the page's language: "22 April 2024, 18:00 in
Washington", "22 de abril de 2024, 18:00 en Washington", and a small script
(static/localtime.js) adds the reader's own: "(your time: 23 April 2024, 00:00 in Madrid)"."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask, has_request_context
from flask_babel import gettext, ngettext
from markupsafe import Markup, escape

from negotiation.record.clock import format_moment
from negotiation.text.languages import DEFAULT_LANGUAGE
from web.words.languages import current_language


def page_language() -> str:
    """The request's language; English outside a request (a command, a test's template)."""
    return current_language() if has_request_context() else DEFAULT_LANGUAGE


def time_left(until: datetime, now: datetime) -> str:
    """ "3 days 14 hours", "45 minutes", or "passed", in the page's language."""
    left = until - now
    if left <= timedelta(0):
        return gettext("passed")
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    parts = []
    if days:
        parts.append(ngettext("%(num)d day", "%(num)d days", days))
    if hours:
        parts.append(ngettext("%(num)d hour", "%(num)d hours", hours))
    if not days and minutes:
        parts.append(ngettext("%(num)d minute", "%(num)d minutes", minutes))
    return " ".join(parts) or gettext("less than a minute")


def moment(value: datetime, zone: str) -> Markup:
    """A <time> at headquarters, "22 April 2024, 18:00 in Washington" as messages say it (in
    the page's language); the script adds the reader's own time after it (and says so when
    it is the same)."""
    return Markup('<time datetime="{}" class="moment" data-zone="{}">{}</time>').format(
        escape(value.isoformat()), escape(zone),
        escape(format_moment(value, zone, page_language())))


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only: "Operative paragraph 4 (a)" keeps the rest as is."""
    return text[:1].upper() + text[1:]


def init_app(app: Flask) -> None:
    app.add_template_filter(capitalize_first, "capitalize_first")
    app.add_template_filter(moment, "moment")
    app.add_template_global(time_left, "time_left")
