"""The documents' header lines, set by the secretariat or the chair on their setup page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

import pytest
from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from negotiation.documents.comparison import build_comparison
from negotiation.documents.word.body import comparison_docx
from negotiation.models import RecordEntry
from negotiation.models.people.accounts import Account
from negotiation.people.signin import start_session
from tests.builders import World

Client = Callable[[str | None], FlaskClient]
Url = Callable[[str], str]


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


def test_the_secretariat_sets_the_header_through_the_form_and_the_word_file_prints_it(
    world: World, csrf_app: Flask, accounts: dict[str, Account], at: Url
) -> None:
    client = csrf_app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = start_session(world.session, accounts["secretariat"],
                                           datetime.now(UTC))
        cookie["_fresh"] = True
    page = client.get(at("/header/")).data.decode()
    assert "OEA/Ser.G</textarea>" in page
    lines = "  OEA/Ser.L/X.2.25 \n\nCICTE/doc.5/25\n"

    refused = client.post(at("/header/"), data={"header_lines": lines})
    assert refused.status_code == 400
    world.session.expire_all()
    assert world.negotiation.header_lines == "OEA/Ser.G"

    saved = client.post(at("/header/"), data={
        "header_lines": lines, "csrf_token": _hidden(page, "csrf_token"),
        "form_key": _hidden(page, "form_key")})
    assert saved.status_code == 303
    world.session.expire_all()
    assert world.negotiation.header_lines == "OEA/Ser.L/X.2.25\nCICTE/doc.5/25"
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.action == "document_header_changed")).one()
    assert "OEA/Ser.G → OEA/Ser.L/X.2.25 / CICTE/doc.5/25" in entry.summary

    word = comparison_docx(build_comparison(world.session, world.negotiation, world.now))
    right = Document(BytesIO(word)).tables[0].rows[0].cells[1].paragraphs
    assert [p.text for p in right][:2] == ["OEA/Ser.L/X.2.25", "CICTE/doc.5/25"]


@pytest.mark.parametrize("who", ["mex", "observer"])
def test_a_delegate_or_an_observer_cannot_set_the_header(
    world: World, client_as: Client, at: Url, who: str
) -> None:
    client = client_as(who)
    assert client.get(at("/header/")).status_code == 403
    assert client.post(at("/header/"), data={"header_lines": "X"}).status_code == 403
    world.session.expire_all()
    assert world.negotiation.header_lines == "OEA/Ser.G"


def test_the_chair_empties_the_header_and_too_many_lines_are_refused_beside_the_field(
    world: World, client_as: Client, at: Url
) -> None:
    chair = client_as("chair")
    refused = chair.post(at("/header/"), data={"header_lines": "\n".join("ABCDEFG")})
    assert refused.status_code == 422
    assert "The header has at most 6 lines." in refused.data.decode()
    assert 'id="header_lines-error"' in refused.data.decode()
    assert chair.post(at("/header/"), data={"header_lines": ""}).status_code == 303
    world.session.expire_all()
    assert world.negotiation.header_lines == ""
