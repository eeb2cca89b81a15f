"""Error pages speak the reader's language: their title, their explanation, the way back."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def test_a_page_that_is_not_there_reads_in_spanish(client_as: Client) -> None:
    answer = client_as("chair").get(at("/no-such-page"), headers={"Accept-Language": "es"})
    page = answer.data.decode()
    assert answer.status_code == 404
    assert "Aquí no hay nada" in page and "(Error 404.)" in page
    assert "Volver a la lista de negociaciones" in page


def test_a_negotiation_that_is_not_there_reads_in_french(client_as: Client) -> None:
    answer = client_as(None).get("/xyz/1999/", headers={"Accept-Language": "fr"})
    page = answer.data.decode()
    assert answer.status_code == 404
    assert "Cette négociation n\u2019existe pas." in page and "(Erreur 404.)" in page


def test_a_page_the_role_may_not_open_reads_in_french(client_as: Client) -> None:
    answer = client_as("mex").get(at("/people/"), headers={"Accept-Language": "fr"})
    page = answer.data.decode()
    assert answer.status_code == 403
    assert "Vous ne pouvez pas faire cela" in page
    assert "Votre rôle dans cette négociation ne vous donne pas accès à cette page" in page


def test_a_page_the_role_may_not_open_reads_in_spanish(client_as: Client) -> None:
    page = client_as("mex").get(at("/people/"), headers={"Accept-Language": "es"}).data.decode()
    assert "No puede hacer esto" in page


def test_the_accounts_page_refuses_a_delegate_in_spanish(client_as: Client) -> None:
    answer = client_as("mex").get("/accounts/", headers={"Accept-Language": "es"})
    assert answer.status_code == 403
    assert "Solo un administrador gestiona las cuentas." in answer.data.decode()


def test_error_pages_stay_english_by_default(client_as: Client) -> None:
    page = client_as("chair").get(at("/no-such-page")).data.decode()
    assert "Nothing here" in page and "(Error 404.)" in page
