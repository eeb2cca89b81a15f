"""API fixtures: a personal token for each of the web tests' people, and clients sending it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from negotiation.models import Account
from negotiation.people.apitokens import issue_token
from tests.builders import World
from tests.web.conftest import PEOPLE


@pytest.fixture
def tokens(world: World, accounts: dict[str, Account]) -> dict[str, str]:
    """A live token of each person for the world's negotiation: name -> secret."""
    made = {}
    for name in PEOPLE:
        _token, made[name] = issue_token(world.session, accounts[name], world.negotiation,
                                         f"{name}'s script", datetime.now(UTC))
    world.session.flush()
    return made


class ApiClient:
    """Sends JSON with a bearer token (or none), as a delegation's script would."""

    def __init__(self, app: Flask, secret: str | None) -> None:
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str) -> TestResponse:
        return self.client.get("/api/v1" + path, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None) -> TestResponse:
        return self.client.post("/api/v1" + path, json=body,
                                headers={**self.headers, **(headers or {})})


@pytest.fixture
def api_as(app: Flask, tokens: dict[str, str]) -> Callable[[str | None], ApiClient]:
    """A client of the API with the named person's token (None: no token)."""
    return lambda name: ApiClient(app, tokens[name] if name else None)
