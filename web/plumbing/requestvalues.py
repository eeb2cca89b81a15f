"""Reading ids out of a request, so a malformed value is a 404 or a 422, never a server
error; and refusing control characters in the address and NUL anywhere in a form.

Python's ``int`` reads what no form sends ("٣", "1_000", 4,300-digit numbers raise), and the
databases hold no id beyond 2**31 - 1 (SQLite even fails on 2**63 before asking). Only ASCII
digits of a size a row id can have are read as ids; anything else is "no such row".
"""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import Flask, request
from flask_babel import gettext
from werkzeug.exceptions import BadRequest, UnprocessableEntity
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


def section_markers() -> dict[str, str]:
    """The markers a polling page sent (``m=<section>:<marker>``): what it shows now, section
    by section, so that the answer carries only the sections that changed."""
    pairs = (value.split(":", 1) for value in request.values.getlist("m") if ":" in value)
    return {section: marker for section, marker in pairs}


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


def _is_control(character: str) -> bool:
    # C0, DEL and C1: what no address a person types or a page links holds.
    return unicodedata.category(character) == "Cc"


def _refuse_control_in_address(_endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # A URL value preprocessor runs before every ``before_request`` hook, the one-time key's
    # claim included, which stores the path: PostgreSQL holds no NUL in any text, so a NUL
    # there failed the request with a 500, and no other control character belongs in a path
    # either. Refused here, whatever route the path matches (or none), before anything is
    # read or stored.
    if any(_is_control(c) for c in request.path):
        raise BadRequest(gettext("The address contains a control character; nothing was "
                                 "changed. Check the address, or go back and follow the link "
                                 "again."))
    for key, value in request.args.items(multi=True):
        if any(_is_control(c) for c in key + value):
            raise BadRequest(gettext("The address's field %(field)s contains a control "
                                     "character; nothing was changed.", field=repr(key[:40])))


def _refuse_nul() -> None:
    # PostgreSQL holds no NUL in any text, so a NUL in a value looked up (a delegation's code
    # in a form) would fail the query itself. No person types one; the domain refuses it in
    # stored texts too, with its place. (The address was checked before this hook.)
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    for key, value in request.form.items(multi=True):
        for text in (key, value):
            if "\x00" in text:
                raise UnprocessableEntity(gettext(
                    "The form's field %(field)s contains a NUL character (U+0000) "
                    "at character %(position)s; nothing was changed.",
                    field=repr(key[:40]), position=text.index(chr(0)) + 1))


def init_app(app: Flask) -> None:
    """Make ``<int:...>`` the id converter, before any route is added; refuse control
    characters in the address and NUL in a form."""
    app.url_map.converters["int"] = IdConverter
    app.url_value_preprocessor(_refuse_control_in_address)
    app.before_request(_refuse_nul)
