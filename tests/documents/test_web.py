"""The documents pages and downloads, and the re-base button, through the web app."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

import pytest
from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from negotiation.chairing.proposal_decisions import write_compromise
from negotiation.documents.pdf import soffice_path
from negotiation.enums import AmendmentState
from negotiation.models import Account
from negotiation.people.signin import start_session
from tests.builders import CHAIR, World
from tests.documents.scenario import Scenario
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]


def test_comparison_page_for_every_reader_and_nobody_else(
    scenario: Scenario, client_as: Client
) -> None:
    for who in ("chair", "secretariat", "mex", "observer"):
        page = client_as(who).get(at("/documents/comparison"))
        assert page.status_code == 200, who
        html = page.get_data(as_text=True)
        assert "Paragraphs with proposed modifications" in html
        assert '<del class="del">strengthen</del>' in html
        assert f'<a href="{at("/documents/comparison")}"' in html  # the nav link
    anonymous = client_as(None).get(at("/documents/comparison"))
    assert anonymous.status_code in (302, 401)


def test_filters_on_the_page(scenario: Scenario, client_as: Client) -> None:
    html = client_as("secretariat").get(
        at("/documents/comparison?delegation=CHL")).get_data(as_text=True)
    assert "Proposals of Chile" in html and "Requests the deletion" in html
    assert "Mexico, joined by" not in html


@pytest.mark.parametrize("fmt", ["docx", "html"] + (
    ["pdf"] if soffice_path() is not None or os.environ.get("CI") == "true" else []))
def test_downloads_for_the_secretariat_not_for_anonymous(
    scenario: Scenario, client_as: Client, fmt: str
) -> None:
    response = client_as("secretariat").get(at(f"/documents/comparison.{fmt}?revision=1"))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].endswith(f'rev-1-comparison.{fmt}"')
    if fmt == "docx":
        texts = [p.text for p in Document(BytesIO(response.data)).paragraphs]
        assert "Proposal 1: Mexico, joined by Canada — Proposed modification" in texts
    elif fmt == "pdf":
        assert "CP/CSH-2251/24 rev. 1" in PdfReader(BytesIO(response.data)).pages[0].extract_text()
    refused = client_as(None).get(at(f"/documents/comparison.{fmt}"))
    assert refused.status_code in (302, 401)
    assert not refused.data.startswith((b"PK", b"%PDF"))


def test_revisions_page_and_download(scenario: Scenario, client_as: Client) -> None:
    client = client_as("secretariat")
    html = client.get(at("/documents/revisions?from=0&to=1")).get_data(as_text=True)
    assert "[added]" in html and "CP/CSH-2251/24 rev. 1 compared with CP/CSH-2251/24" in html
    download = client.get(at("/documents/revisions.docx?from=0&to=1"))
    assert download.status_code == 200 and download.data.startswith(b"PK")
    anonymous = client_as(None).get(at("/documents/revisions.docx?from=0&to=1"))
    assert anonymous.status_code in (302, 401)


def _stale(world: World, scenario: Scenario) -> None:
    op1 = world.paragraphs["op1"]
    write_compromise(world.session, world.negotiation, CHAIR, op1,
                     "To urge member states to strengthen cooperation against trafficking in "
                     "persons and smuggling of migrants.", world.now,
                     written_on=op1.current_version.id, settles=[])


def test_rebase_button_with_csrf(
    world: World, scenario: Scenario, csrf_app: Flask, accounts: dict[str, Account]
) -> None:
    _stale(world, scenario)
    client = csrf_app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = start_session(world.session, accounts["mex"], datetime.now(UTC))
        cookie["_fresh"] = True
    page = client.get(at("/documents/comparison")).get_data(as_text=True)
    action = at(f"/documents/proposal/{scenario.modify.id}/rebase")
    assert f'action="{action}"' in page
    assert client.post(action).status_code == 400  # no CSRF token
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    back = at("/documents/comparison")
    done = client.post(action, data={"csrf_token": token.group(1), "next": back})
    assert done.status_code == 303 and done.headers["Location"].endswith(back)
    world.session.expire_all()
    assert scenario.modify.state is AmendmentState.SUPERSEDED


def test_rebase_refused_to_another_delegation(
    world: World, scenario: Scenario, client_as: Client
) -> None:
    _stale(world, scenario)
    client = client_as("can")  # Canada joined Mexico's proposal; it is not its own
    assert at(f"/documents/proposal/{scenario.modify.id}/rebase") not in client.get(
        at("/documents/comparison")).get_data(as_text=True)
    assert client.post(at(f"/documents/proposal/{scenario.modify.id}/rebase")).status_code == 403
    world.session.expire_all()
    assert scenario.modify.state is AmendmentState.SUBMITTED


def test_state_filter_and_whole_draft_layout_on_the_page_and_downloads(
    scenario: Scenario, client_as: Client
) -> None:
    client = client_as("secretariat")
    page = client.get(at("/documents/comparison?state=amended")).get_data(as_text=True)
    assert "Paragraphs: modifications proposed" in page
    assert "Requests the deletion" in page and "Name the Caribbean routes" not in page
    download = client.get(at("/documents/comparison.html?state=amended&delegation=CHL"))
    html = download.get_data(as_text=True)
    assert "Proposals of Chile; Paragraphs: modifications proposed" in html
    assert "Mexico, joined by" not in html
    whole = client.get(at("/documents/comparison?layout=draft")).get_data(as_text=True)
    assert "The draft with every proposal in place" in whole
    assert "Paragraphs with proposed modifications" not in whole
    assert client.get(at("/documents/comparison?state=nonsense")).status_code == 404
