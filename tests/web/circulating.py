"""Circulating as the chair does it: the confirmation page first, then its form."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.web.live import forms_in


def confirm_and_circulate(client: FlaskClient, path: str, data: dict[str, str] | None = None,
                          **options: Any) -> Any:
    """Post ``data`` to a circulate address (which answers with the confirmation page), then
    send the page's "Circulate" form as the chair would, with ``data`` typed into it."""
    page = client.post(path, data=data or {})
    assert page.status_code == 200, page.data.decode()[:2000]
    confirm = next(f for f in forms_in(page.data.decode()) if f.id == "circulate-confirm-form")
    return client.post(confirm.action, data={**confirm.fields, **(data or {})}, **options)
