"""A committee holds its own negotiation, in a real browser: the administrator opens it and
appoints its chair and secretariat, the secretariat admits a delegation, the chair imports a
Word file made by the test, corrects a line in the preview, adds a section and circulates
rev. 0, and the delegation comments on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from negotiation.demo.loader import demo_password
from negotiation.drafting import paragraphs_of, sections_of
from negotiation.models import Amendment, Delegation, Negotiation, Revision
from tests.setup.drafts import DRAFTS, docx_of
from tests.web.browser.conftest import LiveApp

pytestmark = pytest.mark.browser
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMITTEE, CYCLE = "CAAP", "2025-2026"
PREFIX = f"/{COMMITTEE.lower()}/{CYCLE}"


def _signed_in(browser: Any, live_app: LiveApp, username: str) -> tuple[Any, Any]:
    context = browser.new_context(base_url=live_app.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/auth/login")
    page.fill("#username", username)
    page.fill("#password", demo_password(username))
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{live_app.url}/")
    return context, page


def test_a_committee_opens_its_cycle_the_chair_imports_and_circulates_rev_0(
    browser: Any, live_app: LiveApp, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    # The administrator opens the negotiation and appoints its chair and secretariat.
    context, admin = _signed_in(browser, live_app, "admin")
    try:
        admin.fill("#committee", COMMITTEE)
        admin.fill("#committee_name", "Committee on Administrative and Budgetary Affairs")
        admin.fill("#cycle", CYCLE)
        admin.fill("#title", "To be imported")
        admin.fill("#symbol", "CP/CAAP-5000/26")
        admin.click("button:has-text('Open the negotiation')")
        expect(admin.locator(".flash.success")).to_contain_text(f"{COMMITTEE} {CYCLE} created")
        for username, role in (("chair", "chair"), ("secretariat", "secretariat")):
            admin.fill("#username", username)
            admin.select_option("#role", role)
            admin.click("#appoint-form button:has-text('Appoint')")
            expect(admin.locator(".flash.success")).to_contain_text("appointed")
    finally:
        context.close()
    with live_app.sessions() as session:
        new_cycle = session.scalars(select(Negotiation.id).where(
            Negotiation.committee == COMMITTEE, Negotiation.cycle == CYCLE)).one()
        mexico = session.scalars(select(Delegation.id).where(Delegation.code == "MEX")).one()

    # The secretariat admits Mexico.
    context, secretariat = _signed_in(browser, live_app, "secretariat")
    try:
        secretariat.goto(f"{PREFIX}/delegations/")
        secretariat.check(f"input[name=delegation][value='{mexico}']")
        secretariat.click("button:has-text('Save the delegations taking part')")
        expect(secretariat.locator("legend")).to_contain_text("1 of")
    finally:
        context.close()

    # The chair imports the first draft, corrects it, adds a section, circulates rev. 0.
    draft = tmp_path / "draft-fr.docx"
    draft.write_bytes(docx_of([*DRAFTS["fr"], ("", "Note de la présidence à classer.")]))
    context, page = _signed_in(browser, live_app, "chair")
    try:
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

    # A delegation of Mexico comments on the circulated draft.
    with live_app.sessions() as session:
        negotiation = session.get(Negotiation, new_cycle)
        assert negotiation is not None
        first = paragraphs_of(session, negotiation)[0].id
    context, mexico_page = _signed_in(browser, live_app, "mex1")
    try:
        expect(mexico_page.locator("main")).to_contain_text(f"{COMMITTEE} {CYCLE}")
        mexico_page.goto(f"{PREFIX}/draft/paragraph/{first}")
        mexico_page.fill("#other-comment", "Mexique souhaite préciser ce considérant.")
        mexico_page.click("#comment-form button:has-text('Send')")
        expect(mexico_page.locator(".flash.success")).to_contain_text("was sent")
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
        assert session.scalars(select(Amendment.comment).where(
            Amendment.negotiation_id == new_cycle)).all() == [
            "Mexique souhaite préciser ce considérant."]
