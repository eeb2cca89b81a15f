"""Many negotiations in one installation: each has its own address, people and record, a
role in one gives nothing in another, and a closed cycle is an archive."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from negotiation.actors import SYSTEM
from negotiation.draft.writing import add_paragraph
from negotiation.enums import AmendmentKind, ParagraphKind, Role, SectionKind
from negotiation.errors import NegotiationClosed
from negotiation.models import Account, Amendment, Negotiation, RecordEntry, Section
from negotiation.people.appointments import (
    actor_in,
    admit_delegations,
    appoint,
    close_negotiation,
    create_negotiation,
)
from negotiation.proposals.submissions import submit_proposal
from tests.builders import CHAIR, World
from tests.web.addresses import at
from web.plumbing.dbsession import db

Client = Callable[[str | None], FlaskClient]
CAJP = "/cajp/2024-2025"


@pytest.fixture
def cajp(world: World, accounts: dict[str, Account]) -> Negotiation:
    """A second negotiation: the CAJP's, with one section and one paragraph, Chile admitted,
    and the CSH's chair sitting in it as a delegate of Chile."""
    session = world.session
    negotiation = create_negotiation(
        session, SYSTEM, world.now, committee="cajp",
        committee_name="Committee on Juridical and Political Affairs", cycle="2024-2025",
        title="International Law", symbol="CP/CAJP-4000/25", timezone="America/New_York",
        original_language="es",
    )
    section = Section(negotiation_id=negotiation.id, code="law", kind=SectionKind.ITEM,
                      area=8, title="Inter-American law", position=1)
    session.add(section)
    session.flush()
    add_paragraph(session, section, ParagraphKind.OPERATIVE,
                  "To encourage the codification of international law.", CHAIR, world.now)
    admit_delegations(session, negotiation, [world.delegations["CHL"]])
    appoint(session, negotiation, SYSTEM, accounts["chair"], Role.DELEGATION, world.now,
            delegation=world.delegations["CHL"])
    appoint(session, negotiation, SYSTEM, accounts["observer"], Role.CHAIR, world.now)
    session.flush()
    return negotiation


def test_each_negotiation_has_its_own_address(cajp: Negotiation, client_as: Client) -> None:
    chair = client_as("chair")
    csh = chair.get(at("/")).get_data(as_text=True)
    assert "Advancing Hemispheric Security" in csh
    assert 'href="/csh/2023-2024/draft/"' in csh  # links stay within the negotiation
    cajp_home = chair.get(f"{CAJP}/").get_data(as_text=True)
    assert "International Law" in cajp_home
    assert f'href="{CAJP}/draft/"' in cajp_home
    assert chair.get("/oas/1999-2000/").status_code == 404


def test_one_person_chairs_one_negotiation_and_is_a_delegate_in_another(
    cajp: Negotiation, client_as: Client
) -> None:
    person = client_as("chair")
    csh = person.get(at("/")).get_data(as_text=True)
    assert "Chair&#39;s desk" in csh or "Chair's desk" in csh
    assert "My proposals" not in csh
    there = person.get(f"{CAJP}/").get_data(as_text=True)
    assert "My proposals" in there and "Chair's desk" not in there
    assert "Chile" in there  # the delegation acted for, named in the header
    assert person.get(f"{CAJP}/chair/").status_code == 403
    assert person.get(at("/chair/")).status_code == 200
    assert person.get(f"{CAJP}/proposals/mine").status_code == 200
    assert person.get(at("/proposals/mine")).status_code == 403


def test_a_role_in_one_negotiation_gives_nothing_in_another(
    cajp: Negotiation, world: World, client_as: Client
) -> None:
    # Mexico is not admitted to the CAJP's negotiation; the CSH's secretariat is not in it.
    assert client_as("mex").get(f"{CAJP}/").status_code == 403
    assert client_as("secretariat").get(f"{CAJP}/record/").status_code == 403
    # The observer of the CSH chairs the CAJP, and only there.
    observer = client_as("observer")
    assert observer.get(f"{CAJP}/chair/").status_code == 200
    assert observer.get(at("/chair/")).status_code == 403
    # A role held in one negotiation does not act in another: circulating the CSH draft.
    before = world.session.scalar(select(func.count()).select_from(RecordEntry))
    assert observer.post(at("/chair/circulate"), data={"note": "x"}).status_code == 403
    assert world.session.scalar(select(func.count()).select_from(RecordEntry)) == before


def test_ids_of_one_negotiation_are_not_found_through_another(
    cajp: Negotiation, world: World, client_as: Client
) -> None:
    paragraph = world.paragraphs["op1"]
    chile = client_as("chair")  # a delegate of Chile in the CAJP
    assert chile.get(f"{CAJP}/draft/paragraph/{paragraph.id}").status_code == 404
    sent = chile.post(f"{CAJP}/proposals/paragraph/{paragraph.id}", data={
        "kind": "comment", "comment": "Sent through the wrong negotiation"})
    assert sent.status_code == 404
    assert world.session.scalar(select(func.count()).select_from(Amendment)) == 0
    record = client_as("observer").get(f"{CAJP}/record/").get_data(as_text=True)
    assert "Trafficking" not in record


def test_the_start_page_lists_current_negotiations_first_then_the_archive(
    cajp: Negotiation, world: World, client_as: Client
) -> None:
    close_negotiation(world.session, world.negotiation, CHAIR, world.now, "Adopted")
    world.session.flush()
    page = client_as("chair").get("/").get_data(as_text=True)
    assert page.index("CAJP 2024-2025") < page.index("Archive") < page.index("CSH 2023-2024")
    # Mexico takes part only in the CSH's (now archived) negotiation.
    mexico = client_as("mex").get("/").get_data(as_text=True)
    assert "CSH 2023-2024" in mexico and "CAJP" not in mexico


def test_a_closed_cycle_is_read_only(world: World, client_as: Client) -> None:
    close_negotiation(world.session, world.negotiation, CHAIR, world.now, "Adopted")
    world.session.flush()
    paragraph = world.paragraphs["op1"]
    mexico = client_as("mex")
    page = mexico.get(at(f"/draft/paragraph/{paragraph.id}"))
    assert page.status_code == 200 and "(archive)" in page.get_data(as_text=True)
    # No form invites what would be refused.
    assert 'id="modify-form"' not in page.get_data(as_text=True)
    assert "takes no more proposals" in page.get_data(as_text=True)
    form = mexico.get(at(f"/proposals/section/{paragraph.section.id}/new")).get_data(as_text=True)
    assert 'id="new-paragraph-form"' not in form and "This cycle is closed" in form
    assert mexico.get(at("/documents/comparison")).status_code == 200
    refused = mexico.post(at(f"/proposals/paragraph/{paragraph.id}"), data={
        "kind": "comment", "comment": "Too late"})
    assert refused.status_code == 409
    assert "accepts no change" in refused.get_data(as_text=True)
    assert world.session.scalar(select(func.count()).select_from(Amendment)) == 0
    # The domain refuses too, whatever the way in.
    with pytest.raises(NegotiationClosed):
        submit_proposal(world.session, world.negotiation, world.delegate("MEX"), paragraph,
                        AmendmentKind.COMMENT, world.now, written_on=paragraph.current_version.id,
                        comment="Through the back door")


def test_an_administrator_opens_a_negotiation_and_appoints_its_chair(
    world: World, client_as: Client, accounts: dict[str, Account]
) -> None:
    admin = client_as("admin")
    form = {"committee": "CAJP", "committee_name": "Committee on Juridical and Political Affairs",
            "cycle": "2024-2025", "title": "International Law", "symbol": "CP/CAJP-4000/25",
            "timezone": "Mars/Olympus", "original_language": "es", "thematic_areas": "on"}
    assert 'name="thematic_areas" value="on" checked' in admin.get("/").get_data(as_text=True)
    refused = admin.post("/negotiations", data=form)
    assert refused.status_code == 422
    assert "is not a time zone" in refused.get_data(as_text=True)
    assert 'value="CP/CAJP-4000/25"' in refused.get_data(as_text=True)  # what was typed stays
    created = admin.post("/negotiations", data={**form, "timezone": "America/New_York"})
    assert created.status_code == 303 and created.headers["Location"] == f"{CAJP}/people/"
    twice = admin.post("/negotiations", data={**form, "timezone": "America/New_York"})
    assert twice.status_code == 422 and "exists already" in twice.get_data(as_text=True)

    appointed = admin.post(f"{CAJP}/people/", data={"username": "can", "role": "chair"})
    assert appointed.status_code == 303
    negotiation = world.session.scalars(
        select(Negotiation).where(Negotiation.committee == "CAJP")).one()
    assert negotiation.thematic_areas
    actor = actor_in(world.session, accounts["can"], negotiation)
    assert actor is not None and actor.role is Role.CHAIR
    assert client_as("can").get(f"{CAJP}/chair/").status_code == 200
    # The secretariat of another negotiation cannot appoint anyone here.
    assert client_as("secretariat").post(
        f"{CAJP}/people/", data={"username": "mex", "role": "observer"}).status_code == 403


def test_a_committee_without_thematic_areas_is_opened_without_them(
    world: World, client_as: Client
) -> None:
    admin = client_as("admin")
    form = {"committee": "CICTE", "committee_name": "Inter-American Committee against Terrorism",
            "cycle": "2025", "title": "Cooperation against terrorism", "symbol": "CICTE/doc.5/25",
            "timezone": "America/New_York", "original_language": "en"}  # the box unticked
    assert admin.post("/negotiations", data=form).status_code == 303
    cicte = world.session.scalars(select(Negotiation).where(Negotiation.committee == "CICTE")).one()
    assert not cicte.thematic_areas


def test_a_new_committee_gives_its_documents_header_when_it_is_opened(
    world: World, client_as: Client
) -> None:
    admin = client_as("admin")
    page = admin.get("/").get_data(as_text=True)
    # Offered as the Permanent Council's committees print it, to be changed for another body.
    assert re.search(r'<textarea id="header_lines" name="header_lines"[^>]*>OEA/Ser.G</textarea>',
                     page)
    form = {"committee": "CICTE", "committee_name": "Inter-American Committee against Terrorism",
            "cycle": "2025", "title": "Cooperation against terrorism", "symbol": "CICTE/doc.5/25",
            "timezone": "America/New_York", "original_language": "en"}
    # The header page's own rule: at most six lines.
    seven = "\n".join(f"Line {n}" for n in range(1, 8))
    refused = admin.post("/negotiations", data={**form, "header_lines": seven})
    assert refused.status_code == 422
    assert "The header has at most 6 lines." in refused.get_data(as_text=True)
    assert "Line 7</textarea>" in refused.get_data(as_text=True)  # what was typed stays
    assert world.session.scalars(select(Negotiation).where(
        Negotiation.committee == "CICTE")).first() is None  # nothing opened

    opened = admin.post("/negotiations", data={
        **form, "header_lines": "  OEA/Ser.L/X.2.25 \r\n\r\nCICTE/doc.5/25"})
    assert opened.status_code == 303
    cicte = world.session.scalars(select(Negotiation).where(Negotiation.committee == "CICTE")).one()
    assert cicte.header_lines == "OEA/Ser.L/X.2.25\nCICTE/doc.5/25"
    assert "OEA/Ser.L/X.2.25 / CICTE/doc.5/25" in world.session.scalars(
        select(RecordEntry.summary).where(RecordEntry.negotiation_id == cicte.id,
                                          RecordEntry.action == "document_header_changed")).one()
    # Emptied, the documents print no header line.
    admin.post("/negotiations", data={**form, "cycle": "2026", "header_lines": ""})
    assert world.session.scalars(select(Negotiation.header_lines).where(
        Negotiation.committee == "CICTE", Negotiation.cycle == "2026")).one() == ""


def test_late_leave_is_only_for_delegations_taking_part(
    cajp: Negotiation, world: World, client_as: Client
) -> None:
    world.after_deadline()
    mexico = world.delegations["MEX"]
    chair = client_as("observer")  # the CAJP's chair
    page = chair.get(f"{CAJP}/chair/late/").get_data(as_text=True)
    assert "Chile" in page and "Mexico" not in page
    refused = chair.post(f"{CAJP}/chair/late/", data={
        "delegation": str(mexico.id), "until": "2024-05-10T18:00", "reason": "Delayed"})
    assert refused.status_code == 422
    assert "Mexico takes no part in this negotiation" in refused.get_data(as_text=True)


@pytest.mark.parametrize(("reason", "named"), [
    ("\x01", "control character"), ("ok\x7f", "control character"),
    ("\u202e", "right-to-left override")])
@pytest.mark.parametrize("who", ["chair", "admin"])
def test_a_closing_reason_with_a_control_character_is_refused_and_the_cycle_stays_open(
    world: World, client_as: Client, reason: str, named: str, who: str
) -> None:
    response = client_as(who).post(at("/close"), data={"reason": reason})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The reason contains a" in page and named in page
    assert 'id="close-reason"' in page  # the form again, to correct the reason
    world.session.refresh(world.negotiation)
    assert not world.negotiation.is_closed
    assert world.session.scalar(select(func.count()).select_from(RecordEntry).where(
        RecordEntry.action == "negotiation_closed")) == 0


def test_a_domain_refusal_no_view_caught_is_a_refusal_not_a_server_error(
    world: World, app: Flask, client_as: Client
) -> None:
    # Any view that lets the domain's refusal through (here one written to do so) answers
    # with the refusal's words and status, and what it began is rolled back.
    @app.post("/refusal-escaping")
    def escaping() -> str:
        close_negotiation(db(), db().merge(world.negotiation), CHAIR, world.now, "\x01")
        return "not reached"

    response = client_as("chair").post("/refusal-escaping")
    assert response.status_code == 422
    assert "The reason contains a control character" in response.get_data(as_text=True)
    world.session.refresh(world.negotiation)
    assert not world.negotiation.is_closed
