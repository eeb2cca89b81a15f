"""The API's refusals: ``{"error": {"code": ..., "message": ...}}`` with the status the
refusal means, the domain's own message kept word for word."""

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


class ApiRefusal(Exception):
    """A refusal decided by the API itself (no token, malformed input, a replayed key)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


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
            return ApiRefusal(status, code, str(error))
    return ApiRefusal(422, "refused", str(error))


def init_blueprint(bp: Blueprint) -> None:
    @bp.errorhandler(ApiRefusal)
    def _refused(error: ApiRefusal) -> Response:
        reset()
        return json_error(error.status, error.code, error.message)

    @bp.errorhandler(NegotiationError)
    def _domain_refused(error: NegotiationError) -> Response:
        return _refused(refusal_for(error))
