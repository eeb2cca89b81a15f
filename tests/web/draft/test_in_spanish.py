"""A delegate reads the draft and a paragraph's page in Spanish: asked by the browser, or
chosen once with the account; without either, the pages stay in English."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.models import Account
from tests.builders import World
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]
SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}


def _pages(world: World, client: FlaskClient, headers: dict[str, str]) -> tuple[str, str]:
    """The draft page and the page of operative paragraph 1, after a comment sent on it."""
    paragraph = world.paragraphs["op1"]
    sent = client.post(at(f"/proposals/paragraph/{paragraph.id}"), headers=headers, data={
        "kind": "comment", "written_on": str(paragraph.current_version.id),
        "comment": "Preferimos «fortalecer»."})
    assert sent.status_code == 303
    page = client.get(at(f"/draft/paragraph/{paragraph.id}"), headers=headers).data.decode()
    draft = client.get(at("/draft/"), headers=headers).data.decode()
    return draft, page


def _reads_in_spanish(draft: str, page: str) -> None:
    assert '<html lang="es">' in page
    assert "<h1>Párrafo resolutivo 1 " in page
    assert "propuesto por Presidencia · versión 1" in page
    assert "Su comentario se envió como propuesta 1." in page
    assert '<h2 id="proposals-h">Propuestas sobre este párrafo</h2>' in page
    assert '<span class="proposal-number">Propuesta 1</span>' in page
    assert "Se sumaron: aún ninguna otra delegación" in page
    assert "<legend>¿Qué envía su delegación?</legend>" in page
    assert ">Enviar la modificación</button>" in page
    assert "Preferimos «fortalecer»." in page  # what the delegate wrote, as written
    assert "Proposals on this paragraph" not in page

    assert "<h1>El proyecto <small>" in draft
    assert '<label for="q">Buscar en el texto</label>' in draft
    assert "Párrafos mostrados: 12 de 12." in draft
    assert ">Proponer un párrafo nuevo en esta sección</a>" in draft
    assert "1 propuesta abierta de MEX" in draft


def test_a_delegate_s_browser_asks_for_spanish(world: World, client_as: Client) -> None:
    _reads_in_spanish(*_pages(world, client_as("mex"), SPANISH))


def test_a_delegate_s_account_keeps_spanish(world: World, client_as: Client) -> None:
    account = world.session.scalars(select(Account).where(Account.username == "mex")).one()
    account.language = "es"
    world.session.flush()
    # The account's choice wins over a browser that asks for English.
    _reads_in_spanish(*_pages(world, client_as("mex"), {"Accept-Language": "en"}))


def test_without_a_choice_the_pages_stay_in_english(world: World, client_as: Client) -> None:
    draft, page = _pages(world, client_as("mex"), {})
    assert "Your comment was sent as proposal 1." in page
    assert "Proposals on this paragraph" in page and "proposed by Chair" in page
    assert "12 of 12 paragraphs shown." in draft
