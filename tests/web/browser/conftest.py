"""The real app served on 127.0.0.1 from a thread, on a real database holding the demo cycle,
and one Debian chromium per session driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from negotiation.demo.loader import demo_password
from negotiation.record.clock import FixedClock, parse_moment
from tests.conftest import ROOT
from tests.live import demo_database, served
from web import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
BROWSER_SCHEMA = "browser"
#: How long a wait on the page may take before the test fails (not a pause: waits end as
#: soon as the page shows what they wait for).
PATIENCE_MS = 60_000


@dataclass
class LiveApp:
    """The served app: its address, its clock, a way to read the database, and its settings
    (a test may change one for a while, with monkeypatch)."""

    url: str
    clock: FixedClock
    sessions: sessionmaker[Session]
    config: dict[str, Any]

    def page(self, path: str) -> str:
        """The address of a page of the demo's CSH 2023-2024 negotiation: ``page("/draft/")``."""
        return f"/csh/2023-2024{path}"

    def at(self, moment: str) -> None:
        """Move the app's clock (headquarters' local time), as the demo does."""
        self.clock.set(parse_moment(f"{moment} America/New_York"))


@contextmanager
def served_demo(tmp: Path, schema: str) -> Iterator[LiveApp]:
    """Migrate a fresh database, load the demo cycle and its accounts, serve the app."""
    clock = FixedClock(parse_moment("2024-04-20 10:00 America/New_York"))
    with demo_database(tmp, schema, clock.now()) as (url, sessions, _):
        app = create_app({"DATABASE_URL": url, "CLOCK": clock, "SECRET_KEY": "browser-tests",
                          "SESSION_FACTORY": sessions, "MEETING_POLL_SECONDS": 1})
        with served(app) as address:
            yield LiveApp(address, clock, sessions, app.config)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """The demo served for the whole session."""
    with served_demo(tmp_path_factory.mktemp("browser"), BROWSER_SCHEMA) as app:
        yield app


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the whole session."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium is missing at {CHROMIUM} (CI=true: browser tests must run)")
        pytest.skip(f"chromium is missing at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import expect, sync_playwright

    # Tests wait on what the page shows (expect(...), wait_for_url), never for a set time;
    # this is only how long before a wait counts as a failure, generous for a loaded
    # machine and for slow acts such as circulating a revision on PostgreSQL.
    expect.set_options(timeout=PATIENCE_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def signed_in_page(browser: Any, app: LiveApp, username: str, **options: Any) -> tuple[Any, Any]:
    """A demo person signed in, in a browser context of their own set up as told (its time
    zone, JavaScript off ...); returns the context (to close) and the page, on the list of
    negotiations."""
    context = browser.new_context(base_url=app.url, **options)
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto("/auth/login")
    page.fill("#username", username)
    page.fill("#password", demo_password(username))
    # Enter sends the sign-in form whatever language its button is written in.
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/$"))
    return context, page


@pytest.fixture
def signed_in(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    """Sign someone in (``signed_in("mex1", timezone_id=...)``); the contexts close after the
    test, which fails if the Content-Security-Policy refused anything on any page."""
    contexts = []
    refused_by_policy: list[str] = []

    def sign_in(username: str, **options: Any) -> Any:
        context, page = signed_in_page(browser, live_app, username, **options)
        contexts.append(context)
        # Chromium reports what the policy refused on the console. (Screenshots keep the
        # caret: hiding it makes Playwright inject a style the policy refuses.)
        page.on("console", lambda message: refused_by_policy.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text else None)
        return page

    yield sign_in
    for context in contexts:
        context.close()
    assert refused_by_policy == []  # every page and htmx swap works under the policy


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
