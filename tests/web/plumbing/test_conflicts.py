"""What the database refuses because another request got there first is answered in one
place: 409, nothing stored, what the person typed shown back; and an error page draws even
when the failed act left the request's session unusable."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from negotiation.models import FormReceipt
from tests.builders import World
from web.plumbing.dbsession import db

Client = Callable[[str | None], FlaskClient]
KEY = "a-key-taken-twice-0001"


def _take_the_key_twice() -> str:
    # What two requests storing the same unique key in the same instant come down to.
    row = {"key": KEY, "path": "/", "received_at": datetime.now(UTC)}
    db().execute(insert(FormReceipt), [row])
    db().execute(insert(FormReceipt), [row])
    return "stored"


def _fail_after_a_broken_flush() -> str:
    session = db()
    session.execute(insert(FormReceipt), [
        {"key": KEY, "path": "/", "received_at": datetime.now(UTC)}])
    session.add(FormReceipt(key=KEY, path="/", received_at=datetime.now(UTC)))
    with contextlib.suppress(IntegrityError):
        session.flush()  # fails: the session now refuses every statement until rolled back
    raise RuntimeError("an unexpected failure")


def test_a_unique_key_taken_at_the_same_moment_is_a_conflict_with_the_text_kept(
    app: Flask, world: World, client_as: Client
) -> None:
    app.add_url_rule("/test/clash", "clash", _take_the_key_twice, methods=["POST"])
    client = client_as("mex")
    answer = client.post("/test/clash", data={"text": "Mexico's text, typed with care.",
                                              "password": "never shown"})
    page = html.unescape(answer.data.decode())
    assert answer.status_code == 409
    assert "Someone else acted on the same item at the same moment" in page
    assert "Mexico's text, typed with care." in page
    assert "never shown" not in page
    assert world.session.scalar(select(func.count()).select_from(FormReceipt)) == 0


def test_the_error_page_draws_after_a_failure_that_broke_the_session(
    app: Flask, client_as: Client
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer as in production, not raise
    app.add_url_rule("/test/broken", "broken", _fail_after_a_broken_flush, methods=["POST"])
    answer = client_as("chair").post("/test/broken")
    assert answer.status_code == 500
    # The page is the app's own, with the signed-in person's navigation.
    assert "Internal Server Error" in answer.data.decode()
    assert "Chair" in answer.data.decode()


def _clash_found_at_commit() -> str:
    session = db()
    session.execute(insert(FormReceipt), [
        {"key": KEY, "path": "/", "received_at": datetime.now(UTC)}])
    # Left for the request's commit to write: the database refuses it only then.
    session.add(FormReceipt(key=KEY, path="/", received_at=datetime.now(UTC)))
    return "stored"


def test_a_conflict_found_only_at_commit_gets_the_same_answer(
    app: Flask, world: World, client_as: Client
) -> None:
    app.add_url_rule("/test/late-clash", "late_clash", _clash_found_at_commit, methods=["POST"])
    answer = client_as("chair").post("/test/late-clash", data={"note": "The chair's note."})
    assert answer.status_code == 409
    assert "The chair's note." in html.unescape(answer.data.decode())
    assert world.session.scalar(select(func.count()).select_from(FormReceipt)) == 0
    assert "HX-Request" in answer.headers["Vary"]  # the app's response headers, as always
