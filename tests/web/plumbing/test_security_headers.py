"""Security headers on every response, templates the Content-Security-Policy can serve
as they are, Secure cookies over HTTPS and the client's address behind a proxy."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from negotiation.enums import SignInScope
from negotiation.models import Account
from negotiation.people.signin import FAILURES_ALLOWED
from tests.builders import World
from tests.web.conftest import PASSWORD, _app

WEB = Path(__file__).resolve().parents[3] / "web"
#: Every page template: the shared ones and each area's own.
TEMPLATES = sorted(p for p in WEB.rglob("templates/**/*.html"))
Client = Callable[[str | None], FlaskClient]


def _assert_secure_headers(headers: dict[str, str] | object) -> None:
    policy = headers["Content-Security-Policy"]  # type: ignore[index]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"  # type: ignore[index]
    assert headers["Referrer-Policy"] == "same-origin"  # type: ignore[index]


def test_every_kind_of_response_carries_the_headers(client_as: Client, at: Callable[[str], str],
                                                    world: World) -> None:
    anonymous, mex = client_as(None), client_as("mex")
    answers = [
        anonymous.get("/auth/login"),
        anonymous.get(at("/draft/")),  # redirect to sign in
        anonymous.get("/static/style.css"),
        anonymous.get("/no/such/page"),
        mex.get(at("/draft/")),
        mex.get(at("/draft/"), headers={"HX-Request": "true"}),
        mex.get(at("/chair/")),  # 403: the chair's desk
        mex.post("/auth/logout"),
    ]
    for answer in answers:
        answer.close()  # the static file's handle
    assert [a.status_code for a in answers] == [200, 302, 200, 404, 200, 200, 403, 303]
    for answer in answers:
        _assert_secure_headers(answer.headers)


@pytest.mark.parametrize("template", [p.relative_to(WEB).as_posix() for p in TEMPLATES])
def test_templates_hold_no_inline_script_or_style(template: str) -> None:
    source = (WEB / template).read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", source), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
    assert "hx-on" not in source and "javascript:" not in source
    assert not re.search(r"\sstyle\s*=|<style", source), "inline style"


def test_secure_cookies_and_hsts_when_served_over_https(
    session: Session, world: World, accounts: dict[str, Account]
) -> None:
    plain = _app(session, world, csrf=False).test_client()
    answer = plain.post("/auth/login", data={"username": "mex", "password": PASSWORD})
    assert answer.status_code == 303
    assert "Secure" not in answer.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in answer.headers

    secure = _app(session, world, csrf=False, HTTPS=True).test_client()
    answer = secure.post("/auth/login", data={"username": "mex", "password": PASSWORD},
                         base_url="https://localhost")
    assert answer.status_code == 303
    cookie = answer.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_proxy_the_forwarded_address_is_the_one_limited(
    session: Session, world: World, accounts: dict[str, Account]
) -> None:
    proxied = _app(session, world, csrf=False, PROXY_HOPS=1).test_client()
    limit = FAILURES_ALLOWED[SignInScope.ADDRESS]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(limit):
        answer = proxied.post("/auth/login", data={"username": f"nobody{n}", "password": "x"},
                              headers={"X-Forwarded-For": "203.0.113.9"}, environ_base=proxy)
        assert answer.status_code == 401
    refused = proxied.post("/auth/login", data={"username": "mex", "password": PASSWORD},
                           headers={"X-Forwarded-For": "203.0.113.9"}, environ_base=proxy)
    assert refused.status_code == 429
    # Another client behind the same proxy still signs in.
    other = proxied.post("/auth/login", data={"username": "mex", "password": PASSWORD},
                         headers={"X-Forwarded-For": "203.0.113.10"}, environ_base=proxy)
    assert other.status_code == 303
