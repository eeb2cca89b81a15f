"""Error pages, and how a domain refusal maps to an HTTP status."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext, lazy_gettext
from werkzeug.exceptions import HTTPException, default_exceptions

from negotiation.errors import (
    DeadlinePassed,
    InvalidSubmission,
    NegotiationError,
    NotPermitted,
    RefusedTransition,
    StaleEdit,
)
from negotiation.text.languages import N_
from web.plumbing.dbsession import reset
from web.words.languages import refusal

#: Addresses whose errors are answered as JSON (the API's), never as pages.
JSON_PREFIX = "/api/"


def answers_json() -> bool:
    """Whether the request is the API's, whose every answer (refusals too) is JSON."""
    return request.path.startswith(JSON_PREFIX)


def json_error(status: int, code: str, message: str) -> Response:
    """The API's refusal: ``{"error": {"code": ..., "message": ...}}`` with its status."""
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _code_of(error: HTTPException) -> str:
    """"Method Not Allowed" -> "method_not_allowed": a stable word for a client's switch."""
    return "_".join(error.name.lower().replace("'", "").split())


def status_for(error: NegotiationError) -> int:
    """403 for a role that may not act, 409 for a conflict with the state, 422 otherwise."""
    if isinstance(error, NotPermitted):
        return 403
    if isinstance(error, StaleEdit | RefusedTransition | DeadlinePassed):
        return 409
    if isinstance(error, InvalidSubmission):
        return 422
    return 422


#: What each error means, in plain words, for people who never read a status code.
PLAIN_WORDS = {
    400: (lazy_gettext("The request could not be read"),
          lazy_gettext("The form was incomplete or had expired. Go back, reload the page and "
                       "try again.")),
    403: (lazy_gettext("You may not do this"),
          lazy_gettext("Your role in this negotiation does not allow this page or this act. "
                       "If you think it should, ask the secretariat.")),
    404: (lazy_gettext("Nothing here"),
          lazy_gettext("There is no such page: the address may be mistyped, or what it named "
                       "was never part of this negotiation.")),
    405: (lazy_gettext("This address receives a form"),
          lazy_gettext("It cannot be opened on its own. Go back to the page the form was on; "
                       "what you typed is kept there when your browser allows it.")),
}

#: The names of the other statuses a page may show (Werkzeug's, which the page translates).
STATUS_NAMES = (
    N_("Bad Request"), N_("Unauthorized"), N_("Forbidden"), N_("Not Found"),
    N_("Method Not Allowed"), N_("Conflict"), N_("Gone"), N_("Request Entity Too Large"),
    N_("Request URI Too Large"), N_("Unprocessable Entity"), N_("Too Many Requests"),
    N_("Internal Server Error"), N_("Service Unavailable"),
)


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int] | Response:
        # Unhandled failures arrive here as 500s too: the page must draw even when the act
        # left the session unusable.
        reset()
        code = error.code or 500
        if answers_json():
            given = error.description if error.description != type(error).description else ""
            answer = json_error(code, _code_of(error), given or error.description or "")
            # Allow (405) and the like stay, as the client may act on them.
            for header, value in error.get_headers():
                if header.lower() != "content-type":
                    answer.headers[header] = value
            return answer  # type: ignore[return-value]
        title, explanation = PLAIN_WORDS.get(code, (gettext(error.name),
                                                    error.description or ""))
        # A message the app gave (e.g. "No such section.") says more than the generic words.
        given = error.description if error.description != type(error).description else ""
        return render_template("error.html", error=error, title=title,
                               message=given or explanation), code

    @app.after_request
    def _refused_forms_keep_their_page(response: Response) -> Response:
        # htmx would push the form's address (which only takes POST) into the history, and
        # a reload would then ask for it with GET. A refused form stays on its page's address.
        if (request.method == "POST" and request.headers.get("HX-Boosted")
                and 400 <= response.status_code < 500):
            response.headers["HX-Push-Url"] = "false"
        return response

    @app.errorhandler(NotPermitted)
    def _not_permitted(error: NotPermitted) -> tuple[str, int] | Response:
        if answers_json():
            return json_error(403, "not_permitted", refusal(error))
        # A refusal that reached no form: show it as a page.
        return render_template("error.html", error=error, message=refusal(error)), 403

    @app.errorhandler(NegotiationError)
    def _refused(error: NegotiationError) -> tuple[str, int]:
        # The last line: a view answers the domain's refusals beside its own form, but one
        # that escapes it is still a refusal (its words, its 4xx, nothing kept), never a 500.
        reset()
        status = status_for(error)
        shown = default_exceptions[status](str(error))  # the page names the status
        title = gettext("This was refused") if status == 422 else gettext(
            "This cannot be done now")
        return render_template("error.html", error=shown, title=title,
                               message=refusal(error)), status
