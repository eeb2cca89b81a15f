"""When the database refuses an act because another request got there first.

Row locks make most concurrent acts queue and be refused by the procedure itself. What
still reaches the database (a unique key taken in the same instant, a row version that
moved, a lock or serialization failure) is answered here, in one place, as the domain's
conflict: 409, nothing stored, and what the person typed shown back to them.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, render_template, request
from flask_babel import gettext, lazy_gettext
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from web.plumbing.dbsession import reset
from web.plumbing.errors import answers_json, json_error

#: PostgreSQL's codes for "try again": serialization failure, deadlock, lock not available.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
#: Form fields never shown back (secrets, and the form's own machinery).
NOT_SHOWN = ("password", "csrf_token", "form_key", "written_on", "base_text", "back", "next")

CONFLICT_MESSAGE = lazy_gettext(
    "Someone else acted on the same item at the same moment, and their act was stored "
    "first. Nothing of what you sent was stored. What you typed is kept below: read the "
    "current page, then send it again if it still applies."
)


def is_conflict(error: BaseException) -> bool:
    """Whether the database refused the act because of another request's act."""
    if isinstance(error, IntegrityError | StaleDataError):
        return True
    if isinstance(error, DBAPIError):
        code = getattr(error.orig, "sqlstate", None)
        return code in RETRY_SQLSTATES or "database is locked" in str(error.orig)
    return False


def typed_fields() -> list[tuple[str, str]]:
    """What the person typed into the refused form, as (field, text), secrets left out."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if value.strip() and not any(word in name for word in NOT_SHOWN)
    ]


def conflict_page(error: BaseException) -> tuple[str, int] | Response:
    """409 with the conflict explained and the typed text kept; a non-conflict re-raises."""
    reset()
    if not is_conflict(error):
        raise error
    current_app.logger.warning("%s %s refused as a conflict: %s", request.method, request.path,
                               str(error).splitlines()[0])
    if answers_json():
        return json_error(409, "conflict", gettext(
            "Someone else acted on the same item at the same moment, and their act was "
            "stored first. Nothing was stored: read it again, then send again if it still "
            "applies."))
    return render_template(
        "conflict.html", message=CONFLICT_MESSAGE, typed=typed_fields(),
        back=request.referrer if _same_site(request.referrer) else None,
    ), 409


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


def init_app(app: Flask) -> None:
    for error in (IntegrityError, StaleDataError, DBAPIError):
        app.register_error_handler(error, conflict_page)
