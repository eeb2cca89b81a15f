"""A form is acted on once: a replayed POST or a double click with the form's one-time key
stores nothing twice and answers what the first submission answered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.models import Account, Amendment, RecordEntry
from negotiation.people.signin import start_session
from tests.builders import World
from tests.web.addresses import at
from tests.web.live import forms_in
from tests.web.test_role_actions import ACTIONS, Action
from web.plumbing.replays import ALREADY_SENT, new_form_key

Client = Callable[[str | None], FlaskClient]


def _record_size(world: World) -> int:
    world.session.expire_all()
    return world.session.scalar(select(func.count()).select_from(RecordEntry)) or 0


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_a_replayed_form_is_stored_once_and_answers_as_the_first_time(
    action: Action, world: World, client_as: Client
) -> None:
    client = client_as(action.allowed[0])
    url, data = action.prepare(world)
    world.session.flush()
    data = {**data, "form_key": new_form_key()}
    before = _record_size(world)

    first = client.post(url, data=data)
    assert first.status_code == 303, first.data.decode()[:2000]
    stored = _record_size(world)
    assert stored > before

    again = client.post(url, data=data)
    assert (again.status_code, again.headers.get("Location")) == (
        first.status_code, first.headers.get("Location"))
    assert _record_size(world) == stored
    # The person is told why nothing new happened.
    assert ALREADY_SENT in client.get(again.headers["Location"]).data.decode()


def test_a_refused_form_keeps_no_receipt_and_may_be_corrected(
    world: World, client_as: Client
) -> None:
    client = client_as("mex")
    paragraph = world.paragraphs["op1"]
    data = {"kind": "modify", "written_on": str(paragraph.current_version.id),
            "text": paragraph.text, "form_key": new_form_key()}
    url = at(f"/proposals/paragraph/{paragraph.id}")
    assert client.post(url, data=data).status_code == 422  # the same text: refused
    data["text"] = paragraph.text.replace("strengthen", "deepen")
    assert client.post(url, data=data).status_code == 303
    assert world.session.scalar(
        select(func.count()).select_from(Amendment).where(Amendment.paragraph_id == paragraph.id)
    ) == 1


def test_the_live_diff_does_not_use_up_the_forms_key(world: World, client_as: Client) -> None:
    client = client_as("mex")
    paragraph = world.paragraphs["op1"]
    form = next(f for f in forms_in(client.get(at(f"/draft/paragraph/{paragraph.id}"))
                                    .data.decode()) if f.id == "modify-form")
    form.fields["text"] = paragraph.text.replace("strengthen", "deepen")
    preview = client.post(at(f"/proposals/paragraph/{paragraph.id}/diff"), data=form.fields,
                          headers={"HX-Request": "true"})
    assert "<ins>deepen</ins>" in preview.data.decode()
    assert client.post(form.action, data=form.fields).status_code == 303
    assert world.session.scalar(
        select(func.count()).select_from(Amendment).where(Amendment.paragraph_id == paragraph.id)
    ) == 1


def test_a_key_belongs_to_the_person_who_sent_it(world: World, client_as: Client) -> None:
    paragraph = world.paragraphs["op1"]
    url = at(f"/proposals/paragraph/{paragraph.id}")
    data = {"kind": "comment", "written_on": str(paragraph.current_version.id),
            "comment": "Mexico's comment.", "form_key": new_form_key()}
    assert client_as("mex").post(url, data=data).status_code == 303
    assert client_as("can").post(url, data=data).status_code == 409
    assert world.session.scalar(
        select(func.count()).select_from(Amendment).where(Amendment.paragraph_id == paragraph.id)
    ) == 1


def test_a_malformed_key_is_refused_and_changes_nothing(world: World, client_as: Client) -> None:
    paragraph = world.paragraphs["op1"]
    before = _record_size(world)
    answer = client_as("mex").post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "comment", "written_on": str(paragraph.current_version.id),
        "comment": "A comment.", "form_key": "x" * 65})
    assert answer.status_code == 400
    assert _record_size(world) == before


PAGES = {
    "mex": ["/draft/paragraph/{op1}", "/proposals/section/{tip}/new", "/proposals/mine",
            "/documents/comparison"],
    "chair": ["/draft/paragraph/{op1}", "/chair/", "/chair/late/", "/meeting/", "/people/"],
}


@pytest.mark.parametrize("who", sorted(PAGES))
def test_every_form_that_posts_carries_a_one_time_key(
    who: str, world: World, client_as: Client
) -> None:
    client = client_as(who)
    seen: set[str] = set()
    for page in PAGES[who]:
        path = at(page.format(op1=world.paragraphs["op1"].id, tip=world.sections["tip"].id))
        answer = client.get(path)
        assert answer.status_code == 200, path
        forms = forms_in(answer.data.decode())
        assert forms, path
        for form in forms:
            assert "csrf_token" in form.fields and len(form.fields.get("form_key", "")) >= 16, (
                path, form.action)
            seen.add(form.fields["form_key"])
    # Keys are one per rendered form, never shared between two forms.
    assert len(seen) > len(PAGES[who])


def test_signing_out_again_signs_out_again(world: World, client_as: Client) -> None:
    client = client_as("mex")
    key = new_form_key()
    assert client.post("/auth/logout", data={"form_key": key}).status_code == 303
    account = world.session.scalars(select(Account).where(Account.username == "mex")).one()
    with client.session_transaction() as cookie:  # signed in again, as the person would
        cookie["_user_id"] = start_session(world.session, account, datetime.now(UTC))
    assert client.get(at("/draft/")).status_code == 200
    assert client.post("/auth/logout", data={"form_key": key}).status_code == 303
    assert client.get(at("/draft/")).status_code == 302  # to the sign-in page
