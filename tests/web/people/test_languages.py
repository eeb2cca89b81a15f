"""Each person reads the app in their language: the account's choice, the one chosen before
signing in, or the browser's."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import Account
from tests.builders import World
from tests.web.addresses import at
from tests.web.conftest import PASSWORD

Client = Callable[[str | None], FlaskClient]


def test_before_signing_in_the_browser_chooses(client_as: Client) -> None:
    page = client_as(None).get("/auth/login", headers={"Accept-Language": "es-MX,es;q=0.9"})
    text = page.data.decode()
    assert '<html lang="es">' in text
    assert "Iniciar sesión" in text
    # A language we do not speak falls to the next we do, then to English.
    page = client_as(None).get("/auth/login", headers={"Accept-Language": "de, fr;q=0.5"})
    assert '<html lang="fr">' in page.data.decode()
    page = client_as(None).get("/auth/login", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in page.data.decode()


def test_answers_say_they_depend_on_the_language(client_as: Client) -> None:
    answer = client_as("chair").get(at("/"))
    vary = {value.strip() for value in answer.headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie", "HX-Request"} <= vary


def test_a_person_s_choice_is_kept_with_the_account(
    client_as: Client, world: World
) -> None:
    client = client_as("mex")
    answer = client.post("/language", data={"language": "pt", "back": at("/")},
                         headers={"Accept-Language": "es"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith(at("/"))
    account = world.session.scalars(select(Account).where(Account.username == "mex")).one()
    assert account.language == "pt"
    # On another browser, whose language is Spanish, the account's choice wins.
    page = client_as("mex").get(at("/"), headers={"Accept-Language": "es"})
    assert '<html lang="pt">' in page.data.decode()


def test_the_switcher_works_without_signing_in_and_survives_signing_in(
    client_as: Client,
) -> None:
    client = client_as(None)
    client.post("/language", data={"language": "fr", "back": "/auth/login"})
    assert "Se connecter" in client.get("/auth/login").data.decode()
    signed_in = client.post("/auth/login", data={"username": "mex", "password": PASSWORD})
    assert signed_in.status_code == 303
    assert '<html lang="fr">' in client.get(at("/")).data.decode()


def test_an_unknown_language_or_a_foreign_address_changes_nothing(
    client_as: Client, world: World
) -> None:
    client = client_as("mex")
    assert client.post("/language", data={"language": "de"}).status_code == 400
    account = world.session.scalars(select(Account).where(Account.username == "mex")).one()
    assert account.language is None
    answer = client.post("/language", data={"language": "es", "back": "//evil.example/"})
    assert answer.headers["Location"] == "/"


def test_the_switcher_is_on_every_page_and_needs_the_form_s_key(
    csrf_app: Flask, client_on: Callable[[Flask, str | None], FlaskClient]
) -> None:
    client = client_on(csrf_app, "chair")
    page = client.get(at("/")).data.decode()
    assert 'action="/language"' in page and 'name="csrf_token"' in page
    assert client.post("/language", data={"language": "es"}).status_code == 400
