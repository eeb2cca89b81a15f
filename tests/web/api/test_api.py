"""The API as a delegation's script and the chair's use it: tokens, reads, sends, refusals,
one-time keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.draft.writing import add_version
from negotiation.models import Account, Amendment, ApiToken
from negotiation.people.apitokens import issue_token, revoke_token
from tests.builders import CHAIR, World
from tests.web.api.conftest import ApiClient

Api = Callable[[str | None], ApiClient]
NEW_TEXT = "To urge member states to strengthen cooperation against trafficking in persons."


def _proposal_count(world: World) -> int:
    world.session.expire_all()
    return world.session.scalar(select(func.count()).select_from(Amendment)) or 0


def _modification(world: World, key: str = "op1", **extra: object) -> tuple[str, dict]:
    paragraph = world.paragraphs[key]
    return f"/paragraphs/{paragraph.id}/proposals", {
        "kind": "modify", "base_version_id": paragraph.current_version.id,
        "text": paragraph.text.replace("strengthen", "deepen") + " Now.", **extra}


def test_a_request_without_a_token_is_refused_with_a_clear_message(api_as: Api) -> None:
    answer = api_as(None).get("/draft")
    assert answer.status_code == 401
    assert answer.json["error"]["code"] == "no_token"
    assert "Bearer" in answer.headers["WWW-Authenticate"]


def test_a_delegate_reads_the_draft_with_labels_states_and_current_versions(
    world: World, api_as: Api
) -> None:
    answer = api_as("mex").get("/draft")
    assert answer.status_code == 200
    paragraphs = {p["id"]: p for s in answer.json["sections"] for p in s["paragraphs"]}
    op1 = world.paragraphs["op1"]
    assert paragraphs[op1.id]["current_version"] == {
        "id": op1.current_version.id, "number": op1.current_version.number, "text": op1.text,
        "footnotes": []}
    assert paragraphs[op1.id]["state"] == op1.state.value
    assert paragraphs[op1.id]["label"]


def test_a_delegation_sends_a_modification_and_reads_its_diff(
    world: World, api_as: Api
) -> None:
    path, body = _modification(world)
    answer = api_as("mex").post(path, body)
    assert answer.status_code == 201, answer.json
    proposal = answer.json["proposal"]
    assert proposal["delegation"] == "MEX" and proposal["kind"] == "modify"
    runs = {(run["op"], run["text"].strip()) for run in proposal["diff"]}
    assert ("insert", "deepen") in runs and ("delete", "strengthen") in runs
    read = api_as("can").get(f"/proposals/{proposal['id']}")
    assert read.status_code == 200 and read.json == proposal


def test_a_proposal_on_a_changed_paragraph_is_stale_and_stores_nothing(
    world: World, api_as: Api
) -> None:
    path, body = _modification(world)
    # Canada wrote on a version that the chair has since replaced.
    paragraph = world.paragraphs["op1"]
    add_version(world.session, paragraph, paragraph.text + " Revised.", CHAIR, world.now,
                written_on=paragraph.current_version.id, reason="chair's text")
    world.session.flush()
    before = _proposal_count(world)
    answer = api_as("can").post(path, body)
    assert answer.status_code == 409
    assert answer.json["error"]["code"] == "stale_version"
    assert "changed" in answer.json["error"]["message"]
    assert _proposal_count(world) == before


def test_after_the_deadline_a_proposal_is_refused_as_the_form_refuses_it(
    world: World, api_as: Api
) -> None:
    world.after_deadline()
    path, body = _modification(world)
    answer = api_as("mex").post(path, body)
    assert answer.status_code == 422
    assert answer.json["error"]["code"] == "deadline_passed"
    assert _proposal_count(world) == 0


def test_invalid_input_is_a_422_naming_the_field_and_stores_nothing(
    world: World, api_as: Api
) -> None:
    path, body = _modification(world)
    for broken in ({**body, "kind": "rewrite"}, {**body, "base_version_id": "one"},
                   {**body, "surprise": 1}):
        answer = api_as("mex").post(path, broken)
        assert answer.status_code == 422, broken
        assert answer.json["error"]["code"] == "invalid_input"
    not_json = api_as("mex").client.post(
        "/api/v1" + path, data="kind=modify", headers=api_as("mex").headers,
        content_type="application/x-www-form-urlencoded")
    assert not_json.status_code == 422
    assert _proposal_count(world) == 0


def test_the_same_idempotency_key_answers_as_the_first_time_and_stores_once(
    world: World, api_as: Api
) -> None:
    client = api_as("mex")
    path, body = _modification(world)
    key = {"Idempotency-Key": "mission-sheet-row-12"}
    first = client.post(path, body, headers=key)
    again = client.post(path, body, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _proposal_count(world) == 1
    # Without the key the same request is a second act, refused as a duplicate.
    assert client.post(path, body).status_code == 422


def test_a_revoked_or_expired_token_is_refused_at_once(
    world: World, api_as: Api, accounts: dict[str, Account], app: Flask
) -> None:
    client = api_as("mex")
    assert client.get("/draft").status_code == 200
    token = world.session.scalars(
        select(ApiToken).where(ApiToken.account_id == accounts["mex"].id)).one()
    revoke_token(world.session, accounts["mex"], token.id, datetime.now(UTC))
    world.session.flush()
    answer = client.get("/draft")
    assert answer.status_code == 401 and answer.json["error"]["code"] == "invalid_token"

    now = datetime.now(UTC)
    expiring, secret = issue_token(world.session, accounts["can"], world.negotiation, "soon",
                                   now, expires_at=now + timedelta(minutes=1))
    assert ApiClient(app, secret).get("/draft").status_code == 200
    expiring.expires_at = now - timedelta(seconds=1)
    world.session.flush()
    assert ApiClient(app, secret).get("/draft").status_code == 401


def test_the_server_keeps_only_the_tokens_hash(
    world: World, tokens: dict[str, str]
) -> None:
    stored = world.session.scalars(select(ApiToken.token_hash)).all()
    assert stored and not set(stored) & set(tokens.values())
    assert all(len(h) == 64 for h in stored)


def test_a_signed_in_browser_cannot_write_through_the_api(
    world: World, client_as: Callable[[str | None], FlaskClient]
) -> None:
    """The cookie of a signed-in delegate opens nothing here: a hostile page cannot use the
    API to send a proposal in the delegate's name (the API takes no CSRF token)."""
    path, body = _modification(world)
    answer = client_as("mex").post("/api/v1" + path, json=body)
    assert answer.status_code == 401
    assert _proposal_count(world) == 0


def test_only_the_chair_and_the_secretariat_read_the_record(api_as: Api) -> None:
    assert api_as("chair").get("/record").status_code == 200
    assert api_as("secretariat").get("/record").json["entries"]
    refused = api_as("mex").get("/record")
    assert refused.status_code == 403 and refused.json["error"]["code"] == "not_permitted"


def test_a_token_opens_only_its_own_negotiations_rows(world: World, api_as: Api) -> None:
    assert api_as("mex").get("/paragraphs/999999").status_code == 404
    answer = api_as("mex").post("/paragraphs/999999/proposals", {
        "kind": "support", "base_version_id": 1})
    assert answer.status_code == 404 and answer.json["error"]["code"] == "not_found"


def test_the_openapi_document_and_its_page_are_served_without_a_token(app: Flask) -> None:
    client = app.test_client()
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/paragraphs/{paragraph_id}/proposals" in document["paths"]
    page = client.get("/api/v1/").data.decode()
    assert "/api/v1/paragraphs/&lt;int:paragraph_id&gt;/proposals" in page or \
        "/api/v1/paragraphs/<int:paragraph_id>/proposals" in page
