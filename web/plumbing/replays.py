"""A form is acted on once: every rendered form carries a one-time key, and a replayed POST
or a double click gets the first submission's answer instead of acting again.

The key is claimed in the request's own transaction, as the primary key of a receipt row:
the act and its receipt are stored together or not at all. A second request with the same
key finds the receipt (SQLite: its write lock waits for the first to commit; PostgreSQL: its
insert waits on the key, then stores nothing), and answers what the first answered. A
refused form (4xx) leaves no receipt, so the same form may be corrected and sent again.

The receipt is written with two plain statements, not through the unit of work: one INSERT
claims the key (``ON CONFLICT DO NOTHING``: nothing returned means the key was taken), one
UPDATE keeps the answer.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from functools import cache

from flask import Flask, Response, abort, flash, g, redirect, request
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import Insert, bindparam, update
from sqlalchemy.dialects import postgresql, sqlite

from negotiation.models import FormReceipt
from negotiation.text.languages import N_
from web.plumbing.dbsession import db, writing

FIELD = "form_key"
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
ALREADY_SENT = N_("This form had already been sent; it was stored once. Here is its result.")


def new_form_key() -> str:
    """A fresh key for one rendered form (the ``csrf()`` macro puts it in every form)."""
    return secrets.token_urlsafe(24)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["form_key"] = new_form_key
    # First of all checks: a form already acted on answers as it did then, even if what
    # it acted on has moved on since (a closed cycle refuses new acts, not old answers).
    app.before_request_funcs.setdefault(None, []).insert(0, _claim_key)
    # Registered after the session's commit hook, so it runs before it: the receipt is
    # completed inside the transaction that stores the act.
    app.after_request(_keep_answer)


def _claimed_key() -> str | None:
    if not writing() or not current_user.is_authenticated:
        return None
    key = request.form.get(FIELD)
    # Signing in and out act on the browser's session, not on what the database keeps: an
    # old sign-out form sent again must sign out again, not answer as the first time. A
    # preview (reads_only) does not use up the key of the form it previews.
    if not key or request.blueprint == "auth":
        return None
    if not _KEY_SHAPE.fullmatch(key):
        abort(400, gettext("The form's key is malformed; reload the page and send the form "
                           "again."))
    return key


def _claim_key() -> Response | None:
    key = _claimed_key()
    if key is None:
        return None
    account_id = current_user.account.id
    receipt = claim(key, account_id)
    if receipt is None:
        return None
    if receipt.account_id != account_id or receipt.path != request.path[:500]:
        abort(409, gettext("This form's key was already used for another form; reload the "
                           "page."))
    return _replay(receipt)


def claim(key: str, account_id: int) -> FormReceipt | None:
    """Claim a one-time key for this request: None when claimed (the answer is kept when the
    request succeeds), or the receipt of the request that claimed it first, for the caller
    to answer from once it has checked the receipt is the same account's and address's.
    The API's idempotency keys are claimed here too."""
    session = db()
    claimed = session.execute(_claim(session.get_bind().dialect.name), {
        "key": key, "account_id": account_id, "path": request.path[:500],
        "received_at": datetime.now(UTC)}).first()
    if claimed is not None:
        g.form_receipt_key = key
        return None
    # The same request, sent a moment earlier, was stored (while this one waited for it).
    receipt = session.get(FormReceipt, key)
    if receipt is None:
        abort(409, gettext("This was sent twice at once; send it again."))
    return receipt


@cache
def _claim(dialect: str) -> Insert:
    """``INSERT ... ON CONFLICT (key) DO NOTHING RETURNING key`` in the database's dialect:
    a row comes back only when this request claimed the key. Built once per dialect."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(_RECEIPTS).on_conflict_do_nothing(
        index_elements=[_RECEIPTS.c.key]).returning(_RECEIPTS.c.key)


def _replay(receipt: FormReceipt) -> Response:
    flash(gettext(ALREADY_SENT), "warning")
    if receipt.location:
        return redirect(receipt.location, receipt.status or 303)
    return Response(receipt.body or "", receipt.status or 200,
                    content_type=receipt.content_type or "text/html; charset=utf-8")


def answer_again_with(location: str) -> None:
    """For an answer that shows a secret once (an API token, a calendar address): a replay of
    this form is sent to ``location`` instead of this answer, which keeping would store the
    secret in the database. The form still acts once: a double click makes one secret."""
    g.form_receipt_location = location


def _keep_answer(response: Response) -> Response:
    key: str | None = g.pop("form_receipt_key", None)
    instead: str | None = g.pop("form_receipt_location", None)
    if key is None or response.status_code >= 400:
        return response  # a refusal is rolled back with its receipt
    answer: dict[str, object] = {"status": response.status_code,
                                 "location": response.headers.get("Location")}
    if instead is not None:
        answer = {"status": 303, "location": instead}
    if answer["location"] is None:
        answer.update(body=response.get_data(as_text=True), content_type=response.content_type)
    db().execute(_KEEP_ANSWER, {"receipt_key": key, **answer})
    return response


_RECEIPTS = FormReceipt.__table__
# The columns set are those of the values sent. Built once.
_KEEP_ANSWER = update(_RECEIPTS).where(_RECEIPTS.c.key == bindparam("receipt_key"))
