"""The language services translate a paragraph of the demo's last revision in a real
browser (the paragraph's part of the page alone is sent and replaced), and a delegate whose
browser speaks Spanish reads it in the draft's Spanish version, the rest in the original,
marked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser.conftest import LiveApp

pytestmark = pytest.mark.browser

TRANSLATION = "RECORDANDO, en español, el primer párrafo del proyecto;"


def test_the_secretariat_translates_a_paragraph_and_a_delegate_reads_it_in_spanish(
    signed_in: Any, live_app: LiveApp, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    secretariat = signed_in("secretariat")
    secretariat.goto(live_app.page("/draft/languages/"))
    secretariat.locator("li[id$='-es'] a:has-text('Translate')").first.click()
    secretariat.wait_for_url(re.compile(r"/draft/languages/\d+/es$"))
    article = secretariat.locator("article.translation").first
    paragraph_id = article.get_attribute("id")
    before = secretariat.locator("#translation-status").inner_text()
    article.locator("textarea").fill(TRANSLATION)
    article.locator("button[type=submit]").click()
    saved = secretariat.locator(f"#{paragraph_id}")
    expect(saved.locator(".badge")).to_have_text("Translated")
    expect(saved.locator("textarea")).to_have_value(TRANSLATION)
    # The status line came with the paragraph: one more paragraph translated.
    expect(secretariat.locator("#translation-status")).not_to_have_text(before)
    secretariat.screenshot(path=str(screenshots / "language-versions-edit.png"), full_page=False)

    delegate = signed_in("mex1", locale="es-MX", extra_http_headers={"Accept-Language": "es"})
    delegate.goto(live_app.page("/draft/"))
    delegate.click("#read-in-my-language")
    expect(delegate.locator(f"#{paragraph_id}")).to_contain_text(TRANSLATION)
    expect(delegate.locator(".read-missing").first).to_be_visible()
    delegate.screenshot(path=str(screenshots / "language-versions-read-es.png"), full_page=False)
