"""The record through the API reads as the Record page does, in its reader's language: the
language the request asks for, else the token owner's, else English. What the record keeps
(the English ``summary``, the ``reason`` as given) stays beside, for the scripts that read it
already."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from negotiation.chairing.decisions import triage_section
from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.enums import AmendmentKind, Role
from negotiation.models import Account, Amendment, RecordEntry
from negotiation.proposals.submissions import submit_proposal
from negotiation.text.languages import LANGUAGES
from tests.builders import CHAIR, World
from tests.web.api.conftest import ApiClient

Api = Callable[[str | None], ApiClient]


@pytest.fixture
def decided(world: World) -> tuple[Amendment, Amendment]:
    """Mexico proposed a new text of operative paragraph 1 and asked to delete operative
    paragraph 2; the chair accepted both."""
    mexico = world.delegations["MEX"]
    mexico.name_es, mexico.name_fr = "México", "Mexique"
    modified, deleted = world.paragraphs["op1"], world.paragraphs["op2"]
    sent = [submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph, kind, world.now,
        written_on=paragraph.current_version.id, **words).amendment
        for paragraph, kind, words in (
            (modified, AmendmentKind.MODIFY, {"text": "To urge member states to cooperate."}),
            (deleted, AmendmentKind.DELETE, {"comment": "Repeats operative paragraph 1."}))]
    world.after_deadline()
    triage_section(world.session, world.negotiation, CHAIR, modified.section, world.now)
    for amendment in sent:
        accept_proposal(world.session, world.negotiation, CHAIR, amendment, world.now)
    world.session.flush()
    return sent[0], sent[1]


def _entry(client: ApiClient, subject: str, language: str | None = None) -> dict[str, Any]:
    """The newest entry of the record, as the API answers it, on ``subject``
    ("amendment:3", "paragraph:7")."""
    headers = {**client.headers, **({"Accept-Language": language} if language else {})}
    answer = client.client.get("/api/v1/record", headers=headers)
    assert answer.status_code == 200
    return next(e for e in answer.json["entries"] if e["subject"] == subject)


def test_a_spanish_speaking_secretariat_s_script_reads_the_record_in_spanish(
    api_as: Api, accounts: dict[str, Account], world: World,
    decided: tuple[Amendment, Amendment],
) -> None:
    accounts["secretariat"].language = "es"
    world.session.flush()
    modified, deleted = decided
    accepted = _entry(api_as("secretariat"), f"amendment:{modified.id}")
    assert accepted["text"] == f"Propuesta {modified.number} de México aceptada"
    assert accepted["language"] == "es"
    # What scripts read already stays as the record keeps it.
    assert accepted["summary"] == f"Proposal {modified.number} by Mexico accepted"
    # The reason the app gave the deletion reads in Spanish too; the English stays beside.
    deletion = _entry(api_as("secretariat"), f"paragraph:{deleted.paragraph_id}")
    assert deletion["reason_text"] == "Solicitud de supresión de México aceptada"
    assert deletion["reason"] == "Request to delete by Mexico accepted"


def test_the_language_asked_for_comes_before_the_account_s(
    api_as: Api, accounts: dict[str, Account], world: World,
    decided: tuple[Amendment, Amendment],
) -> None:
    accounts["chair"].language = "es"
    world.session.flush()
    modified, deleted = decided
    asked = _entry(api_as("chair"), f"amendment:{modified.id}", "fr-CA, en;q=0.5")
    assert (asked["text"], asked["language"]) == (
        f"Proposition {modified.number} du Mexique acceptée", "fr")
    deletion = _entry(api_as("chair"), f"paragraph:{deleted.paragraph_id}", "fr")
    assert deletion["reason_text"] == "Demande de suppression du Mexique acceptée"
    # A language the app does not speak leaves the account's.
    assert _entry(api_as("chair"), f"amendment:{modified.id}", "de")["language"] == "es"


def test_without_a_language_the_record_reads_in_english(
    api_as: Api, decided: tuple[Amendment, Amendment],
) -> None:
    modified, _deleted = decided
    accepted = _entry(api_as("chair"), f"amendment:{modified.id}")
    assert (accepted["text"], accepted["language"]) == (
        f"Proposal {modified.number} by Mexico accepted", "en")
    assert accepted["text"] == accepted["summary"]


def test_an_entry_written_before_the_record_kept_its_words_says_it_is_english(
    api_as: Api, world: World,
) -> None:
    world.session.add(RecordEntry(
        negotiation_id=world.negotiation.id, at=world.now, actor_role=Role.CHAIR,
        actor_name="Chair", action="proposal_accepted", subject="amendment:999",
        summary="Proposal 99 by Mexico accepted", reason="Agreed in the room"))
    world.session.flush()
    old = _entry(api_as("chair"), "amendment:999", "es")
    assert (old["text"], old["reason_text"], old["language"]) == (
        "Proposal 99 by Mexico accepted", "Agreed in the room", "en")


def test_the_document_describes_the_record_in_each_language(app: Flask) -> None:
    document = app.test_client().get("/api/v1/openapi.json").json
    entry = document["components"]["schemas"]["RecordEntryOut"]
    assert {"summary", "reason", "text", "reason_text", "language"} <= set(entry["required"])
    assert entry["properties"]["language"]["enum"] == list(LANGUAGES)
