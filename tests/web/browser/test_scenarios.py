"""The issue's "Done when" scenarios, in a real browser against the served app.

The scenarios share the demo database and follow the cycle's calendar: delegations send
proposals before the deadline, then the chair triages, circulates rev. 1 and runs the meeting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.actors import Actor
from negotiation.demo.loader import find_cycle
from negotiation.enums import AmendmentKind, Role
from negotiation.models import Amendment, Delegation, Negotiation, Paragraph, Section
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import parse_moment
from tests.web.addresses import at
from tests.web.browser.conftest import LiveApp

pytestmark = pytest.mark.browser

MEX_TEXT_OLD = "to the multidimensional approach to security"
MEX_TEXT_NEW = "to the multidimensional and people-centred approach to security"
SECTION = "follow-up-to-the-declaration-on-security"


@pytest.fixture
def open_page(signed_in: Any) -> Any:
    """Sign someone in (a browser in Madrid) and open the demo negotiation's home."""

    def sign_in(username: str) -> Any:
        page = signed_in(username, timezone_id="Europe/Madrid")
        page.goto(at("/"))
        return page

    return sign_in


def _paragraph_id(live_app: LiveApp, starts_with: str) -> int:
    with live_app.sessions() as session:
        section = session.scalars(select(Section).where(Section.code == SECTION)).one()
        paragraphs = session.scalars(select(Paragraph).where(Paragraph.section_id == section.id))
        return next(p.id for p in paragraphs if p.text.startswith(starts_with))


def _mexico_has_proposed(live_app: LiveApp, paragraph_id: int) -> None:
    """Mexico's modification of the paragraph, as the first scenario sends it through the
    browser: sent here through the domain when that scenario did not run (this one alone)."""
    with live_app.sessions() as session:
        mexico = session.scalars(select(Delegation).where(Delegation.code == "MEX")).one()
        paragraph = session.get(Paragraph, paragraph_id)
        assert paragraph is not None
        if session.scalars(select(Amendment.id).where(Amendment.paragraph_id == paragraph_id,
                                                      Amendment.delegation_id == mexico.id)
                           ).first() is not None:
            return
        delegate = Actor(Role.DELEGATION, "Delegate of Mexico", mexico.id)
        submit_proposal(
            session, session.get_one(Negotiation, paragraph.negotiation_id), delegate,
            paragraph, AmendmentKind.MODIFY, parse_moment("2024-04-20 10:00 America/New_York"),
            written_on=paragraph.current_version.id,
            text=paragraph.current_version.text.replace(MEX_TEXT_OLD, MEX_TEXT_NEW))
        session.commit()


def test_delegation_amends_with_live_diff_and_another_joins(
    open_page: Any, live_app: LiveApp, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    paragraph_id = _paragraph_id(live_app, "To reaffirm")
    mex = open_page("mex1")
    expect(mex.locator(".time-left")).to_contain_text("1 day")
    expect(mex.locator(".local-time").first).to_contain_text("your time")
    mex.screenshot(path=screenshots / "home-delegation.png", full_page=True, caret="initial")

    mex.goto(at(f"/draft/?section={SECTION}"))
    mex.fill("#q", "reaffirm")  # live search: the list narrows as one types
    expect(mex.locator("#draft-body .paragraph")).to_have_count(1)
    mex.screenshot(path=screenshots / "draft-search.png", full_page=True, caret="initial")
    mex.click("#draft-body .paragraph a:has-text('Open')")
    expect(mex).to_have_url(re.compile(f"/draft/paragraph/{paragraph_id}$"))
    expect(mex.locator("#text")).to_be_visible()

    text = mex.locator("#text")
    current = text.input_value()
    text.fill(current.replace(MEX_TEXT_OLD, MEX_TEXT_NEW).removesuffix("."))
    text.press("End")
    text.type(".", delay=20)  # the last keystrokes, as a delegate types
    expect(mex.locator("#diff-preview ins")).to_contain_text("and people-centred")
    mex.screenshot(path=screenshots / "paragraph-live-diff.png", full_page=True, caret="initial")
    mex.click("button:has-text('Send the modification')")
    expect(mex.locator(".flash.success")).to_contain_text("modification was sent")
    expect(mex.locator(".proposal").filter(has_text="Mexico")).to_contain_text(
        "and people-centred")
    mex.click("nav >> text=My proposals")
    expect(mex.locator("#own-proposals")).to_contain_text("Proposed modification")
    expect(mex.locator("#own-proposals")).to_contain_text("Submitted")

    can = open_page("can1")
    can.goto(at(f"/draft/paragraph/{paragraph_id}"))
    proposal = can.locator(".proposal").filter(has_text="by Mexico")
    proposal.locator("button:has-text('Join this proposal')").click()
    expect(can.locator(".flash.success")).to_contain_text("joined the proposal of Mexico")
    expect(can.locator(".proposal").filter(has_text="by Mexico")).to_contain_text(
        "Joined by: Canada")


def test_submission_after_the_deadline_is_refused_with_the_deadline_shown(
    open_page: Any, live_app: LiveApp, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-21 23:00")
    paragraph_id = _paragraph_id(live_app, "TAKING INTO ACCOUNT")
    chl = open_page("chl1")
    chl.goto(at(f"/draft/paragraph/{paragraph_id}"))
    chl.fill("#other-comment", "Chile would like the anniversary to be named.")
    live_app.at("2024-04-22 09:00")  # the form was opened in time, sent too late
    chl.click("#comment-form button:has-text('Send')")
    expect(chl.locator(".field-error.deadline-passed")).to_contain_text(
        "21 April 2024, 23:59 in Washington")
    expect(chl.locator("#other-comment")).to_have_value(
        "Chile would like the anniversary to be named.")
    chl.goto(at(f"/draft/paragraph/{paragraph_id}"))
    expect(chl.locator(".notice.deadline-passed")).to_contain_text("deadline for submissions")
    expect(chl.locator("#comment-form")).to_have_count(0)
    chl.screenshot(path=screenshots / "paragraph-after-deadline.png",
                   full_page=True, caret="initial")


def test_chair_triages_compromises_circulates_and_runs_the_meeting_live(
    open_page: Any, live_app: LiveApp, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-24 10:00")
    paragraph_id = _paragraph_id(live_app, "To reaffirm")
    _mexico_has_proposed(live_app, paragraph_id)
    chair = open_page("chair")
    chair.goto(at(f"/chair/?section={SECTION}"))
    chair.click(f"#section-{SECTION} button:has-text('Triage this section')")
    expect(chair.locator(".flash.success")).to_contain_text("put into consensus in principle")
    expect(chair.locator(f"#triage-{paragraph_id}")).to_contain_text("Modifications proposed")
    chair.screenshot(path=screenshots / "chair-triage.png", full_page=True, caret="initial")

    chair.goto(at(f"/draft/paragraph/{paragraph_id}"))
    compromise = chair.locator("#compromise-text")
    compromise.fill(compromise.input_value().replace(
        MEX_TEXT_OLD, "to the multidimensional, people-centred approach to security"))
    chair.fill("#compromise-note", "Takes in the proposal of Mexico, joined by Canada")
    chair.click("button:has-text('Save the compromise text')")
    expect(chair.locator(".flash.success")).to_contain_text("Compromise text saved as version 2")
    expect(chair.locator("#current-text")).to_contain_text("multidimensional, people-centred")
    expect(chair.locator(".proposal").filter(has_text="by Mexico")).to_contain_text("Settled")

    live_app.at("2024-04-26 17:00")
    chair.goto(at("/chair/"))
    chair.fill("#circulate-note", "Revised draft after the deadline for proposals")
    chair.click("#circulate-form button:has-text('Circulate rev. 1')")
    # Only one section was triaged: the confirmation names the others.
    expect(chair.locator("#outgoing-untriaged")).to_contain_text("not triaged yet")
    expect(chair.locator("#outgoing-untriaged")).to_contain_text("CIFTA")
    chair.click("#circulate-confirm-form button:has-text('Circulate CP/CSH-2251/24 rev. 1')")
    expect(chair.locator(".flash.success")).to_contain_text("CP/CSH-2251/24 rev. 1 circulated")

    live_app.at("2024-05-09 10:00")
    mex = open_page("mex1")
    mex.goto(at("/meeting/"))
    expect(mex.locator("#approved-count")).to_have_text("0")
    mex.screenshot(path=screenshots / "meeting-delegation.png", full_page=True, caret="initial")

    chair.goto(at("/meeting/"))
    chair.screenshot(path=screenshots / "meeting-chair.png", full_page=True, caret="initial")
    first = chair.locator("#consensus-items .agenda-item").first
    first_text = first.locator("p").first.inner_text()
    first.locator("button:has-text('Approve')").click()
    expect(chair.locator("#approved-count")).to_have_text("1")
    # The delegation's page follows by itself (no reload on its side).
    expect(mex.locator("#approved-count")).to_have_text("1")
    expect(mex.locator(".decided")).to_contain_text("Approved")
    expect(mex.locator("#consensus-items")).not_to_contain_text(first_text)
    # The next decision reaches it as the one section that changed.
    second = chair.locator("#consensus-items .agenda-item").first
    second_text = second.locator("p").first.inner_text()
    second.locator("button:has-text('Approve')").click()
    expect(mex.locator("#approved-count")).to_have_text("2")
    expect(mex.locator("#decided-count")).to_have_text("(2)")
    expect(mex.locator("#consensus-items")).not_to_contain_text(second_text)
    # Deferring posts to its own address from the item's one form: nothing is approved.
    third = chair.locator("#consensus-items .agenda-item").first
    third_text = third.locator("p").first.inner_text()
    third.locator("button:has-text('Defer')").click()
    expect(chair.locator("#meeting-messages")).to_contain_text("in informal consultations")
    expect(mex.locator("#decided-count")).to_have_text("(3)")
    expect(mex.locator("#consensus-items")).not_to_contain_text(third_text)
    expect(chair.locator("#approved-count")).to_have_text("2")

    # Out of order: the amended paragraph needs the chair's reason.
    amended = chair.locator(f"#agenda-{paragraph_id}")
    amended.locator("button:has-text('Approve')").click()
    expect(chair.locator("#meeting-error")).to_contain_text("still pending before this one")
    chair.locator(f"#agenda-{paragraph_id} input[name=override_reason]").fill(
        "The proponents agreed the compromise text")
    chair.locator(f"#agenda-{paragraph_id} button:has-text('Approve')").click()
    expect(mex.locator("#approved-count")).to_have_text("3")
    mex.screenshot(path=screenshots / "meeting-delegation-after.png",
                   full_page=True, caret="initial")

    secretariat = open_page("secretariat")
    secretariat.goto(at("/record/"))
    secretariat.select_option("#action", "approve")
    expect(secretariat.locator("#record-entries")).to_contain_text(
        "order of consideration overridden")
    secretariat.screenshot(path=screenshots / "record.png", full_page=True, caret="initial")


def test_observer_cannot_change_anything(open_page: Any, live_app: LiveApp,
                                         screenshots: Path) -> None:
    from playwright.sync_api import expect

    live_app.at("2024-04-20 10:00")
    paragraph_id = _paragraph_id(live_app, "RECALLING")
    observer = open_page("observer")
    observer.goto(at(f"/draft/paragraph/{paragraph_id}"))
    expect(observer.locator("#current-text")).to_contain_text("RECALLING")
    expect(observer.locator("main form")).to_have_count(0)
    observer.screenshot(path=screenshots / "paragraph-observer.png",
                        full_page=True, caret="initial")
    token = observer.locator("body").get_attribute("hx-headers")
    assert token is not None
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', token)
    assert csrf is not None
    headers = {"X-CSRFToken": csrf.group(1)}
    # Forged requests with the observer's own session and a valid token: the server refuses.
    for url, form in [
        (at(f"/proposals/paragraph/{paragraph_id}"),
         {"kind": "comment", "comment": "x", "written_on": "1"}),
        (at("/chair/circulate"), {"note": "forged"}),
        (at(f"/meeting/paragraph/{paragraph_id}/approve"), {}),
        ("/accounts/", {"username": "x1", "password": "long-enough", "role": "chair"}),
    ]:
        response = observer.request.post(url, form=form, headers=headers, max_redirects=0)
        assert response.status == 403, (url, response.status)


def test_a_long_draft_arrives_section_by_section(open_page: Any, live_app: LiveApp) -> None:
    from playwright.sync_api import expect

    reader = open_page("observer")
    reader.goto(at("/draft/"))
    last = reader.locator("section.draft-section").last
    expect(last).to_have_class(re.compile("deferred"))  # the demo is longer than a screen
    expect(last.locator(".paragraph")).to_have_count(0)
    code = last.get_attribute("id")
    deferred = reader.locator("section.draft-section.deferred")
    for _ in range(30):  # each scroll to the bottom reveals what is left, up to the end
        if deferred.count() == 0:
            break
        reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        reader.wait_for_timeout(200)
    expect(deferred).to_have_count(0)
    expect(reader.locator(f"#{code} .paragraph").first).to_be_visible()
    expect(reader.locator(f"#{code} .section-marker")).to_have_count(1)  # it polls too


def test_a_draft_of_many_sections_brings_the_next_page_as_the_reader_scrolls(
    open_page: Any, live_app: LiveApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    # Two sections a page: the demo's six come in three pages, the later ones on scrolling.
    monkeypatch.setitem(live_app.config, "DRAFT_SECTIONS_PER_PAGE", 2)
    monkeypatch.setitem(live_app.config, "DRAFT_FIRST_ROWS", 5)
    with live_app.sessions() as session:
        # The demo's own sections: other tests open negotiations of their own beside it.
        demo = find_cycle(session, "CSH", "2023-2024")
        assert demo is not None
        total = len(session.scalars(select(Section).where(
            Section.negotiation_id == demo.id)).all())
    reader = open_page("observer")
    reader.goto(at("/draft/"))
    sections = reader.locator("section.draft-section")
    expect(sections).to_have_count(2)
    expect(reader.locator(".section-pages")).to_contain_text(f"Sections 1 to 2 of {total}")
    for _ in range(40):  # each scroll to the bottom brings what is left, up to the end
        if sections.count() == total and reader.locator(".deferred").count() == 0:
            break
        reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        reader.wait_for_timeout(200)
    expect(sections).to_have_count(total)
    expect(reader.locator("section.draft-section.deferred")).to_have_count(0)
    expect(reader.locator(".more-sections")).to_have_count(0)
    expect(sections.last.locator(".paragraph").first).to_be_visible()
