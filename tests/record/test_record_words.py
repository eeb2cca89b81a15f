"""Every act's record entry keeps its words besides its English summary, so that each
reader reads it in their own language; the summary is the words' English."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.demo.loader import load_cycle
from negotiation.models import RecordEntry
from negotiation.record.wording import entry_in


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


def test_french_and_portuguese_readers_read_the_states_with_their_articles(
        session: Session) -> None:
    load_cycle(session)
    joined = next(e for e in session.scalars(select(RecordEntry).where(
        RecordEntry.action == "proposal_joined")))
    assert joined.summary == "Paraguay joined proposal 1 by Brazil"
    assert entry_in(joined, "fr") == "Le Paraguay a rejoint la proposition 1 du Brésil"
    assert entry_in(joined, "pt") == "O Paraguai aderiu à proposta 1 do Brasil"
    assert entry_in(joined, "es") == "Paraguay se sumó a la propuesta 1 de Brasil"
