"""The chair's first-draft pages: the editor with live caps, the preview, the import with
its corrections, and circulating rev. 0 (which freezes the editor)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.actors import SYSTEM
from negotiation.chairing.decisions import decide, triage_section
from negotiation.draft.drafting import labels, paragraphs_of, sections_of
from negotiation.enums import ParagraphKind, Role
from negotiation.models import Account, Revision
from negotiation.people.appointments import appoint, create_negotiation
from negotiation.proposals.submissions import submit_new_paragraph
from tests.builders import CHAIR, World, paragraph_count
from tests.web.circulating import confirm_and_circulate

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft

HTMX = {"HX-Request": "true"}
Client = Callable[[str | None], FlaskClient]
At = Callable[[str], str]


def test_the_editor_shows_sections_with_live_caps_to_the_chair_only(
    client_as: Client, at: At, world: World
) -> None:
    page = client_as("chair").get(at("/drafting/"))
    assert page.status_code == 200
    html = page.data.decode()
    assert "Trafficking in persons" in html and "preambular 2/3, operative 3/3" in html
    assert "Circulate rev. 0" in html
    for name in ("mex", "secretariat", "observer"):
        assert client_as(name).get(at("/drafting/")).status_code == 403
    assert client_as(None).get(at("/drafting/")).status_code in (302, 401)
    desk = client_as("chair").get(at("/chair/")).data.decode()
    assert "Write or import the first draft" in desk


def test_adding_a_paragraph_without_javascript_and_with_htmx(
    client_as: Client, at: At, world: World
) -> None:
    chair, tip = client_as("chair"), world.sections["tip"]
    plain = chair.post(at("/drafting/paragraph"), data={
        "form": f"add-{tip.id}", "section_id": tip.id, "kind": "operative",
        "text": "To invite member states to report on victims' support."})
    assert plain.status_code == 303
    assert "Paragraph added." in chair.get(plain.headers["Location"]).data.decode()

    fragment = chair.post(at("/drafting/paragraph"), headers=HTMX, data={
        "form": f"add-{tip.id}", "section_id": tip.id, "kind": "preambular",
        "text": "CONSIDERING the <b>bold</b> claims of traffickers;"})
    html = fragment.data.decode()
    assert fragment.status_code == 200 and "<html" not in html
    assert 'id="draft-editor"' in html
    # The cap count moved at once: five operative paragraphs now, over the cap of three.
    assert "preambular 3/3, operative 4/3" in html
    assert "Trafficking in persons: 4 operative paragraphs, the cap is 3" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    everything = paragraphs_of(world.session, world.negotiation)
    label_of = labels(everything)
    pp3 = next(p for p in everything if p.text.startswith("CONSIDERING"))
    assert label_of[pp3.id] == "PP3"


def test_a_refused_form_says_why_and_keeps_what_was_typed(
    client_as: Client, at: At, world: World
) -> None:
    refused = client_as("chair").post(at("/drafting/section"), data={
        "form": "add-section", "title": "Security of small island states", "kind": "item",
        "area": ""})
    html = refused.data.decode()
    assert refused.status_code == 422
    assert "An item belongs to one of the eight thematic areas" in html
    assert 'value="Security of small island states"' in html
    assert len(sections_of(world.session, world.negotiation)) == 3


def test_sections_and_paragraphs_are_edited_moved_and_removed(
    client_as: Client, at: At, world: World
) -> None:
    chair, p = client_as("chair"), world.paragraphs
    assert chair.post(at("/drafting/section"), data={
        "title": "Cybersecurity", "kind": "item", "area": "6"}).status_code == 303
    cyber = sections_of(world.session, world.negotiation)[-1]
    assert chair.post(at(f"/drafting/section/{cyber.id}/move"), data={"step": "-1"}
                      ).status_code == 303
    assert [s.title for s in sections_of(world.session, world.negotiation)][2] == "Cybersecurity"
    assert chair.post(at(f"/drafting/paragraph/{p['op2'].id}/move"),
                      data={"section_id": cyber.id}).status_code == 303
    assert chair.post(at(f"/drafting/paragraph/{p['op2'].id}"), data={
        "text": "To encourage member states to share information online.",
        "written_on": p["op2"].current_version.id}).status_code == 303
    assert chair.post(at(f"/drafting/paragraph/{p['op3a'].id}/remove")).status_code == 303
    world.session.expire_all()
    assert p["op2"].section_id == cyber.id and p["op2"].text.endswith("online.")
    assert [s.text for s in p["op3"].subparagraphs] == [
        "Continue training for border officials; and",
        "Report to the Committee before the next session."]
    stale = chair.post(at(f"/drafting/paragraph/{p['op2'].id}"), data={
        "form": f"paragraph-{p['op2'].id}", "text": "An older edit.",
        "written_on": p["op2"].versions[0].id})
    assert stale.status_code == 409 and "An older edit." in stale.data.decode()


def test_the_preview_reads_as_the_document_to_circulate(
    client_as: Client, at: At, world: World
) -> None:
    html = client_as("chair").get(at("/drafting/preview")).data.decode()
    assert "CP/CSH-2251/24" in html and "Not circulated yet" in html
    assert html.index("RECALLING the Inter-American") < html.index("To urge member states")
    assert "3." in html and "(a)" in html
    assert client_as("secretariat").get(at("/drafting/preview")).status_code == 200
    assert client_as("mex").get(at("/drafting/preview")).status_code == 403


def test_circulating_rev_0_freezes_the_editor(client_as: Client, at: At, world: World) -> None:
    chair = client_as("chair")
    assert client_as("mex").post(at("/drafting/circulate")).status_code == 403
    done = confirm_and_circulate(chair, at("/drafting/circulate"), {"note": "First draft"})
    assert done.status_code == 303
    revision = world.session.scalars(select(Revision)).one()
    assert revision.number == 0 and revision.note == "First draft"
    page = chair.get(at("/drafting/")).data.decode()
    assert "the draft is frozen" in page and "Add the paragraph" not in page
    before = paragraph_count(world)
    refused = chair.post(at("/drafting/paragraph"), data={
        "section_id": world.sections["tip"].id, "kind": "operative", "text": "To act."})
    assert refused.status_code == 409 and "has been circulated" in refused.data.decode()
    assert paragraph_count(world) == before
    again = chair.post(at("/drafting/circulate"))
    assert again.status_code == 409
    assert world.session.scalar(select(func.count()).select_from(Revision)) == 1


def test_drafting_forms_need_the_csrf_token(
    csrf_app: Flask, accounts: dict[str, Account], at: At, world: World
) -> None:
    client = csrf_app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = str(accounts["chair"].id)
        cookie["_fresh"] = True
    forged = client.post(at("/drafting/section"), data={"title": "X", "kind": "entity"})
    assert forged.status_code == 400
    assert len(sections_of(world.session, world.negotiation)) == 3


def test_the_next_cycle_starts_from_this_ones_resolution(
    app: Flask, client_as: Client, accounts: dict[str, Account], world: World
) -> None:
    world.after_deadline()
    for section in world.sections.values():
        triage_section(world.session, world.negotiation, CHAIR, section, world.now)
    for key in ("pp1", "op1", "jid1"):
        decide(world.session, world.negotiation, CHAIR, world.paragraphs[key], "approve",
               world.now)
    following = create_negotiation(
        world.session, SYSTEM, world.now, committee="csh",
        committee_name="Committee on Hemispheric Security", cycle="2024-2025",
        title="Advancing Hemispheric Security 2025", symbol="CP/CSH-2300/25",
        timezone="America/New_York", rules="csh-2023-2024")
    appoint(world.session, following, SYSTEM, accounts["chair"], Role.CHAIR, world.now)
    world.session.flush()
    with app.test_request_context():
        def page(endpoint: str, **values: str) -> str:
            return url_for(endpoint, committee="csh", cycle="2024-2025", **values)
        previous, comparison = page("drafting.previous"), page(
            "drafting.comparison", earlier="2023-2024")
        download = page("drafting.comparison_file", earlier="2023-2024", fmt="docx")

    chair = client_as("chair")
    assert "2023-2024 · CP/CSH-2251/24" in chair.get(previous).data.decode()
    started = chair.post(previous, data={"earlier": "2023-2024"})
    assert started.status_code == 303
    assert "3 sections and 3 approved paragraphs carried over" in chair.get(
        started.headers["Location"]).data.decode()
    assert [p.text for p in paragraphs_of(world.session, following)] == [
        world.paragraphs[k].text for k in ("pp1", "op1", "jid1")]
    again = chair.post(previous, data={"earlier": "2023-2024"})
    assert "nothing was changed" in chair.get(again.headers["Location"]).data.decode()
    html = chair.get(comparison).data.decode()
    assert "Comparison of the 2024-2025 draft with the 2023-2024 resolution" in html
    assert chair.get(download).data.startswith(b"PK")
    assert client_as("mex").get(previous).status_code == 403


def test_numbers_stay_until_the_chair_renumbers_from_the_desk(
    client_as: Client, at: At, world: World
) -> None:
    chair = client_as("chair")
    assert confirm_and_circulate(chair, at("/drafting/circulate")).status_code == 303
    peru = submit_new_paragraph(
        world.session, world.negotiation, world.delegate("PER"), world.sections["tip"],
        ParagraphKind.OPERATIVE, "To encourage victim-centred approaches.", world.now,
        after=world.paragraphs["op1"]).amendment.paragraph
    world.session.flush()
    assert "1 bis" in chair.get(at("/draft/")).data.decode()
    desk = chair.get(at("/chair/")).data.decode()
    assert "Renumber the paragraphs in order" in desk

    def label_in(number: int) -> str:
        revision = world.session.scalars(select(Revision).where(
            Revision.negotiation_id == world.negotiation.id, Revision.number == number)).one()
        return next(e.label for e in revision.entries if e.paragraph_id == peru.id)

    assert confirm_and_circulate(chair, at("/chair/circulate"), {"note": "Rev. 1"}
                                 ).status_code == 303
    assert label_in(1) == "1 bis"
    assert confirm_and_circulate(chair, at("/chair/circulate"),
                                 {"note": "Rev. 2", "renumber": "yes"}).status_code == 303
    assert label_in(2) == "2"


def test_the_chairs_paragraphs_in_an_entitys_section_are_the_chairs(
    client_as: Client, at: At, world: World
) -> None:
    chair, jid = client_as("chair"), world.sections["jid"]
    assert chair.post(at("/drafting/paragraph"), data={
        "form": f"add-{jid.id}", "section_id": jid.id, "kind": "operative",
        "text": "To request the JID to report on its training courses."}).status_code == 303
    written = next(p for p in paragraphs_of(world.session, world.negotiation)
                   if p.text.startswith("To request the JID to report"))
    page = chair.get(at(f"/draft/paragraph/{written.id}")).data.decode()
    assert "proposed by Chair" in page and "proposed by JID" not in page
    # A paragraph the entity itself proposed still says so.
    entitys = chair.get(at(f"/draft/paragraph/{world.paragraphs['jid1'].id}")).data.decode()
    assert "proposed by JID" in entitys
