"""The API tokens page: a person makes a token for a negotiation, sees it once, revokes it."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import ApiToken, FormReceipt
from tests.builders import World
from tests.web.api.conftest import ApiClient
from tests.web.live import forms_in

PAGE = "/account/api-tokens/"


def _made(client: FlaskClient, world: World) -> str:
    """Fill in the page's form as a browser sends it (with every hidden field it carries)."""
    form = next(f for f in forms_in(client.get(PAGE).data.decode()) if f.id == "token-form")
    answer = client.post(form.action, data={**form.fields, "name": "Mission sheet",
                                             "lifetime": "30",
                                             "negotiation": str(world.negotiation.id)})
    assert answer.status_code == 200, answer.data.decode()[:2000]
    found = re.search(r'<code id="token-secret">(omn_[A-Za-z0-9_-]+)</code>',
                      answer.data.decode())
    assert found, "the new token is shown"
    return found.group(1)


def test_a_delegate_makes_a_token_that_is_shown_once_and_works(
    world: World, app: Flask, client_as: Callable[[str | None], FlaskClient]
) -> None:
    client = client_as("mex")
    secret = _made(client, world)
    assert ApiClient(app, secret).get("/draft").status_code == 200
    page = client.get(PAGE).data.decode()
    assert "Mission sheet" in page and secret not in page
    # Neither the token row nor a kept answer holds the secret.
    world.session.expire_all()
    assert world.session.scalar(select(ApiToken.token_hash)) != secret
    assert not [b for b in world.session.scalars(select(FormReceipt.body)) if b and secret in b]


def test_a_revoked_token_opens_nothing_from_the_next_request(
    world: World, app: Flask, client_as: Callable[[str | None], FlaskClient]
) -> None:
    client = client_as("mex")
    secret = _made(client, world)
    token_id = world.session.scalars(select(ApiToken.id)).one()
    answer = client.post(f"{PAGE}{token_id}/revoke")
    assert answer.status_code == 303
    assert ApiClient(app, secret).get("/draft").status_code == 401
    assert "revoked" in client.get(PAGE).data.decode()


def test_a_person_cannot_revoke_another_persons_token(
    world: World, client_as: Callable[[str | None], FlaskClient]
) -> None:
    _made(client_as("mex"), world)
    token_id = world.session.scalars(select(ApiToken.id)).one()
    assert client_as("can").post(f"{PAGE}{token_id}/revoke").status_code == 404
    world.session.expire_all()
    assert world.session.get(ApiToken, token_id).revoked_at is None


def test_a_token_for_a_negotiation_one_takes_no_part_in_is_refused(
    world: World, client_as: Callable[[str | None], FlaskClient]
) -> None:
    answer = client_as("mex").post(PAGE, data={"name": "x", "lifetime": "",
                                               "negotiation": "999999"})
    assert answer.status_code == 422
    assert "Choose a negotiation you take part in" in answer.data.decode()
    assert world.session.scalars(select(ApiToken)).first() is None


def test_the_token_form_needs_its_csrf_token(
    world: World, csrf_app: Flask, client_on: Callable[[Flask, str | None], FlaskClient]
) -> None:
    client = client_on(csrf_app, "mex")
    answer = client.post(PAGE, data={"name": "x", "lifetime": "",
                                     "negotiation": str(world.negotiation.id)})
    assert answer.status_code == 400
    assert world.session.scalars(select(ApiToken)).first() is None


def test_a_double_click_makes_one_token_and_keeps_no_copy_of_its_secret(
    world: World, client_as: Callable[[str | None], FlaskClient]
) -> None:
    """The second click of the same form makes no second token: it is sent to the list,
    which says why the secret is not shown again."""
    client = client_as("mex")
    form = next(f for f in forms_in(client.get(PAGE).data.decode()) if f.id == "token-form")
    data = {**form.fields, "name": "Mission sheet", "lifetime": "30",
            "negotiation": str(world.negotiation.id)}
    first = client.post(form.action, data=data)
    secret = re.search(r'<code id="token-secret">(omn_[A-Za-z0-9_-]+)</code>',
                       first.data.decode())
    assert first.status_code == 200 and secret is not None
    again = client.post(form.action, data=data)
    assert again.status_code == 303
    page = client.get(again.location).data.decode()
    assert "sent twice: one token was made" in page and secret.group(1) not in page
    world.session.expire_all()
    assert len(world.session.scalars(select(ApiToken)).all()) == 1
    assert not any(secret.group(1) in (r.body or "") + (r.location or "")
                   for r in world.session.scalars(select(FormReceipt)))
