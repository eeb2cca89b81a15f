"""Reading ids and moments out of a request, so a malformed value is a 404 or a 422, never a
server error.

Python's ``int`` reads what no form sends ("٣", "1_000", 4,300-digit numbers raise), and the
databases hold no id beyond 2**31 - 1 (SQLite even fails on 2**63 before asking). Only ASCII
digits of a size a row id can have are read as ids; anything else is "no such row".
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from werkzeug.routing import BaseConverter, ValidationError

#: The largest row id: ids are INTEGER columns, 32-bit on PostgreSQL.
LARGEST_ID = 2**31 - 1
_ID_DIGITS = len(str(LARGEST_ID))


def parse_id(text: str | None) -> int | None:
    """The row id written in ``text``, or None for anything that cannot be one."""
    if not text or len(text) > _ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= LARGEST_ID else None


def form_id(name: str) -> int | None:
    """A form field holding a row id (None when missing or malformed)."""
    return parse_id(request.form.get(name))


def form_ids(name: str) -> list[int]:
    """Every well-formed row id of a repeated form field (ticked boxes)."""
    found = (parse_id(value) for value in request.form.getlist(name))
    return [number for number in found if number is not None]


def arg_id(name: str) -> int | None:
    """A query-string argument holding a row id (None when missing or malformed)."""
    return parse_id(request.args.get(name))


class IdConverter(BaseConverter):
    """``<int:...>`` in every route: ASCII digits of a row id's size, or the URL is a 404."""

    regex = rf"[0-9]{{1,{_ID_DIGITS}}}"
    weight = 50

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def init_app(app: Flask) -> None:
    """Make ``<int:...>`` the id converter, before any route is added."""
    app.url_map.converters["int"] = IdConverter
