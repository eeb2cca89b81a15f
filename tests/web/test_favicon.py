"""The tracker's icon, for the browser's tab and bookmarks."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def test_the_icon_is_served_where_browsers_ask_and_linked_from_every_page(
    client_as: Client,
) -> None:
    with client_as(None).get("/favicon.ico") as icon:
        assert icon.status_code == 200
        assert icon.data.startswith(b"\x00\x00\x01\x00")  # an ICO file's header
        assert icon.cache_control.max_age == 86_400  # asked once a day, not on every page
    page = client_as("chair").get(at("/")).data.decode()
    assert '<link rel="icon" href="/favicon.ico">' in page
