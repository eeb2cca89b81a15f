"""Hostile input at the web's door: bad text, ids, numbers and dates are refused with a
clear 404, 413 or 422, redirects stay on the site, and a refused request changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import Account, Amendment, FormReceipt, LateLeave, RecordEntry
from tests.builders import World
from tests.fingerprint import database_fingerprint
from web.plumbing.dbsession import after_commit, db

Client = Callable[[str | None], FlaskClient]
Url = Callable[[str], str]

HUGE_IDS = [str(2**63), str(2**64), str(2**31), "²", "٣", "9" * 4301, "-1", "1e3", "0x10"]


def _proposal_form(world: World, **changes: str) -> dict[str, str]:
    paragraph = world.paragraphs["op1"]
    return {"kind": "comment", "comment": "We support this.",
            "written_on": str(paragraph.current_version.id), **changes}


def test_a_comment_with_a_control_character_is_refused_with_its_place_and_kept(
    world: World, client_as: Client, at: Url
) -> None:
    before = database_fingerprint(world.session)
    response = client_as("mex").post(
        at(f"/proposals/paragraph/{world.paragraphs['op1'].id}"),
        data=_proposal_form(world, comment="We support\x0b this.\nSecond line \ufffe."))
    assert response.status_code == 422
    page = response.data.decode()
    assert "The comment contains a control character (vertical tab), U+000B, at line 1, " \
           "column 11" in page
    assert "this.\nSecond line" in page  # what was typed comes back to be corrected
    assert database_fingerprint(world.session) == before


def test_a_right_to_left_override_in_a_proposed_text_is_refused(
    world: World, client_as: Client, at: Url
) -> None:
    response = client_as("mex").post(
        at(f"/proposals/paragraph/{world.paragraphs['op1'].id}"),
        data=_proposal_form(world, kind="modify", text="To urge \u202estates", comment=""))
    assert response.status_code == 422
    assert "right-to-left override" in response.data.decode()
    assert world.session.scalars(select(Amendment)).first() is None


def test_a_comment_typed_with_windows_line_ends_is_stored_with_plain_ones(
    world: World, client_as: Client, at: Url
) -> None:
    response = client_as("mex").post(
        at(f"/proposals/paragraph/{world.paragraphs['op1'].id}"),
        data=_proposal_form(world, comment="First\r\nsecond"))
    assert response.status_code == 303
    assert world.session.scalars(select(Amendment)).one().comment == "First\nsecond"


def test_an_overlong_display_name_is_refused_and_a_huge_one_is_too_large(
    world: World, client_as: Client
) -> None:
    admin = client_as("admin")
    form = {"username": "per1", "password": "a-long-password", "delegation": "PER"}
    response = admin.post("/accounts/", data={**form, "display_name": "P" * 121})
    assert response.status_code == 422
    assert "The display name is 121 characters long; the limit is 120." in \
        response.data.decode()
    huge = admin.post("/accounts/", data={**form, "display_name": "P" * 1_000_000})
    assert huge.status_code == 413
    assert "too large" in huge.data.decode() and "Nothing was saved" in huge.data.decode()
    assert world.session.scalars(select(Account).where(Account.username == "per1")).first() \
        is None


def test_a_form_field_over_the_field_limit_is_too_large(
    world: World, client_as: Client, at: Url
) -> None:
    # 70,000 characters fit in the request but not in one field.
    response = client_as("mex").post(
        at(f"/proposals/paragraph/{world.paragraphs['op1'].id}"),
        data=_proposal_form(world, comment="x" * 70_000))
    assert response.status_code == 413


def test_a_nul_anywhere_is_refused_before_any_lookup(
    world: World, client_as: Client, at: Url
) -> None:
    client = client_as("chair")
    assert client.get(at("/record/?q=a%00b")).status_code == 400
    assert client.get(at("/documents/comparison?section=%00")).status_code == 400
    assert client.get("/CSH%00/2023-2024/draft/").status_code == 400
    assert client_as(None).post("/auth/login", data={"username": "chair\x00",
                                                      "password": "x"}).status_code == 422


#: Paths and queries a probe sent with a form's one-time key: the key's receipt, which keeps
#: the path, was stored before the path was refused, and PostgreSQL refuses NUL in a text.
CONTROL_ADDRESSES = ["/x%00", "/proposals/paragraph/51%00", "/draft/%01", "/draft/?q=%00",
                     "/draft/?q%7F=1", "/draft/?q=%C2%85", "/chair/?section=a%0Db"]


@pytest.mark.parametrize("address", CONTROL_ADDRESSES)
@pytest.mark.parametrize("who", ["chair", "mex", "observer", "admin"])
def test_a_control_character_in_the_address_is_refused_before_anything_is_stored(
    world: World, client_as: Client, at: Url, address: str, who: str
) -> None:
    before = database_fingerprint(world.session)
    client = client_as(who)
    for path in (address, at(address)):
        sent = client.post(path, data={"form_key": "k" * 32, "comment": "x"})
        assert sent.status_code == 400, (path, sent.status_code)
        assert "control character" in sent.data.decode()
        assert client.get(path).status_code == 400
    assert database_fingerprint(world.session) == before
    assert world.session.scalars(select(FormReceipt)).first() is None


@pytest.mark.parametrize("bad", HUGE_IDS)
def test_malformed_ids_in_urls_are_not_found(
    world: World, client_as: Client, at: Url, bad: str
) -> None:
    chair = client_as("chair")
    assert chair.get(at(f"/draft/paragraph/{bad}")).status_code == 404
    assert chair.post(at(f"/chair/paragraph/{bad}/decide"),
                      data={"event": "approve"}).status_code == 404
    assert chair.post(at(f"/chair/proposal/{bad}/accept")).status_code == 404
    assert client_as("mex").post(at(f"/proposals/{bad}/join")).status_code == 404
    assert client_as("admin").post(f"/accounts/{bad}/active",
                                   data={"active": "0"}).status_code == 404


@pytest.mark.parametrize("bad", HUGE_IDS)
def test_malformed_ids_in_forms_and_queries_are_refused_not_failed(
    world: World, client_as: Client, at: Url, bad: str
) -> None:
    before = database_fingerprint(world.session)
    paragraph = world.paragraphs["op1"]
    mex, chair = client_as("mex"), client_as("chair")
    stale = mex.post(at(f"/proposals/paragraph/{paragraph.id}"),
                     data=_proposal_form(world, written_on=bad))
    assert stale.status_code == 409  # not the version shown: refused as stale
    assert mex.post(at(f"/proposals/paragraph/{paragraph.id}/diff"),
                    data={"written_on": bad, "text": "To urge"}).status_code == 200
    compromise = chair.post(at(f"/chair/paragraph/{paragraph.id}/compromise"), data={
        "text": "A compromise.", "written_on": bad, "settles": [bad, "1"]})
    assert compromise.status_code == 409
    late = chair.post(at("/chair/late/"), data={
        "delegation": bad, "section": bad, "until": "2024-05-10T18:00", "reason": "x"})
    assert late.status_code == 422
    assert "Choose the delegation." in late.data.decode()
    assert chair.get(at(f"/record/?delegation={bad}")).status_code == 200
    assert chair.get(at(f"/draft/?seen={bad}")).status_code == 200
    assert chair.get(at(f"/meeting/agenda?seen={bad}")).status_code in (200, 303)
    assert chair.get(at(f"/documents/comparison?revision={bad}")).status_code == 404
    assert chair.get(at(f"/documents/revisions?from={bad}&to=0")).status_code == 404
    assert database_fingerprint(world.session) == before


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59", "0001-01-01T00:00",
                                   "2100-01-01T00:00", "2024-05-10T18:00+09:00", "²"])
def test_a_late_leave_until_a_moment_out_of_range_is_refused(
    world: World, client_as: Client, at: Url, until: str
) -> None:
    response = client_as("chair").post(at("/chair/late/"), data={
        "delegation": str(world.delegations["MEX"].id), "until": until,
        "reason": "Instructions delayed"})
    assert response.status_code == 422
    assert "Give the date and time at headquarters" in response.data.decode()
    assert world.session.scalars(select(LateLeave)).first() is None


@pytest.fixture
def rehearsal(app: Flask) -> Flask:
    app.config["CLOCK_ADJUSTABLE"] = True
    return app


@pytest.mark.parametrize("moment", ["9999-12-31T23:59", "1900-01-01T00:00", "not a date", ""])
def test_a_clock_move_out_of_range_is_refused_and_the_clock_stays(
    rehearsal: Flask, world: World, client_as: Client, at: Url, moment: str
) -> None:
    client = client_as("chair")
    before = world.clock.now()
    response = client.post(at("/rehearsal/clock"), data={"at": moment, "back": at("/")})
    assert response.status_code == 422
    assert "Give the date and time at headquarters" in response.data.decode()
    assert world.clock.now() == before
    assert world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "rehearsal_clock_moved")).first() is None
    assert client.get(at("/")).status_code == 200  # every page still works


def test_what_waits_for_the_commit_never_happens_after_a_rollback(app: Flask) -> None:
    moved: list[str] = []
    with app.test_request_context():
        db().scalars(select(Account)).all()
        after_commit(lambda: moved.append("rolled back"))
        db().rollback()
        after_commit(lambda: moved.append("committed"))
        db().commit()
    assert moved == ["committed"]


@pytest.mark.parametrize("value", [None, "", "yes", "2", "true", "on", "1 ", "\u00b9"])
def test_suspending_an_account_takes_an_explicit_choice(
    world: World, client_as: Client, accounts: dict[str, Account], value: str | None
) -> None:
    observer = accounts["observer"]
    data = {} if value is None else {"active": value}
    response = client_as("admin").post(f"/accounts/{observer.id}/active", data=data)
    assert response.status_code == 422
    assert "Say whether to suspend or to restore the account." in response.data.decode()
    world.session.refresh(observer)
    assert observer.active
    suspended = client_as("admin").post(f"/accounts/{observer.id}/active", data={"active": "0"})
    assert suspended.status_code == 303
    world.session.refresh(observer)
    assert not observer.active


OFF_SITE = ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example/",
            "\\\\elsewhere.example", "/\t/elsewhere.example", " //elsewhere.example",
            "http:elsewhere.example", "javascript:alert(1)", "/\n/elsewhere.example",
            "elsewhere.example"]


def _same_site(location: str) -> bool:
    return location.startswith("/") and not location.startswith(("//", "/\\")) and \
        "elsewhere" not in location.split("?")[0].split("/")[1]


@pytest.mark.parametrize("target", OFF_SITE)
def test_redirect_targets_from_the_request_stay_on_the_site(
    rehearsal: Flask, world: World, client_as: Client, at: Url, target: str
) -> None:
    from tests.web.conftest import PASSWORD
    signed_in = client_as(None).post("/auth/login", query_string={"next": target},
                                     data={"username": "chair", "password": PASSWORD})
    world.after_deadline()
    chair = client_as("chair")
    paragraph = world.paragraphs["op2"]
    decided = chair.post(at(f"/chair/paragraph/{paragraph.id}/decide"),
                         data={"event": "find_consensus", "back": target})
    moved = chair.post(at("/rehearsal/clock"), data={"at": "2024-05-10T10:00", "back": target})
    # A control character in the address itself is refused before anything else.
    assert signed_in.status_code == (400 if any(c in target for c in "\t\n") else 303)
    for response in (signed_in, decided, moved):
        if response.status_code == 400:
            continue
        assert response.status_code == 303
        assert _same_site(response.headers["Location"]), response.headers["Location"]
    assert decided.headers["Location"] == at(f"/draft/paragraph/{paragraph.id}")


def test_a_same_site_back_is_followed(world: World, client_as: Client, at: Url) -> None:
    world.after_deadline()
    paragraph = world.paragraphs["op2"]
    decided = client_as("chair").post(at(f"/chair/paragraph/{paragraph.id}/decide"), data={
        "event": "find_consensus", "back": at("/chair/?section=tip#triage-1")})
    assert decided.headers["Location"] == at("/chair/?section=tip#triage-1")
