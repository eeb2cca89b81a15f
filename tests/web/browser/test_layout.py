"""The layout as readers meet it in a real browser: the long pages' section index, the
navigation bar on one line on a desktop, no page running off a phone's screen, a focus
outline that stands out, times that read naturally, and a meeting's message that stays."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from negotiation.models import Paragraph
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp
from tests.web.browser.layout import (
    DESKTOP,
    PHONE,
    assert_nav_on_one_line,
    assert_no_sideways_scroll,
    at_width,
    focus_outline,
)
from tests.web.browser.test_scenarios import open_page  # noqa: F401  (the sign-in fixture)

pytestmark = pytest.mark.browser


def _a_paragraph(live_app: LiveApp) -> int:
    with live_app.sessions() as session:
        return session.scalars(select(Paragraph.id).order_by(Paragraph.id)).first()


@pytest.mark.parametrize("username", ["chair", "secretariat", "mex1", "admin"])
def test_the_navigation_bar_fits_on_one_line_on_a_desktop(
    open_page: Any, live_app: LiveApp, username: str  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page(username)
    at_width(page, DESKTOP)
    assert_nav_on_one_line(page)
    page.goto("/")  # the installation's own pages (the list of negotiations)
    assert_nav_on_one_line(page, links=username == "admin")


@pytest.mark.parametrize("username", ["chair", "mex1"])
def test_no_page_runs_off_the_side_of_a_phone(
    open_page: Any, live_app: LiveApp, username: str  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page(username)
    at_width(page, PHONE)
    paths = ["/", "/draft/", f"/draft/paragraph/{_a_paragraph(live_app)}", "/meeting/"]
    if username == "chair":
        paths.append("/chair/")
    for path in paths:
        page.goto(at(path))
        assert_no_sideways_scroll(page)


def _tab_to(page: Any, selector: str) -> None:
    """Press Tab, as a keyboard user does, until the element ``selector`` names has focus."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def test_the_keyboard_focus_outline_stands_out_from_what_it_is_drawn_on(
    open_page: Any, live_app: LiveApp  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page("chair")
    page.goto(at("/chair/"))
    # A link on the dark header, a link and a button on the page's light background.
    for selector in ("header.top .brand", "main a", "main button"):
        _tab_to(page, selector)
        found = focus_outline(page)
        assert found["outlineStyle"] == "solid" and found["outlineWidth"] >= 2, found
        assert found["contrast"] >= 3, found
