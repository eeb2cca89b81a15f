"""The API's blueprint: every request but the document's is a token's, never a cookie's.

A token opens one negotiation, as its owner in their part there; the request then runs as
a page of that negotiation does (the same session, locks, clock and domain checks). Cookies
are never read here, so a page of another site cannot act through the API with a signed-in
person's browser: that is why the API needs no CSRF token.
"""

from __future__ import annotations

from typing import cast

from flask import Blueprint, Response, g, request

from negotiation.people.apitokens import TokenHolder, holder_of
from negotiation.text.languages import N_
from web.api.errors import ApiRefusal, init_blueprint
from web.api.idempotency import replay_or_claim
from web.api.language import answer_in_language_of
from web.api.openapi import Api
from web.plumbing.access import wall_clock_now
from web.plumbing.dbsession import db, writing

PREFIX = "/api/v1"

bp = Blueprint("api", __name__, url_prefix=PREFIX, template_folder="templates")
api = Api(bp)
init_blueprint(bp)


@bp.before_request
def _authenticate() -> Response | None:
    if api.is_public(request.endpoint or ""):
        return None  # the description: its page reads as every page does
    answer_in_language_of(None)  # until the token names its owner
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiRefusal(401, "no_token", N_("Send a personal API token: "
                         "`Authorization: Bearer omn_...` (made on the API tokens page)."))
    holder = holder_of(db(), secret.strip(), wall_clock_now())
    if holder is None:
        raise ApiRefusal(401, "invalid_token", N_("This token is unknown, revoked or expired, "
                         "or its owner no longer takes part in its negotiation."))
    answer_in_language_of(holder.account)
    # What access.negotiation(), actor() and now() read: the views and the shared helpers
    # (row locks, the negotiation's clock) then work as for a page of this negotiation.
    g.negotiation, g.actor, g.api_holder = holder.negotiation, holder.actor, holder
    if writing() and holder.negotiation.is_closed:
        raise ApiRefusal(409, "negotiation_closed", N_(
            "%(committee)s %(cycle)s is closed: its archive can be read but accepts no "
            "change."), committee=holder.negotiation.committee, cycle=holder.negotiation.cycle)
    if writing():
        return replay_or_claim(holder.account.id)
    return None


def holder() -> TokenHolder:
    """The token the request came with: its owner, negotiation and their part there."""
    return cast(TokenHolder, g.api_holder)
