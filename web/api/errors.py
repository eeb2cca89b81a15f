"""The API's refusals: ``{"error": {"code": ..., "message": ...}}`` with the status the
refusal means, the domain's own message kept word for word, in the request's language
(:mod:`web.api.language`): the code is the same in every language, for a client's switch."""

from __future__ import annotations

from flask import Blueprint, Response

from negotiation.errors import (
    DeadlinePassed,
    DraftChanged,
    InvalidSetting,
    InvalidSubmission,
    NeedsConfirmation,
    NegotiationClosed,
    NegotiationError,
    NotPermitted,
    RefusedTransition,
    StaleEdit,
)
from web.plumbing.dbsession import reset
from web.plumbing.errors import json_error
from web.words.languages import gettext_now, refusal


class ApiRefusal(Exception):
    """A refusal decided by the API itself (no token, malformed input, a replayed key), or a
    domain refusal with its status.

    ``message`` is English marked with ``N_`` where it is written, its ``%(name)s``
    parameters passed beside it: translated when the answer is written. ``str()`` and
    ``.message`` are the English.
    """

    def __init__(self, status: int, code: str, message: str, /,
                 domain: NegotiationError | None = None, **params: object) -> None:
        english = message % params if params else message
        super().__init__(english)
        self.status, self.code, self.message = status, code, english
        self.template, self.params, self.domain = message, params, domain

    def translated(self) -> str:
        """The message in the request's language."""
        if self.domain is not None:
            return refusal(self.domain)
        text = gettext_now(self.template)
        return text % self.params if self.params else text


#: The domain's refusals, most specific first: (class, status, code). A stale version and
#: a closed negotiation conflict with what is stored (409); a move the procedure refuses,
#: a deadline passed, or input it cannot take is 422.
_STATUS_OF: tuple[tuple[type[NegotiationError], int, str], ...] = (
    (NotPermitted, 403, "not_permitted"),
    (StaleEdit, 409, "stale_version"),
    (NegotiationClosed, 409, "negotiation_closed"),
    (NeedsConfirmation, 409, "needs_confirmation"),
    (DraftChanged, 409, "draft_changed"),
    (DeadlinePassed, 422, "deadline_passed"),
    (RefusedTransition, 422, "refused_move"),
    (InvalidSubmission, 422, "invalid_input"),
    (InvalidSetting, 422, "invalid_input"),
)


def refusal_for(error: NegotiationError) -> ApiRefusal:
    for kind, status, code in _STATUS_OF:
        if isinstance(error, kind):
            return ApiRefusal(status, code, str(error), domain=error)
    return ApiRefusal(422, "refused", str(error), domain=error)


def init_blueprint(bp: Blueprint) -> None:
    @bp.errorhandler(ApiRefusal)
    def _refused(error: ApiRefusal) -> Response:
        reset()
        return json_error(error.status, error.code, error.translated())

    @bp.errorhandler(NegotiationError)
    def _domain_refused(error: NegotiationError) -> Response:
        return _refused(refusal_for(error))
