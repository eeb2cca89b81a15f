"""The sign-in page, and what it answers, read in the browser's language."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

Client = Callable[[str | None], FlaskClient]


def test_the_sign_in_page_reads_in_spanish(client_as: Client) -> None:
    page = client_as(None).get("/auth/login", headers={"Accept-Language": "es"}).data.decode()
    for words in ("Nombre de usuario", "Contraseña", "¿Olvidó su contraseña?",
                  "Ir al contenido"):
        assert words in page
    assert "Forgot your password?" not in page


def test_the_sign_in_page_reads_in_french(client_as: Client) -> None:
    page = client_as(None).get("/auth/login", headers={"Accept-Language": "fr"}).data.decode()
    # French typography: a non-breaking space before the question mark.
    assert "Mot de passe oublié\u00a0?" in page and "Nom d\u2019utilisateur" in page


def test_a_wrong_password_is_refused_in_the_reader_s_language(client_as: Client) -> None:
    answer = client_as(None).post("/auth/login", data={"username": "mex", "password": "no"},
                                  headers={"Accept-Language": "fr"})
    assert answer.status_code == 401
    assert "Nom d\u2019utilisateur inconnu ou mot de passe erroné." in answer.data.decode()


def test_english_stays_the_default(client_as: Client) -> None:
    page = client_as(None).get("/auth/login").data.decode()
    assert "Forgot your password?" in page and "Username" in page
