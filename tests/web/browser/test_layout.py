"""The layout as readers meet it in a real browser: the long pages' section index, the
navigation bar on one line on a desktop, no page running off a phone's screen, a focus
outline that stands out, times that read naturally, and a meeting's message that stays."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.actors import SYSTEM, Actor
from negotiation.demo.loader import find_cycle
from negotiation.draft.writing import add_paragraph
from negotiation.enums import ParagraphKind, Role, SectionKind
from negotiation.models import Paragraph
from negotiation.people.accounts import find_account
from negotiation.people.appointments import appoint, create_negotiation
from negotiation.setup.sections import add_section
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp
from tests.web.browser.layout import (
    DESKTOP,
    PHONE,
    assert_nav_on_one_line,
    assert_no_sideways_scroll,
    assert_tables_scroll_by_keyboard,
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
    # Each page with the start of its heading: an error page fits a phone too, so the test
    # first makes sure it measures the real page.
    paths = {"/": "Advancing Hemispheric Security", "/draft/": "The draft",
             f"/draft/paragraph/{_a_paragraph(live_app)}": "Preambular paragraph",
             "/meeting/": "Meeting mode"}
    if username == "chair":
        paths |= {"/chair/": "Chair's desk", "/caps/": "Caps", "/calendar/": "Calendar",
                  "/delegations/": "Delegations taking part", "/people/": "People of",
                  "/chair/late/": "Late submissions"}
    for path, heading in paths.items():
        response = page.goto(at(path))
        assert response is not None and response.status == 200, (path, response)
        assert page.locator("main h1").first.inner_text().startswith(heading), path
        assert_no_sideways_scroll(page)
        assert_tables_scroll_by_keyboard(page)


def _a_cycle_being_drafted(live_app: LiveApp) -> str:
    """CIDI 2026, its first draft being written by the demo's chair: one item with a mandates
    paragraph, so the editor shows every box it has (opened once; no other test reads it)."""
    with live_app.sessions() as session:
        if find_cycle(session, "CIDI", "2026") is None:
            now, chair = live_app.clock.now(), Actor(Role.CHAIR, "Chair")
            opened = create_negotiation(
                session, SYSTEM, now, committee="CIDI", cycle="2026",
                committee_name="Inter-American Council for Integral Development",
                title="Draft resolution of CIDI 2026", symbol="CIDI/doc.1/26",
                timezone="America/New_York")
            account = find_account(session, "chair")
            assert account is not None
            appoint(session, opened, SYSTEM, account, Role.CHAIR, now)
            item = add_section(session, opened, chair, now, title="Digital inclusion",
                               kind=SectionKind.ITEM, area=3)
            chapeau = add_paragraph(session, item, ParagraphKind.OPERATIVE,
                                    "To request the General Secretariat to:", chair, now,
                                    is_mandates=True)
            add_paragraph(session, item, ParagraphKind.SUBPARAGRAPH,
                          "Report on connectivity in rural areas.", chair, now, parent=chapeau)
            session.commit()
    return "/cidi/2026"


def test_the_draft_editor_fits_a_phone(open_page: Any, live_app: LiveApp) -> None:  # noqa: F811
    cycle = _a_cycle_being_drafted(live_app)
    live_app.at("2024-04-20 10:00")
    page = open_page("chair")
    at_width(page, PHONE)
    response = page.goto(f"{cycle}/drafting/")
    assert response is not None and response.status == 200
    assert page.locator("main h1").first.inner_text().startswith("First draft")
    mandate = page.get_by_label("Add a lettered mandate under")
    assert mandate.count() == 1
    box = mandate.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, box
    assert_no_sideways_scroll(page)
    assert_tables_scroll_by_keyboard(page)


def test_the_desk_shows_a_paragraphs_text_with_its_buttons_right_under_it_on_a_phone(
    open_page: Any, live_app: LiveApp  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page("chair")
    at_width(page, PHONE)
    response = page.goto(at("/chair/"))
    assert response is not None and response.status == 200
    assert page.locator("main h1").first.inner_text() == "Chair's desk"
    row = page.locator("table.triage tbody tr").first
    text = row.locator("td").first.locator("p").first
    buttons = row.locator(".decide button")
    assert buttons.count() > 0
    text.scroll_into_view_if_needed()
    shown, first, last = (text.bounding_box(), buttons.first.bounding_box(),
                          buttons.last.bounding_box())
    assert shown is not None and first is not None and last is not None
    for box in (shown, first, last):  # nothing of them off the side of the screen
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE, (shown, first, last)
    # The buttons come right under the text (its compromise link and a reason between),
    # and the text with every button fits on one screen.
    assert 0 <= first["y"] - (shown["y"] + shown["height"]) < 120, (shown, first)
    assert last["y"] + last["height"] - shown["y"] <= page.viewport_size["height"]


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


def _is_above(page: Any, upper: str, lower: str) -> bool:
    above, below = (page.locator(which).first.bounding_box() for which in (upper, lower))
    return above["y"] < below["y"]


def test_the_draft_opens_with_an_index_of_its_sections_that_loads_the_one_followed(
    open_page: Any, signed_in: Any, live_app: LiveApp,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    monkeypatch.setitem(live_app.config, "DRAFT_FIRST_ROWS", 5)  # later sections are deferred
    page = open_page("mex1")
    at_width(page, DESKTOP)
    page.goto(at("/draft/"))
    index = page.locator("nav.section-index")
    sections = page.locator("#draft-body section.draft-section")
    expect(index.locator("a")).to_have_count(sections.count())
    assert index.bounding_box()["y"] < 900  # on the first screen
    assert _is_above(page, "nav.section-index", "#draft-body section.draft-section")

    # The last section is not loaded yet; following its link brings the reader there and
    # its paragraphs arrive.
    last = sections.last
    anchor = last.get_attribute("id")
    title = last.locator("h2").inner_text().split("\n")[0].strip()
    expect(last).to_have_class(re.compile("deferred"))
    expect(last.locator(".paragraph")).to_have_count(0)
    index.locator("a").last.click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(page.locator(f"#{anchor} .paragraph").first).to_be_visible()
    expect(page.locator(f"#{anchor} h2")).to_contain_text(title)
    expect(page.locator(f"#{anchor} h2")).to_be_in_viewport()

    # Without JavaScript the link lands on the section's heading, whose own link shows it.
    plain = signed_in("mex1", java_script_enabled=False)
    plain.goto(at("/draft/"))
    plain.locator("nav.section-index a").last.click()
    expect(plain).to_have_url(re.compile(f"#{anchor}$"))
    expect(plain.locator(f"#{anchor} h2")).to_be_in_viewport()
    plain.locator(f"#{anchor} a:has-text('Show the')").click()
    expect(plain.locator(f"#{anchor} .paragraph").first).to_be_visible()


def test_the_chairs_desk_opens_with_an_index_of_its_sections(
    open_page: Any, live_app: LiveApp  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-24 10:00")
    page = open_page("chair")
    at_width(page, DESKTOP)
    page.goto(at("/chair/"))
    index = page.locator("nav.section-index")
    sections = page.locator("section.draft-section")
    expect(index.locator("a").filter(has_text="Revisions")).to_have_count(1)
    expect(index.locator("a[href^='#section-']")).to_have_count(sections.count())
    assert _is_above(page, "nav.section-index", "#revisions")
    last = sections.last
    index.locator("a").last.click()
    expect(page).to_have_url(re.compile(f"#{last.get_attribute('id')}$"))
    expect(last.locator("h2")).to_be_in_viewport()
    expect(last.locator("button:has-text('Triage this section')")).to_be_visible()


def test_times_read_as_people_say_them_with_the_readers_own_time_beside(
    open_page: Any, signed_in: Any, live_app: LiveApp  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    deadline = "21 April 2024, 23:59 in Washington"
    in_madrid = open_page("mex1")  # a delegate whose computer keeps Madrid's time
    expect(in_madrid.locator("p.big")).to_have_text(
        f"{deadline} (your time: 22 April 2024, 05:59 in Madrid)")
    at_headquarters = signed_in("can1", timezone_id="America/New_York")
    at_headquarters.goto(at("/"))
    expect(at_headquarters.locator("p.big")).to_have_text(f"{deadline} (your time too)")
    unscripted = signed_in("chl1", java_script_enabled=False)
    unscripted.goto(at("/"))
    expect(unscripted.locator("p.big")).to_have_text(deadline)


@pytest.mark.parametrize("username", ["chair", "secretariat"])
def test_no_page_of_documents_or_record_runs_off_the_side_of_a_phone(
    open_page: Any, live_app: LiveApp, username: str  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page(username)
    at_width(page, PHONE)
    for path in ("/documents/comparison", "/documents/comparison?revision=0",
                 "/documents/comparison?layout=draft", "/documents/revisions", "/record/"):
        response = page.goto(at(path))
        assert response is not None and response.status == 200, path
        assert page.locator("main h1").count() == 1, path  # the page itself, no error page
        assert_no_sideways_scroll(page)
        assert_tables_scroll_by_keyboard(page)


def test_the_records_table_scrolls_by_keyboard_on_a_phone(
    open_page: Any, live_app: LiveApp  # noqa: F811
) -> None:
    live_app.at("2024-04-20 10:00")
    page = open_page("secretariat")
    at_width(page, PHONE)
    response = page.goto(at("/record/"))
    assert response is not None and response.status == 200
    region = page.locator(".table-scroll")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label")
    assert page.evaluate("el => el.scrollWidth > el.clientWidth", region.element_handle())
    _tab_to(page, ".table-scroll")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: the table moves over the next frames, not at once.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(),
                           timeout=5000)
