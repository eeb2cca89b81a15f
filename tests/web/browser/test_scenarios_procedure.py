"""The procedure as the room lives it, in a real browser: a support-only paragraph triaged,
a delegation editing its own proposal, a reply to a comment, a reload after a refused form,
the voting list on the chair's two screens, a decision's message that outlasts the polls, and
screenshots at desktop and phone widths, with the layout checked at each.

It runs after the cycle's first scenarios (same demo database) and works in another section.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.models import Paragraph, Section
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp
from tests.web.browser.layout import (
    DESKTOP,
    PHONE,
    assert_nav_on_one_line,
    assert_no_sideways_scroll,
    at_width,
)
from tests.web.browser.test_scenarios import open_page  # noqa: F401  (the sign-in fixture)

pytestmark = pytest.mark.browser

SECTION = "trafficking-in-persons"
WIDTHS = (DESKTOP, PHONE)


def _paragraph_id(live_app: LiveApp, starts_with: str) -> int:
    with live_app.sessions() as session:
        section = session.scalars(select(Section).where(Section.code == SECTION)).one()
        paragraphs = session.scalars(select(Paragraph).where(Paragraph.section_id == section.id))
        return next(p.id for p in paragraphs if p.text.startswith(starts_with))


def _shoot(page: Any, screenshots: Path, name: str) -> None:
    """A picture of the page at each width, and what the picture would show checked: the
    navigation bar on one line on a desktop, nothing running off the side at any width."""
    for width in WIDTHS:
        at_width(page, width)
        page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)
        if width == DESKTOP:
            assert_nav_on_one_line(page)
        assert_no_sideways_scroll(page)
    at_width(page, DESKTOP)


def test_delegations_edit_support_and_comment_then_a_refused_form_survives_a_reload(
    open_page: Any, live_app: LiveApp, screenshots: Path  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    recalling = _paragraph_id(live_app, "RECALLING the Work Plan")
    taking = _paragraph_id(live_app, "TAKING INTO ACCOUNT the recommendations of the Seventh")
    endorse = _paragraph_id(live_app, "To endorse the recommendations")

    chl = open_page("chl1")
    chl.goto(at(f"/draft/paragraph/{recalling}"))
    expect(chl.locator("#submission-window")).to_contain_text("Time left")
    chl.check("#comment-form input[value=support]")
    chl.click("#comment-form button:has-text('Send')")
    expect(chl.locator(".flash.success")).to_contain_text("support was sent")

    mex = open_page("mex1")
    mex.goto(at(f"/draft/paragraph/{taking}"))
    text = mex.locator("#text")
    text.fill(text.input_value().replace("held on February 5 and 6, 2024",
                                         "held in Lima on February 5 and 6, 2024"))
    expect(mex.locator("#diff-preview ins")).to_contain_text("in Lima")
    mex.click("button:has-text('Send the modification')")
    expect(mex.locator(".flash.success")).to_contain_text("modification was sent")
    mine = mex.locator(".proposal").filter(has_text="by Mexico")
    mine.locator("summary:has-text('Edit our proposal')").click()
    edit = mine.locator("textarea[name=text]")
    edit.fill(edit.input_value().replace("in Lima", "in Lima, Peru,"))
    mine.locator("button:has-text('Send the revised version')").click()
    expect(mex.locator(".flash.success")).to_contain_text("revised proposed modification")
    expect(mex.locator(".proposal").filter(has_text="Superseded")).to_contain_text(
        "Replaced by its proposer's revised text")
    expect(mex.locator(".proposal").filter(has_text="Submitted")).to_contain_text(
        "Lima, Peru,")
    _shoot(mex, screenshots, "paragraph-own-proposal")

    can = open_page("can1")
    can.goto(at(f"/draft/paragraph/{endorse}"))
    can.fill("#other-comment", "Canada asks which RTP VII recommendations are meant.")
    can.click("#comment-form button:has-text('Send')")
    expect(can.locator(".flash.success")).to_contain_text("comment was sent")

    # A refused form: sent after the deadline, then the page reloaded.
    live_app.at("2024-04-21 23:30")
    chl.goto(at(f"/draft/paragraph/{endorse}"))
    chl.fill("#other-comment", "Chile would name the recommendations one by one.")
    live_app.at("2024-04-22 09:00")
    chl.click("#comment-form button:has-text('Send')")
    expect(chl.locator(".field-error.deadline-passed")).to_contain_text("21 April 2024")
    chl.reload()
    expect(chl.locator("body")).not_to_contain_text("Method Not Allowed")
    expect(chl).to_have_url(re.compile(f"/draft/paragraph/{endorse}$"))
    expect(chl.locator("#current-text")).to_be_visible()


def test_the_secretariat_replies_and_the_chair_triages_a_support_only_paragraph(
    open_page: Any, live_app: LiveApp, screenshots: Path  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-24 10:00")
    recalling = _paragraph_id(live_app, "RECALLING the Work Plan")
    endorse = _paragraph_id(live_app, "To endorse the recommendations")

    secretariat = open_page("secretariat")
    secretariat.goto(at(f"/draft/paragraph/{endorse}"))
    comment = secretariat.locator(".proposal").filter(has_text="by Canada")
    comment.locator("textarea[name=text]").fill("Those of the RTP VII final report, section 3.")
    comment.locator("button:has-text('Send the reply')").click()
    expect(secretariat.locator(".flash.success")).to_contain_text("reply to Canada was sent")

    can = open_page("can1")
    can.goto(at(f"/draft/paragraph/{endorse}"))
    expect(can.locator(".proposal").filter(has_text="by Canada").locator(".reply")
           ).to_contain_text("Those of the RTP VII final report")

    chair = open_page("chair")
    chair.goto(at(f"/chair/?section={SECTION}"))
    chair.click(f"#section-{SECTION} button:has-text('Triage this section')")
    expect(chair.locator(".flash.success")).to_contain_text("put into consensus in principle")
    expect(chair.locator(f"#triage-{recalling}")).to_contain_text("Consensus in principle")
    expect(chair.locator(f"#triage-{recalling}")).to_contain_text("support")
    _shoot(chair, screenshots, "chair")


def test_the_voting_list_on_the_chairs_two_screens(
    open_page: Any, live_app: LiveApp, screenshots: Path  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-05-16 10:00")
    taking = _paragraph_id(live_app, "TAKING INTO ACCOUNT the recommendations of the Seventh")
    desk = open_page("chair")
    desk.goto(at("/meeting/"))
    second = desk.context.new_page()  # the chair's second screen, same session
    second.set_default_timeout(10_000)
    second.goto(at("/meeting/"))
    item = desk.locator(f"#agenda-{taking}")
    expect(item.locator(".vote-proposal")).to_contain_text("Mexico")
    expect(item.locator(".vote-proposal ins").first).to_contain_text("Lima")
    expect(item.locator("a:has-text('Open the paragraph')")).to_have_attribute(
        "href", re.compile(f"/draft/paragraph/{taking}$"))
    before = int(second.locator("#approved-count").inner_text())
    desk.locator("#consensus-items .agenda-item").first.locator(
        "button:has-text('Approve')").click()
    expect(desk.locator("#meeting-confirmation")).to_contain_text("approved")
    expect(second.locator("#approved-count")).to_have_text(str(before + 1))

    # A decision taken on the other screen reaches the desk by its poll (the count moves);
    # the desk's own confirmation stays until the chair acts again.
    confirmed = desk.locator("#meeting-confirmation").inner_text()
    second.locator("#consensus-items .agenda-item").first.locator(
        "button:has-text('Approve')").click()
    expect(desk.locator("#approved-count")).to_have_text(str(before + 2))
    expect(desk.locator("#meeting-confirmation")).to_have_text(confirmed)

    # So does a refusal: approving a modified paragraph before its proposals are settled.
    desk.locator("#amended-items .agenda-item").first.locator(
        "button:has-text('Approve')").click()
    expect(desk.locator("#meeting-error")).to_contain_text("first")
    expect(desk.locator("#meeting-confirmation")).to_have_count(0)
    refused = desk.locator("#meeting-error").inner_text()
    second.locator("#consensus-items .agenda-item").first.locator(
        "button:has-text('Approve')").click()
    expect(desk.locator("#approved-count")).to_have_text(str(before + 3))
    expect(desk.locator("#meeting-error")).to_have_text(refused)
    _shoot(desk, screenshots, "meeting")

    home = open_page("mex1")
    _shoot(home, screenshots, "home")
