"""How much one request may carry: a clear 413 (or 414) instead of storing or parsing
whatever arrives.

No form of the tracker needs more than a few dozen kilobytes: a paragraph is at most 6,000
characters (24 kB in UTF-8, at worst). The body limit is Flask's ``MAX_CONTENT_LENGTH``
(refused before the body is read); the field limits are checked here as well, because
Werkzeug applies ``MAX_FORM_MEMORY_SIZE`` and ``MAX_FORM_PARTS`` to multipart forms only and
our forms are URL-encoded. The domain still checks each text against its column; these
limits only keep a hostile request from costing memory and time.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge, RequestURITooLarge

#: The largest request body accepted, in bytes.
REQUEST_LIMIT = 256 * 1024
#: The largest value of one form field, in characters (bytes for multipart forms).
FIELD_LIMIT = 64 * 1024
#: The most fields one form may send (a compromise text ticks at most a few dozen boxes).
FORM_PARTS_LIMIT = 500
#: The longest query string, in bytes (filters and search words).
QUERY_LIMIT = 8 * 1024


def _check_request() -> None:
    if len(request.query_string) > QUERY_LIMIT:
        raise RequestURITooLarge()
    if request.method in ("POST", "PUT", "PATCH") and request.content_length != 0:
        # Reading the form enforces MAX_CONTENT_LENGTH first.
        values = [value for values in request.form.listvalues() for value in values]
        if len(values) > FORM_PARTS_LIMIT or any(len(value) > FIELD_LIMIT for value in values):
            raise RequestEntityTooLarge()


def _too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    message = (
        f"What was sent is too large for any form of the tracker (at most "
        f"{current_app.config['MAX_CONTENT_LENGTH'] // 1024} kB in all, "
        f"{FIELD_LIMIT // 1024} k characters in one field; a paragraph holds at most 6,000 "
        "characters). Nothing was saved: go back, shorten the text and send it again."
    )
    return render_template("error.html", error=error, message=message), 413


def init_app(app: Flask) -> None:
    """Set the limits; register before CSRF protection so an oversized form is a 413."""
    if app.config["MAX_CONTENT_LENGTH"] is None:
        app.config["MAX_CONTENT_LENGTH"] = REQUEST_LIMIT
    app.config["MAX_FORM_MEMORY_SIZE"] = FIELD_LIMIT
    app.config["MAX_FORM_PARTS"] = FORM_PARTS_LIMIT
    app.before_request(_check_request)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
