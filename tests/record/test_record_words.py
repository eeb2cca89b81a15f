"""Every act's record entry keeps its words besides its English summary, so that each
reader reads it in their own language; the summary is the words' English. So does a reason
the app gives itself; a person's reason stays as typed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.demo.loader import load_cycle
from negotiation.draft.circulation import circulate_revision
from negotiation.models import RecordEntry
from negotiation.record.wording import entry_in, reason_in
from negotiation.setup.structure import circulate_first_draft
from tests.builders import CHAIR, World


def test_every_act_of_a_cycle_keeps_its_words_and_its_english(session: Session) -> None:
    load_cycle(session)
    entries = session.scalars(select(RecordEntry)).all()
    assert len(entries) > 20
    assert [e.summary for e in entries if not e.words] == []
    assert [e.summary for e in entries if entry_in(e, "en") != e.summary] == []
    # The delegations are named in each reader's language: "Brasil", "Brésil", not "Brazil".
    sent = next(e for e in entries if e.action == "proposal_modify")
    brazil = sent.words["p"]["delegation"]["names"]
    assert (brazil["en"], brazil["es"], brazil["fr"]) == ("Brazil", "Brasil", "Brésil")
    assert entry_in(sent, "fr").startswith("Brésil")


@pytest.mark.first_draft
def test_a_reason_the_app_gives_itself_keeps_its_words_and_a_person_s_stays_as_typed(
    world: World,
) -> None:
    """Rev. 0 circulated without a note of the chair's: the app's "First draft" is read in
    each reader's language; rev. 1's note is the chair's, kept as typed."""
    session, negotiation = world.session, world.negotiation
    first = circulate_first_draft(session, negotiation, CHAIR, world.now)
    second = circulate_revision(session, negotiation, CHAIR, world.now,
                                note="Tras las consultas oficiosas", expected_number=1)
    entries = {e.subject: e for e in session.scalars(select(RecordEntry).where(
        RecordEntry.action == "revision_circulated"))}
    app_s, chair_s = entries[f"revision:{first.id}"], entries[f"revision:{second.id}"]
    assert (app_s.reason, first.note) == ("First draft", "First draft")
    assert [reason_in(app_s, language) for language in ("es", "fr", "pt")] == [
        "Primer proyecto", "Premier projet", "Primeiro projeto"]
    assert chair_s.reason_words is None
    assert reason_in(chair_s, "fr") == "Tras las consultas oficiosas"


def test_french_and_portuguese_readers_read_the_states_with_their_articles(
        session: Session) -> None:
    load_cycle(session)
    joined = next(e for e in session.scalars(select(RecordEntry).where(
        RecordEntry.action == "proposal_joined")))
    assert joined.summary == "Paraguay joined proposal 1 by Brazil"
    assert entry_in(joined, "fr") == "Le Paraguay a rejoint la proposition 1 du Brésil"
    assert entry_in(joined, "pt") == "O Paraguai aderiu à proposta 1 do Brasil"
    assert entry_in(joined, "es") == "Paraguay se sumó a la propuesta 1 de Brasil"
