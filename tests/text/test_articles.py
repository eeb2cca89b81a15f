"""A member state's name reads as French and Portuguese write it: with its article,
contracted with the preposition before it ("du Mexique", "dos Estados Unidos"), none for the
names that take none ("d'Haïti", "de Cuba"), capitalised where it opens the sentence; bare in
a label, bare for a name the tables do not know, and as before in English and Spanish."""

from __future__ import annotations

import tomllib
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from negotiation.errors import InvalidSubmission
from negotiation.filling import filled
from negotiation.setup.delegations import MEMBER_STATES
from negotiation.text.articles import FRENCH, PORTUGUESE
from negotiation.text.delegations import Names, StateName, delegation_name, state_name
from negotiation.text.languages import translate, translations


def _states() -> dict[str, SimpleNamespace]:
    with MEMBER_STATES.open("rb") as listed:
        return {s["code"]: SimpleNamespace(**s) for s in tomllib.load(listed)["state"]}


STATES = _states()
MEX, USA, HTI, ARG, CAN, BRB, BRA = (STATES[c] for c in
                                     ("MEX", "USA", "HTI", "ARG", "CAN", "BRB", "BRA"))
CUBA = StateName({"en": "Cuba", "es": "Cuba", "fr": "Cuba", "pt": "Cuba"})
#: A committee's own delegation, which the tables do not know.
ARUBA = StateName({"en": "Aruba", "es": "Aruba", "fr": "Aruba", "pt": "Aruba"})

REPLIED = "%(author)s replied to the comment of %(delegation)s (proposal %(number)s)"
ACCEPTED = ("%(delegation)s accepted the invitation of %(proposer)s to co-sponsor proposal "
            "%(number)s")
GRANTED = "Late leave granted to %(delegation)s; the delegation is told."


def _replied(state: object, language: str) -> str:
    return translate(REPLIED, language, author="Ana", delegation=state, number=3)


def test_every_member_state_has_its_article_in_french_and_portuguese() -> None:
    for state in STATES.values():
        assert state.name_fr in FRENCH, state.name_fr
        assert state.name_pt in PORTUGUESE, state.name_pt
    # Cuba and Nicaragua, members that take no part in this cycle, too.
    assert {"Cuba", "Nicaragua"} <= FRENCH.keys()
    assert {"Cuba", "Nicarágua"} <= PORTUGUESE.keys()


def test_a_french_reader_reads_the_article_contracted_with_de() -> None:
    assert _replied(state_name(MEX), "fr") == (
        "Ana a répondu au commentaire du Mexique (proposition 3)")
    assert "commentaire des États-Unis" in _replied(state_name(USA), "fr")
    assert "commentaire de l'Argentine" in _replied(state_name(ARG), "fr")
    assert "commentaire de la Barbade" in _replied(state_name(BRB), "fr")
    # No article, and "de" elided before a vowel or a mute h.
    assert "commentaire d'Haïti" in _replied(state_name(HTI), "fr")
    assert "commentaire de Cuba" in _replied(CUBA, "fr")


def test_a_french_reader_reads_the_article_contracted_with_a() -> None:
    def granted(state: object) -> str:
        return translate(GRANTED, "fr", delegation=state)

    assert granted(state_name(CAN)).startswith("Autorisation tardive accordée au Canada\u00a0;")
    assert "accordée aux États-Unis" in granted(state_name(USA))
    assert "accordée à la Barbade" in granted(state_name(BRB))
    assert "accordée à l'Argentine" in granted(state_name(ARG))
    assert "accordée à Haïti" in granted(state_name(HTI))


def test_a_name_that_opens_the_sentence_has_its_article_capitalised() -> None:
    said = translate(ACCEPTED, "fr", delegation=state_name(MEX), proposer=state_name(ARG),
                     number=2)
    # The message elides with a typographic apostrophe: the name too.
    assert said == ("Le Mexique a accepté l\u2019invitation de l\u2019Argentine à se porter "
                    "coauteur de la proposition 2")
    assert translate(ACCEPTED, "pt", delegation=state_name(MEX), proposer=state_name(ARG),
                     number=2) == (
        "O México aceitou o convite da Argentina para copatrocinar a proposta 2")
    assert translate(ACCEPTED, "fr", delegation=state_name(HTI), proposer=CUBA,
                     number=2).startswith("Haïti a accepté l\u2019invitation de Cuba ")
    # A plural name is not the subject of a singular verb: its delegation is.
    assert translate(ACCEPTED, "fr", delegation=state_name(USA), proposer=state_name(MEX),
                     number=2).startswith("La délégation des États-Unis a accepté ")
    assert translate(ACCEPTED, "pt", delegation=state_name(USA), proposer=state_name(MEX),
                     number=2).startswith("A delegação dos Estados Unidos aceitou ")


def test_a_portuguese_reader_reads_the_article_contracted_with_its_preposition() -> None:
    assert _replied(state_name(MEX), "pt") == (
        "Ana respondeu ao comentário do México (proposta 3)")
    assert "comentário dos Estados Unidos" in _replied(state_name(USA), "pt")
    assert "comentário da Argentina" in _replied(state_name(ARG), "pt")
    assert "comentário de Cuba" in _replied(CUBA, "pt")
    assert translate(GRANTED, "pt", delegation=state_name(CAN)).startswith(
        "Autorização tardia concedida ao Canadá;")
    assert "concedida à Argentina" in translate(GRANTED, "pt", delegation=state_name(ARG))
    # "em" and "por", which no message has yet, as a translator may write them.
    assert filled("Reunião em %(where)s, presidida por %(chair)s", {
        "where": state_name(BRA), "chair": state_name(USA)}, "pt") == (
        "Reunião no Brasil, presidida pelos Estados Unidos")


def test_a_label_keeps_the_bare_name() -> None:
    # In parentheses, or beside a colon, a name is a label, as in a list.
    assert filled("Proposition %(number)s (%(delegation)s) acceptée", {
        "number": 4, "delegation": state_name(MEX)}, "fr") == "Proposition 4 (Mexique) acceptée"
    assert translate("Proposal %(number)s by %(delegation)s accepted", "fr", number=4,
                     delegation=state_name(MEX)) == "Proposition 4 du Mexique acceptée"
    assert translate("%(delegation)s: new operative paragraph in %(section)s", "pt",
                     delegation=state_name(USA), section="II") == (
        "Estados Unidos: novo parágrafo resolutivo em II")


def test_a_name_after_a_preposition_is_in_the_sentence_though_a_colon_follows() -> None:
    assert translate("National footnote of %(state)s: %(text)s", "fr", state=state_name(MEX),
                     text="…") == "Note de bas de page nationale du Mexique\u00a0: …"
    assert translate("Proposal %(number)s by %(delegation)s: %(where)s already reads as "
                     "proposed", "pt", number=4, delegation=state_name(USA),
                     where="PP1").startswith("Proposta 4 dos Estados Unidos: ")


def test_a_name_the_tables_do_not_know_is_written_bare() -> None:
    assert "commentaire de Aruba" in _replied(ARUBA, "fr")
    assert "comentário de Aruba" in _replied(ARUBA, "pt")
    assert translate(ACCEPTED, "fr", delegation=ARUBA, proposer=ARUBA, number=1).startswith(
        "Aruba a accepté l\u2019invitation de Aruba ")


def test_only_the_words_at_the_name_change() -> None:
    # "afin de le faire" is French as it stands: only the preposition before the
    # placeholder meets the name's article.
    assert filled("Afin de le faire, %(who)s écrit à %(whom)s, de la part de %(by)s.",
                  {"who": state_name(MEX), "whom": state_name(CAN), "by": state_name(USA)},
                  "fr") == ("Afin de le faire, le Mexique écrit au Canada, de la part des "
                            "États-Unis.")
    # A word ending in a preposition is none ("Nada" ends in "a").
    assert filled("Nada %(x)s", {"x": state_name(MEX)}, "pt") == "Nada o México"


def test_english_and_spanish_read_as_before() -> None:
    for state in (MEX, USA, HTI, ARG):
        for language in ("en", "es"):
            name = delegation_name(state, language)
            assert _replied(state_name(state), language) == _replied(name, language)
            assert translate(ACCEPTED, language, delegation=state_name(state),
                             proposer=state_name(MEX), number=1) == translate(
                ACCEPTED, language, delegation=name, proposer=delegation_name(MEX, language),
                number=1)


def test_several_names_each_take_the_preposition() -> None:
    joined = Names([MEX, CAN, ARG])
    assert str(joined) == "Mexico, Canada, Argentina"  # the English, for the record
    assert filled("Propositions de %(delegations)s", {"delegations": joined}, "fr") == (
        "Propositions de l'Argentine, du Canada, du Mexique")
    assert translate("%(delegations)s joined the earlier text and may join this one again.",
                     "pt", delegations=joined).startswith(
        "A Argentina, o Canadá, o México tinham aderido ao texto anterior")


def test_a_refusal_names_the_state_in_the_readers_language_with_its_article() -> None:
    refused = InvalidSubmission("%(delegation)s takes no part in this negotiation.",
                                delegation=state_name(USA))
    assert str(refused) == "United States takes no part in this negotiation."
    assert refused.translated(translations("fr").gettext, "fr") == (
        "La délégation des États-Unis ne participe pas à cette négociation.")
    assert refused.translated(translations("pt").gettext, "pt") == (
        "A delegação dos Estados Unidos não participa desta negociação.")
    assert refused.translated(translations("es").gettext, "es") == (
        "Estados Unidos no participa en esta negociación.")


@pytest.mark.parametrize("language", ["fr", "pt"])
def test_a_page_s_message_stays_safe_and_escapes_the_name(language: str) -> None:
    odd = StateName({"en": "A<b>", language: "A<b>"}, language)
    page = filled(Markup("<strong>%(d)s</strong> de %(d)s"), {"d": odd}, language)
    assert isinstance(page, Markup)
    assert page == Markup("<strong>A&lt;b&gt;</strong> de A&lt;b&gt;")
    assert filled(Markup("<strong>%(d)s</strong> invite"), {"d": state_name(MEX, language)},
                  language) == ("<strong>Le Mexique</strong> invite" if language == "fr"
                                else "<strong>O México</strong> invite")
