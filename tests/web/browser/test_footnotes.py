"""Footnotes from a real draft to the documents, in a real browser: the administrator opens
a committee without thematic areas, with its own header lines; its chair imports a UN-style
Word draft with real footnotes, sees them in the preview, corrects one line (its footnote
stays with its word), circulates rev. 0; the Word and PDF comparison texts of rev. 0 carry
the footnotes, under the committee's own header.

It runs on a demo of its own, since it opens a negotiation the other browser tests do not
expect."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.setup.imports.footnoted import footnoted_docx
from tests.web.browser.conftest import LiveApp, served_demo, signed_in_page

pytestmark = pytest.mark.browser
NEW = "/cicte/2024-2025"
UN_DRAFT = [
    ("", "Strengthening cooperation against terrorism"),
    ("", "The General Assembly,"),
    ("", "Recalling its resolution 70/1 of 25 September 2015,[[See A/RES/70/1.]]"),
    ("", "Bearing in mind the 2030 Agenda[[A/RES/70/1, annex.]] and its review,"),
    ("", "1. Decides to continue[[See also A/78/1.]] its work;"),
]
NOTES = ["See A/RES/70/1.", "A/RES/70/1, annex.", "See also A/78/1."]
SERIES = "OEA/Ser.L/X.2.25"


@pytest.fixture(scope="module")
def own_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with served_demo(tmp_path_factory.mktemp("footnotes"), "browser_footnotes") as app:
        yield app


def _as(browser: Any, app: LiveApp, username: str) -> tuple[Any, Any]:
    context, page = signed_in_page(browser, app, username)
    page.set_default_timeout(20_000)
    return context, page


def _administrator_opens_cicte(browser: Any, app: LiveApp, screenshots: Path) -> None:
    from playwright.sync_api import expect

    context, admin = _as(browser, app, "admin")
    try:
        admin.goto("/")
        admin.fill("#committee", "CICTE")
        admin.fill("#committee_name", "Inter-American Committee against Terrorism")
        admin.fill("#cycle", "2024-2025")
        admin.fill("#title", "To be imported")
        admin.fill("#symbol", "CICTE/doc.1/25")
        # CICTE's own series in place of the Permanent Council's, given from the start.
        expect(admin.locator("#header_lines")).to_have_value("OEA/Ser.G")
        admin.fill("#header_lines", SERIES)
        admin.uncheck("input[name=thematic_areas]")
        admin.locator("section.card").screenshot(path=str(screenshots / "open-negotiation.png"))
        admin.click("button:has-text('Open the negotiation')")
        expect(admin.locator(".flash.success")).to_contain_text("CICTE 2024-2025 created")
        person = admin.locator("#account option", has_text="(can1")
        admin.select_option("#account", person.get_attribute("value"))
        admin.select_option("#role", "chair")
        admin.click("#appoint-form button:has-text('Appoint')")
        expect(admin.locator(".flash.success")).to_contain_text("appointed")
    finally:
        context.close()


def _word_notes(docx: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(docx)) as package:
        part = package.read("word/footnotes.xml").decode()
    return [re.sub(r"<[^>]+>", "", note).strip()
            for note in re.findall(r'<w:footnote w:id="\d+">(.*?)</w:footnote>', part)]


def test_a_un_draft_with_footnotes_is_imported_circulated_and_printed(
    browser: Any, own_app: LiveApp, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    app = own_app
    app.config["DOCUMENT_BUILDS_INLINE"] = True  # the file comes back in the request
    _administrator_opens_cicte(browser, app, screenshots)
    draft = tmp_path / "un-draft.docx"
    draft.write_bytes(footnoted_docx(UN_DRAFT))

    context, page = _as(browser, app, "can1")
    try:
        page.goto(f"{NEW}/drafting/")
        page.click("a:has-text('Import a Word file or pasted text')")
        page.set_input_files("#file", str(draft))
        page.click("button:has-text('Preview the import')")
        notes = page.locator("#import-footnotes")
        expect(notes).to_contain_text("3 footnotes are kept with their paragraphs")
        for note in NOTES:
            expect(notes).to_contain_text(note)
        # The paragraphs before any heading, the general preamble, are counted apart.
        expect(page.locator("table.caps tbody tr").first).to_contain_text(
            "counted apart, paragraphs 3")
        # One line corrected: its footnote stays after "Agenda".
        page.fill("#text-3", "Bearing in mind the 2030 Agenda and its follow-up and review,")
        page.click("button:has-text('Apply my corrections and check again')")
        expect(page.locator("#import-footnotes")).to_contain_text("A/RES/70/1, annex.")
        expect(page.locator("#import-problems")).to_have_count(0)
        page.screenshot(path=str(screenshots / "import-footnotes.png"), full_page=True)
        page.click("button:has-text('Confirm the import')")
        expect(page.locator(".flash.success")).to_contain_text("Imported")

        page.goto(f"{NEW}/drafting/")
        page.click("#circulate-rev0 button")
        page.click("#circulate-confirm-form button")
        expect(page.locator("#frozen")).to_contain_text("the draft is frozen")

        page.goto(f"{NEW}/draft/")
        expect(page.locator("ol.footnotes").first).to_contain_text("See A/RES/70/1.")
        page.screenshot(path=str(screenshots / "draft-footnotes.png"), full_page=True)

        word = page.request.get(f"{app.url}{NEW}/documents/comparison.docx?revision=0")
        assert word.ok and word.headers["content-type"].startswith(
            "application/vnd.openxmlformats"), word.status
        assert _word_notes(word.body()) == NOTES
        with zipfile.ZipFile(BytesIO(word.body())) as package:
            body = package.read("word/document.xml").decode()
        assert SERIES in body and "OEA/Ser.G" not in body
        pdf = page.request.get(f"{app.url}{NEW}/documents/comparison.pdf?revision=0")
        assert pdf.ok and pdf.headers["content-type"].startswith("application/pdf"), pdf.status
        text = " ".join(" ".join((p.extract_text() or "").split())
                        for p in PdfReader(BytesIO(pdf.body())).pages)
        for note in NOTES:
            assert note in text, (note, text[-500:])
        assert SERIES in text and "OEA/Ser.G" not in text
    finally:
        context.close()
