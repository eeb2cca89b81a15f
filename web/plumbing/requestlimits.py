"""How much one request may carry: a clear 413 (or 414) instead of storing or parsing
whatever arrives.

No text form of the tracker needs more than a few dozen kilobytes: a paragraph is at most
6,000 characters (24 kB in UTF-8, at worst); the largest upload is a rules file. The body
limit is Flask's ``MAX_CONTENT_LENGTH`` (refused before the body is read); the field limits
are checked here as well, because Werkzeug applies ``MAX_FORM_MEMORY_SIZE`` and
``MAX_FORM_PARTS`` to multipart forms only and our forms are URL-encoded. The domain still
checks each text against its column; these limits only keep a hostile request from costing
memory and time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TypeVar

from flask import Flask, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from htmx_flask.requests import HtmxAwareRequest
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge, RequestURITooLarge
from werkzeug.utils import cached_property
from werkzeug.wsgi import LimitedStream

from web.plumbing.errors import answers_json, json_error

#: The largest request body accepted, in bytes: room for the largest upload (a rules file,
#: 256 kB, refused by its own form when larger) with its form.
REQUEST_LIMIT = 512 * 1024
#: The largest value of one form field, in characters (bytes for multipart forms).
FIELD_LIMIT = 64 * 1024
#: The most fields one form may send (a compromise text ticks at most a few dozen boxes).
FORM_PARTS_LIMIT = 500
#: The longest query string, in bytes (filters and search words).
QUERY_LIMIT = 8 * 1024
#: Room for the other fields of a form that carries a file.
UPLOAD_FORM_ALLOWANCE = 64 * 1024

View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def takes_upload(max_bytes: int, refusal: str, **params: object) -> Callable[[View], View]:
    """Let a view receive a file of up to ``max_bytes``; a larger one is refused with ``refusal``
    (English marked with ``N_``, its ``%(name)s`` filled from ``params``, shown translated).

    The view's own words (its limit, what to do) replace the generic 413, which speaks of
    text forms and would tell the chair importing a draft nothing useful. It is a message,
    not the view's page: the refusal comes before anyone's role is checked.
    """
    def mark(view: View) -> View:
        view.upload_limit = max_bytes  # type: ignore[attr-defined]
        view.upload_refusal = refusal  # type: ignore[attr-defined]
        view.upload_refusal_params = params  # type: ignore[attr-defined]
        return view
    return mark


class UploadAwareRequest(HtmxAwareRequest):
    """A request whose limits are its view's upload limits where the view takes a file.

    Decided on the request itself rather than in a ``before_request`` hook, because other
    hooks (the one-time form key) read the form first.
    """

    def _upload_limit(self) -> int | None:
        view = current_app.view_functions.get(self.endpoint or "")
        return getattr(view, "upload_limit", None)

    @property
    def max_content_length(self) -> int | None:
        if (upload_limit := self._upload_limit()) is not None:
            return upload_limit + UPLOAD_FORM_ALLOWANCE
        return super().max_content_length

    @property
    def max_form_memory_size(self) -> int | None:
        # Werkzeug's multipart parser holds each 64 kB chunk of a file in the same buffer it
        # checks against this limit, so a file needs room for one chunk beyond a field.
        if self._upload_limit() is not None:
            return FIELD_LIMIT + UPLOAD_FORM_ALLOWANCE
        return super().max_form_memory_size

    @cached_property
    def stream(self) -> IO[bytes]:
        """The body, read up to its declared length, refused (400) when it ends before.

        gunicorn marks its input as terminated, which makes Werkzeug read it up to the
        largest size allowed rather than to the declared length: a body cut short by a
        broken connection then parsed as a shorter form, and its truncated text was stored.
        """
        stream = super().stream  # 413 when the declared length is over the limit
        length = self.content_length
        if length is None or "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return stream
        return LimitedStream(stream, length)  # raises ClientDisconnected when cut short

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        stream = super()._get_file_stream(total_content_length, content_type, filename,
                                          content_length)
        self.__dict__.setdefault("_upload_streams", []).append(stream)
        return stream

    def close(self) -> None:
        # A file cut off by a limit never reaches ``request.files``, which is all that
        # Werkzeug closes: close every temporary file the parser opened.
        super().close()
        for stream in self.__dict__.get("_upload_streams", ()):
            stream.close()


def _check_request() -> None:
    if len(request.query_string) > QUERY_LIMIT:
        raise RequestURITooLarge()
    if request.method in ("POST", "PUT", "PATCH") and request.content_length != 0:
        # Reading the form enforces MAX_CONTENT_LENGTH first; reading the rest of the body
        # (a body no form parser reads) refuses one cut short before any view acts on it.
        request.get_data(parse_form_data=True)
        values = [value for values in request.form.listvalues() for value in values]
        if len(values) > FORM_PARTS_LIMIT or any(len(value) > FIELD_LIMIT for value in values):
            raise RequestEntityTooLarge()


def _too_large(error: RequestEntityTooLarge) -> tuple[str, int] | Response:
    if answers_json():
        return json_error(413, "too_large", gettext(
            "The body is too large (at most %(limit)s kB).",
            limit=current_app.config["MAX_CONTENT_LENGTH"] // 1024))
    view = current_app.view_functions.get(request.endpoint or "")
    upload_refusal = getattr(view, "upload_refusal", None)
    if upload_refusal:
        message = gettext(upload_refusal, **getattr(view, "upload_refusal_params", {}))
    else:
        message = gettext(
            "What was sent is too large for any form of the tracker (at most %(limit)s kB "
            "in all, %(field)s k characters in one field; a paragraph holds at most 6,000 "
            "characters). Nothing was saved: go back, shorten the text and send it again.",
            limit=current_app.config["MAX_CONTENT_LENGTH"] // 1024, field=FIELD_LIMIT // 1024)
    return render_template("error.html", error=error, message=message), 413


def _cut_short(error: ClientDisconnected) -> tuple[str, int]:
    message = gettext("The request arrived cut short: the connection broke before all of it "
                      "was received. Nothing was saved: go back and send the form again.")
    return render_template("error.html", error=error, message=message), 400


def init_app(app: Flask) -> None:
    """Set the limits; register before CSRF protection so an oversized form is a 413."""
    if app.config["MAX_CONTENT_LENGTH"] is None:
        app.config["MAX_CONTENT_LENGTH"] = REQUEST_LIMIT
    app.config["MAX_FORM_MEMORY_SIZE"] = FIELD_LIMIT
    app.config["MAX_FORM_PARTS"] = FORM_PARTS_LIMIT
    app.request_class = UploadAwareRequest
    app.before_request(_check_request)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(ClientDisconnected, _cut_short)
