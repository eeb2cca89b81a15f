"""A committee holds its own negotiation, in a real browser, as issue 7 walks it: the
administrator closes the CSH 2023-2024 cycle and opens the 2024-2025 one with its chair and
secretariat; the secretariat admits a delegation and sets the calendar and the caps; the chair
imports a Word file made by the test, corrects a line in the preview and adds a section; the
secretariat gives one section its own deadline; the chair circulates rev. 0; a delegation
sends a proposal to it while the 2023-2024 cycle stays a read-only archive; and the new chair,
a delegate of Canada in the previous cycle, sees a chair's screens in one and a delegate's in
the other.

It runs on a demo of its own, since it closes the cycle the other browser tests work in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.draft.drafting import paragraphs_of, sections_of
from negotiation.models import Amendment, Delegation, Milestone, Negotiation, Revision
from tests.setup.imports.drafts import DRAFTS, docx_of
from tests.web.browser.conftest import LiveApp, served_demo, signed_in_page

pytestmark = pytest.mark.browser
NEW, OLD = "/csh/2024-2025", "/csh/2023-2024"
JID = "Inter-American Defense Board (JID)"


@pytest.fixture(scope="module")
def own_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    with served_demo(tmp_path_factory.mktemp("cycles"), "browser_cycles") as app:
        yield app


def _proposals_in(session: Session, cycle: str) -> int:
    return session.scalar(select(func.count()).select_from(Amendment).join(Negotiation).where(
        Negotiation.committee == "CSH", Negotiation.cycle == cycle)) or 0


@contextmanager
def _as(browser: Any, app: LiveApp, username: str) -> Iterator[Any]:
    """A page of ``username`` signed in, in a browser context closed afterwards."""
    context, page = signed_in_page(browser, app, username)
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def _administrator_closes_the_old_cycle_and_opens_the_new(browser: Any, app: LiveApp) -> None:
    from playwright.sync_api import expect

    with _as(browser, app, "admin") as admin:
        admin.goto(f"{OLD}/")
        admin.click("summary:has-text('Close this cycle')")
        admin.fill("#close-reason", "Resolution adopted by the General Assembly")
        admin.click("button:has-text('Close the cycle')")
        expect(admin.locator(".flash.success")).to_contain_text("stays readable as an archive")

        admin.goto("/")
        admin.fill("#committee", "CSH")
        admin.fill("#committee_name", "Committee on Hemispheric Security")
        admin.fill("#cycle", "2024-2025")
        admin.fill("#title", "To be imported")
        admin.fill("#symbol", "CP/CSH-2300/25")
        admin.click("button:has-text('Open the negotiation')")
        expect(admin.locator(".flash.success")).to_contain_text("CSH 2024-2025 created")
        # Canada's delegate in the last cycle chairs this one.
        for username, role in (("can1", "chair"), ("secretariat", "secretariat")):
            # The person is chosen from the list, shown as "Name (username, mission)".
            person = admin.locator("#account option", has_text=f"({username}")
            admin.select_option("#account", person.get_attribute("value"))
            admin.select_option("#role", role)
            admin.click("#appoint-form button:has-text('Appoint')")
            expect(admin.locator(".flash.success")).to_contain_text("appointed")
        admin.goto("/")
        expect(admin.locator("#archive-h")).to_be_visible()
        expect(admin.locator("main")).to_contain_text("CSH 2023-2024")


def _secretariat_sets_up(browser: Any, app: LiveApp, mexico: int) -> None:
    from playwright.sync_api import expect

    with _as(browser, app, "secretariat") as page:
        page.goto(f"{NEW}/delegations/")
        page.check(f"input[name=delegation][value='{mexico}']")
        page.click("button:has-text('Save the delegations taking part')")
        expect(page.locator("legend")).to_contain_text("1 of")

        _add_deadline(page, "Deadline for proposals on rev. 0", "2025-04-21T23:59")

        page.goto(f"{NEW}/caps/")
        page.select_option("#new-applies_to", "item")
        page.fill("#new-effective_from", "2024-04-01")
        page.fill("#new-preambular", "3")
        page.fill("#new-operative", "3")
        page.fill("#new-mandates_subparagraphs", "3")
        page.fill("#new-source", "Method of negotiation, CP/CSH-2290/24")
        page.click("button:has-text('Add the rule')")
        expect(page.locator("#caps")).to_contain_text("CP/CSH-2290/24")


def _chair_imports(browser: Any, app: LiveApp, draft: Path, screenshots: Path) -> None:
    from playwright.sync_api import expect

    with _as(browser, app, "can1") as page:
        page.click("a:has-text('CSH 2024-2025')")
        page.click("a:has-text(\"Chair's desk\")")
        page.click("a:has-text('Write or import the first draft')")
        page.click("a:has-text('Import a Word file or pasted text')")
        page.set_input_files("#file", str(draft))
        page.click("button:has-text('Preview the import')")
        expect(page.locator("#import-preview")).to_contain_text(
            "1 line(s) could not be classified")
        expect(page.locator("#import-preview")).to_contain_text("opens with RECALLING")
        # The stray note is left out; NOTING WITH CONCERN … becomes operative.
        page.select_option("#kind-17", "left_out")
        page.select_option("#kind-5", "operative")
        page.click("button:has-text('Apply my corrections and check again')")
        expect(page.locator("#import-problems")).to_have_count(0)
        page.click("button:has-text('Confirm the import')")
        expect(page.locator(".flash.success")).to_contain_text(
            "Imported 3 sections and 9 paragraphs")
        # The secretariat's caps count live in the editor.
        expect(page.locator("#draft-editor")).to_contain_text("preambular 1/3, operative 3/3")

        page.fill("#new-section-title", "Security implications of climate change")
        page.select_option("#new-section-area", "6")
        page.click("button:has-text('Add the section')")
        expect(page.locator("#draft-editor")).to_contain_text(
            "Security implications of climate change")
        page.screenshot(path=str(screenshots / "first-draft-editor.png"), full_page=True)


def _secretariat_gives_the_jid_its_own_deadline(browser: Any, app: LiveApp) -> None:
    with _as(browser, app, "secretariat") as page:
        _add_deadline(page, "JID/CSH joint mechanism: comments on the JID's paragraphs",
                      "2025-04-08T23:59", section=JID)


def _add_deadline(page: Any, title: str, at: str, section: str = "") -> None:
    """The secretariat adds a submission deadline to the new cycle's calendar."""
    from playwright.sync_api import expect

    page.goto(f"{NEW}/calendar/")
    page.select_option("#new-kind", "submission_deadline")
    page.fill("#new-title", title)
    page.fill("#new-at", at)
    if section:
        page.select_option("#new-section", label=section)
    page.click("button:has-text('Add to the calendar')")
    expect(page.locator("#calendar")).to_contain_text(title)


def _chair_circulates(browser: Any, app: LiveApp) -> None:
    from playwright.sync_api import expect

    with _as(browser, app, "can1") as page:
        page.goto(f"{NEW}/drafting/")
        page.click("#circulate-rev0 button")
        # What will go out is shown first; only "Circulate" there sends it.
        expect(page.locator("h1")).to_contain_text("Circulate")
        page.click("#circulate-confirm-form button")
        expect(page.locator("#frozen")).to_contain_text("the draft is frozen")
        expect(page.locator("#draft-editor")).not_to_contain_text("Add the paragraph")


def test_a_committee_sets_up_its_next_cycle_while_the_last_is_an_archive(
    browser: Any, own_app: LiveApp, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    app = own_app
    with app.sessions() as session:
        sent_before = _proposals_in(session, "2023-2024")
    _administrator_closes_the_old_cycle_and_opens_the_new(browser, app)
    with app.sessions() as session:
        mexico = session.scalars(select(Delegation.id).where(Delegation.code == "MEX")).one()
    _secretariat_sets_up(browser, app, mexico)
    draft = tmp_path / "draft-en.docx"
    draft.write_bytes(docx_of([*DRAFTS["en"], ("", "Note by the chair, to be sorted.")]))
    _chair_imports(browser, app, draft, screenshots)
    _secretariat_gives_the_jid_its_own_deadline(browser, app)
    _chair_circulates(browser, app)

    with app.sessions() as session:
        new = session.scalars(select(Negotiation).where(
            Negotiation.committee == "CSH", Negotiation.cycle == "2024-2025")).one()
        old = session.scalars(select(Negotiation).where(
            Negotiation.committee == "CSH", Negotiation.cycle == "2023-2024")).one()
        jid = next(p.id for p in paragraphs_of(session, new) if p.section.title == JID)
        archived = paragraphs_of(session, old)[0].id

    # Mexico sends a proposal to the JID's paragraph, under the JID's own deadline.
    with _as(browser, app, "mex1") as mexico_page:
        mexico_page.goto(f"{NEW}/draft/paragraph/{jid}")
        expect(mexico_page.locator("#submission-window")).to_contain_text(
            "comments on the JID's paragraphs")
        mexico_page.fill("#text", "To recognize the work of the JID in humanitarian demining "
                                  "and disaster response.")
        mexico_page.click("#modify-form button:has-text('Send the modification')")
        expect(mexico_page.locator(".flash.success")).to_contain_text("was sent")

        # The 2023-2024 cycle is an archive: readable, with no form to change it.
        mexico_page.goto(f"{OLD}/draft/paragraph/{archived}")
        expect(mexico_page.locator("main")).to_contain_text("This cycle is closed")
        expect(mexico_page.locator("#modify-form")).to_have_count(0)
        expect(mexico_page.locator("#comment-form")).to_have_count(0)
        mexico_page.goto(f"{OLD}/documents/revisions")
        expect(mexico_page.locator("main")).to_contain_text("CP/CSH-2251/24")

    # One person: the chair here, a delegate of Canada in the archived cycle.
    with _as(browser, app, "can1") as person:
        person.goto(f"{NEW}/")
        expect(person.get_by_role("link", name="Chair's desk")).to_have_count(1)
        expect(person.get_by_role("link", name="My proposals")).to_have_count(0)
        person.goto(f"{OLD}/")
        expect(person.locator("header")).to_contain_text("Canada")
        expect(person.get_by_role("link", name="My proposals")).to_have_count(1)
        expect(person.get_by_role("link", name="Chair's desk")).to_have_count(0)
        assert person.goto(f"{OLD}/chair/").status == 403

    with app.sessions() as session:
        new = session.get(Negotiation, new.id)
        assert new is not None
        texts = [p.text for p in paragraphs_of(session, new)]
        assert texts[0].startswith("RECALLING") and texts[1].startswith("NOTING WITH CONCERN")
        assert "Note by the chair, to be sorted." not in texts
        assert [s.title for s in sections_of(session, new)][-1] == (
            "Security implications of climate change")
        assert session.scalars(select(Revision.number).where(
            Revision.negotiation_id == new.id)).all() == [0]
        jid_deadline = session.scalars(select(Milestone).where(
            Milestone.negotiation_id == new.id, Milestone.section_id.is_not(None))).one()
        assert jid_deadline.section.title == JID  # type: ignore[union-attr]
        sent = session.scalars(select(Amendment).where(Amendment.negotiation_id == new.id)).one()
        assert sent.proposed_text is not None and "disaster response" in sent.proposed_text
        assert _proposals_in(session, "2023-2024") == sent_before  # the archive took nothing
