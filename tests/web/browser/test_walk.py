"""A chair's walk through a new cycle's pages, in a real browser: every link navigates to its
page (never a page nested inside another), and the meeting page says it follows the meeting
only when it does."""

from __future__ import annotations

import re
from typing import Any

import pytest

from negotiation.actors import SYSTEM
from negotiation.demo.loader import find_cycle
from negotiation.enums import Role
from negotiation.people.accounts import find_account
from negotiation.people.appointments import appoint, create_negotiation
from tests.web.browser.conftest import LiveApp, signed_in_page

pytestmark = pytest.mark.browser
NEW, OLD = "/cicte/2025", "/csh/2023-2024"


def _a_new_cycle(live_app: LiveApp) -> None:
    """CICTE 2025, opened by the administrator with the demo's chair as its chair, nothing
    written yet (opened once; the other browser tests never look at it)."""
    with live_app.sessions() as session:
        if find_cycle(session, "CICTE", "2025") is not None:
            return
        opened = create_negotiation(
            session, SYSTEM, live_app.clock.now(), committee="CICTE",
            committee_name="Inter-American Committee against Terrorism", cycle="2025",
            title="Draft resolution of CICTE 2025", symbol="CICTE/doc.5/25",
            timezone="America/New_York")
        chair = find_account(session, "chair")
        assert chair is not None
        appoint(session, opened, SYSTEM, chair, Role.CHAIR, live_app.clock.now())
        session.commit()


def _follow(page: Any, link: str, lands_on: str) -> None:
    """Click the link and check the page it lands on is that page alone: one masthead, one
    navigation bar, one main part."""
    from playwright.sync_api import expect

    page.get_by_role("link", name=link).first.click()
    page.wait_for_url(re.compile(re.escape(lands_on) + "$"))
    for part in ("header.top", "header.top nav", "main"):
        expect(page.locator(part)).to_have_count(1)


def test_the_draft_editors_links_open_their_pages_not_a_page_inside_the_editor(
    signed_in: Any, live_app: LiveApp
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    _a_new_cycle(live_app)
    chair = signed_in("chair")
    for link, lands_on in (("Preview the document", "/drafting/preview"),
                           ("Import a Word file or pasted text", "/drafting/import"),
                           ("Start from the previous cycle", "/drafting/previous")):
        chair.goto(f"{NEW}/drafting/")
        expect(chair.locator("h1")).to_contain_text("First draft")
        _follow(chair, link, f"{NEW}{lands_on}")
        expect(chair.locator("h1:has-text('First draft')")).to_have_count(0)
    # Once rev. 0 went out, the frozen editor sends the chair on to the desk.
    chair.goto(f"{OLD}/drafting/")
    _follow(chair, "chair's desk", f"{OLD}/chair/")
    expect(chair.locator("h1")).to_have_text("Chair's desk")


def test_the_meetings_links_open_the_paragraph_page_for_the_chair(
    signed_in: Any, live_app: LiveApp
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    chair = signed_in("chair")
    chair.goto(f"{OLD}/meeting/")
    first = chair.locator("#agenda a:has-text('Open the paragraph')").first
    href = first.get_attribute("href")
    assert href
    first.click()
    chair.wait_for_url(re.compile(re.escape(href) + "$"))
    expect(chair.locator("header.top")).to_have_count(1)
    expect(chair.locator("#meeting-messages header.top")).to_have_count(0)


def test_the_meeting_page_says_it_follows_the_meeting_only_when_javascript_runs(
    signed_in: Any, live_app: LiveApp
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    scripted = signed_in("mex1")
    scripted.goto(f"{OLD}/meeting/")
    expect(scripted.get_by_text("This page follows the meeting by itself")).to_be_visible()
    expect(scripted.get_by_text("Reload the page")).to_be_hidden()

    unscripted = signed_in("chl1", java_script_enabled=False)
    unscripted.goto(f"{OLD}/meeting/")
    expect(unscripted.get_by_text("This page follows the meeting by itself")).to_be_hidden()
    expect(unscripted.get_by_role("link", name="Reload the page")).to_be_visible()


#: The main pages of a negotiation, with the roles that may open them.
MAIN_PAGES = (
    ("/", None), ("/draft/", None), ("/meeting/", None), ("/calendar/", None),
    ("/documents/comparison", "chair secretariat mex1 observer"), ("/chair/", "chair"),
    ("/chair/late/", "chair secretariat"),
    ("/drafting/", "chair"), ("/drafting/preview", "chair secretariat"),
    ("/caps/", "chair secretariat"), ("/delegations/", "chair secretariat"),
    ("/record/", "chair secretariat"), ("/people/", "chair secretariat"),
    ("/proposals/mine", "mex1"),
)


@pytest.mark.parametrize("username", ["chair", "secretariat", "mex1", "observer"])
def test_the_main_pages_log_no_error_in_the_browsers_console(
    browser: Any, live_app: LiveApp, username: str
) -> None:
    live_app.at("2024-04-20 10:00")
    context, page = signed_in_page(browser, live_app, username)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    try:
        for path, roles in MAIN_PAGES:
            if roles is not None and username not in roles.split():
                continue
            for base in (OLD, NEW) if username == "chair" else (OLD,):
                if base == NEW:
                    _a_new_cycle(live_app)
                response = page.goto(f"{base}{path}")
                assert response is not None and response.status == 200, f"{base}{path}"
                page.wait_for_load_state("networkidle")
        # And as people go, by the navigation bar's links (htmx swaps each page in).
        page.goto(f"{OLD}/")
        for name in page.locator("header.top nav a").all_inner_texts():
            page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert errors == []
