"""A delegate's cycle in Spanish and a chair's in French, in a real browser whose language is
theirs, on a demo of their own: every button they press is found by its translated words.

The words are looked up in the catalogs (not typed here), so the test follows the wording as
the translators keep it; that each page really is in the language is checked on phrases
that differ from the English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.demo.loader import demo_password
from negotiation.models import Paragraph, Section
from negotiation.text.languages import translations
from tests.web.addresses import at
from tests.web.browser.conftest import PATIENCE_MS, LiveApp, served_demo

pytestmark = pytest.mark.browser

SECTION = "follow-up-to-the-declaration-on-security"
OLD, NEW = "to the multidimensional approach to security", \
    "to the multidimensional and people-centred approach to security"


def _words(language: str) -> Callable[..., str]:
    """The catalog's words for ``language``; a message's parameters filled when given, else
    the words before its first parameter (what a flash that names a number begins with)."""
    gettext = translations(language).gettext

    def say(message: str, **params: object) -> str:
        text = gettext(message)
        assert text != message or message in {"Go"}, f"{message!r} is not translated"
        return text % params if params else text.split("%(")[0].strip()

    return say


es, fr = _words("es"), _words("fr")


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with served_demo(tmp_path_factory.mktemp("languages"), "browser_languages") as app:
        yield app


def _paragraph_id(app: LiveApp, starts_with: str) -> int:
    with app.sessions() as session:
        section = session.scalars(select(Section).where(Section.code == SECTION)).one()
        paragraphs = session.scalars(select(Paragraph).where(Paragraph.section_id == section.id))
        return next(p.id for p in paragraphs if p.text.startswith(starts_with))


def _signed_in(browser: Any, app: LiveApp, username: str, locale: str,
               say: Callable[..., str]) -> tuple[Any, Any]:
    """Sign in on a browser set to ``locale``: the sign-in page is already in its language."""
    from playwright.sync_api import expect

    context = browser.new_context(base_url=app.url, locale=locale,
                                  timezone_id="America/Mexico_City")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto("/auth/login")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    page.get_by_label(say("Username"), exact=True).fill(username)
    page.get_by_label(say("Password"), exact=True).fill(demo_password(username))
    page.locator("main").get_by_role("button", name=say("Sign in")).click()
    page.wait_for_url(re.compile(r"/$"))
    return context, page


def test_a_delegate_s_cycle_in_spanish(browser: Any, own_demo: LiveApp,
                                       screenshots: Path) -> None:
    from playwright.sync_api import expect

    own_demo.at("2024-04-20 10:00")
    paragraph_id = _paragraph_id(own_demo, "To reaffirm")
    context, mex = _signed_in(browser, own_demo, "mex1", "es-MX", es)
    try:
        mex.goto(at("/"))
        expect(mex.locator("html")).to_have_attribute("lang", "es")
        expect(mex.locator(".time-left").first).to_contain_text("día")
        expect(mex.locator("nav")).to_contain_text(es("My proposals"))

        mex.goto(at(f"/draft/?section={SECTION}"))
        mex.locator("#draft-body .paragraph").filter(has_text="To reaffirm").get_by_role(
            "link", name=es("Open")).first.click()
        expect(mex).to_have_url(re.compile(f"/draft/paragraph/{paragraph_id}$"))
        text = mex.locator("#text")
        text.fill(text.input_value().replace(OLD, NEW))
        mex.get_by_role("button", name=es("Send the modification")).click()
        expect(mex.locator(".flash.success")).to_contain_text(
            es("Your proposed modification was sent as proposal %(number)s."))
        expect(mex.locator(".proposal").filter(has_text="and people-centred")).to_be_visible()
        mex.screenshot(path=screenshots / "paragraph-in-spanish.png", full_page=True,
                       caret="initial")

        mex.get_by_role("link", name=es("My proposals")).click()
        expect(mex.locator("#own-proposals")).to_contain_text(es("Proposed modification"))

        # Too late: the refusal, its date and the kept text are in Spanish.
        own_demo.at("2024-04-21 23:00")
        mex.goto(at(f"/draft/paragraph/{paragraph_id}"))
        mex.fill("#other-comment", "México desea que se mencione el aniversario.")
        own_demo.at("2024-04-22 09:00")
        mex.locator("#comment-form").get_by_role("button", name=es("Send")).click()
        expect(mex.locator(".field-error.deadline-passed")).to_contain_text("de abril de 2024")
        expect(mex.locator("#other-comment")).to_have_value(
            "México desea que se mencione el aniversario.")

        own_demo.at("2024-05-09 10:00")
        mex.get_by_role("link", name=es("Meeting")).click()
        expect(mex.locator("h1")).to_contain_text(re.compile(es("Meeting"), re.I))
        mex.screenshot(path=screenshots / "meeting-in-spanish.png", full_page=True,
                       caret="initial")
    finally:
        context.close()


def test_a_chair_s_cycle_in_french(browser: Any, own_demo: LiveApp, screenshots: Path) -> None:
    from playwright.sync_api import expect

    own_demo.at("2024-04-24 10:00")
    paragraph_id = _paragraph_id(own_demo, "To reaffirm")
    context, chair = _signed_in(browser, own_demo, "chair", "fr-FR", fr)
    try:
        chair.goto(at(f"/chair/?section={SECTION}"))
        expect(chair.locator("html")).to_have_attribute("lang", "fr")
        chair.locator(f"#section-{SECTION}").get_by_role(
            "button", name=fr("Triage this section")).click()
        expect(chair.locator(".flash.success")).to_be_visible()
        chair.screenshot(path=screenshots / "desk-in-french.png", full_page=True,
                         caret="initial")

        chair.goto(at(f"/draft/paragraph/{paragraph_id}"))
        compromise = chair.locator("#compromise-text")
        compromise.fill(compromise.input_value().replace(
            OLD, "to the multidimensional, people-centred approach to security"))
        chair.get_by_role("button", name=fr("Save the compromise text")).click()
        expect(chair.locator(".flash.success")).to_contain_text(
            fr("Compromise text saved as version %(number)s.", number=2))

        own_demo.at("2024-04-26 17:00")
        chair.goto(at("/chair/"))
        chair.locator("#circulate-form").get_by_role("button").click()
        symbol = "CP/CSH-2251/24 rev. 1"
        chair.locator("#circulate-confirm-form").get_by_role(
            "button", name=fr("Circulate %(symbol)s", symbol=symbol)).click()
        expect(chair.locator(".flash.success")).to_contain_text(
            fr("%(symbol)s circulated.", symbol=symbol))

        own_demo.at("2024-05-09 10:00")
        chair.goto(at("/meeting/"))
        first = chair.locator("#consensus-items .agenda-item").first
        first.get_by_role("button", name=fr("Approve"), exact=True).click()
        expect(chair.locator("#approved-count")).to_have_text("1")
        chair.screenshot(path=screenshots / "meeting-in-french.png", full_page=True,
                         caret="initial")

        chair.goto(at("/documents/comparison"))
        expect(chair.locator("main")).to_contain_text(fr("Consolidated comparison text"))
    finally:
        context.close()
