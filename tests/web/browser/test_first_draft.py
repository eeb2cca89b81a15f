"""The chair writes a new cycle's first draft in a real browser: imports a Word file made by
the test, corrects a line in the preview, adds a section, circulates rev. 0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.actors import SYSTEM
from negotiation.appointments import appoint, create_negotiation
from negotiation.drafting import paragraphs_of, sections_of
from negotiation.enums import Role
from negotiation.models import Account, Negotiation, Revision
from tests.setup.drafts import DRAFTS, docx_of
from tests.web.browser.conftest import LiveApp

pytestmark = pytest.mark.browser
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMITTEE, CYCLE = "CAAP", "2025-2026"


@pytest.fixture
def new_cycle(live_app: LiveApp) -> int:
    """A negotiation of its own (so the demo's stays as the other scenarios expect), with
    the demo's chair appointed as its chair; committed, as the served app reads it."""
    with live_app.sessions() as session, session.begin():
        negotiation = create_negotiation(
            session, SYSTEM, live_app.clock.now(), committee=COMMITTEE,
            committee_name="Committee on Administrative and Budgetary Affairs", cycle=CYCLE,
            title="To be imported", symbol="CP/CAAP-5000/26", timezone="America/New_York",
            rules="csh-2023-2024")
        chair = session.scalars(select(Account).where(Account.username == "chair")).one()
        appoint(session, negotiation, SYSTEM, chair, Role.CHAIR, live_app.clock.now())
        return negotiation.id


def test_the_chair_imports_corrects_adds_a_section_and_circulates_rev_0(
    browser: Any, live_app: LiveApp, new_cycle: int, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    draft = tmp_path / "draft-fr.docx"
    draft.write_bytes(docx_of([*DRAFTS["fr"], ("", "Note de la présidence à classer.")]))
    context = browser.new_context(base_url=live_app.url)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/auth/login")
        page.fill("#username", "chair")
        page.fill("#password", "demo-chair")
        page.click("button:has-text('Sign in')")
        page.click(f"a:has-text('{COMMITTEE} {CYCLE}')")
        page.click("a:has-text(\"Chair's desk\")")
        page.click("a:has-text('Write or import the first draft')")
        page.click("a:has-text('Import a Word file or pasted text')")
        page.set_input_files("#file", str(draft))
        page.click("button:has-text('Preview the import')")
        expect(page.locator("#import-preview")).to_contain_text(
            "1 line(s) could not be classified")
        expect(page.locator("#import-preview")).to_contain_text("opens with RAPPELANT")
        # The stray note is left out; CONSIDÉRANT … becomes operative.
        page.select_option("#kind-17", "left_out")
        page.select_option("#kind-5", "operative")
        page.click("button:has-text('Apply my corrections and check again')")
        expect(page.locator("#import-problems")).to_have_count(0)
        page.click("button:has-text('Confirm the import')")
        expect(page.locator(".flash.success")).to_contain_text(
            "Imported 3 sections and 9 paragraphs")

        page.fill("#new-section-title", "Sécurité climatique")
        page.select_option("#new-section-area", "7")
        page.click("button:has-text('Add the section')")
        expect(page.locator("#draft-editor")).to_contain_text("Sécurité climatique")
        page.screenshot(path=str(screenshots / "first-draft-editor.png"), full_page=True)

        page.click("#circulate-rev0 button")
        expect(page.locator("#frozen")).to_contain_text("the draft is frozen")
        expect(page.locator("#draft-editor")).not_to_contain_text("Add the paragraph")
    finally:
        context.close()

    with live_app.sessions() as session:
        negotiation = session.get(Negotiation, new_cycle)
        assert negotiation is not None
        texts = [p.text for p in paragraphs_of(session, negotiation)]
        assert texts[0].startswith("RAPPELANT") and texts[1].startswith("CONSIDÉRANT")
        assert "Note de la présidence à classer." not in texts
        assert [s.title for s in sections_of(session, negotiation)][-1] == "Sécurité climatique"
        assert session.scalars(select(Revision).where(
            Revision.negotiation_id == new_cycle)).one().number == 0
