"""The comparison text names the states that proposed and joined each proposal in the
document's language, with their articles where the French and Portuguese sentences need
them: "Proposé par le Pérou, conjointement avec le Mexique", "Proposta 1: México, com a
adesão do Canadá", "Note de bas de page nationale du Mexique"; after a proposal's number,
the proposing state is named bare, as a label is. English and Spanish read as before."""

from __future__ import annotations

import html
from io import BytesIO

import pytest
from docx import Document

from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.documents.comparison import build_comparison
from negotiation.documents.formats import render_comparison
from negotiation.documents.html import comparison_html
from negotiation.documents.sponsors import sponsor_pieces
from negotiation.enums import AmendmentKind
from tests.builders import CHAIR, STATE_NAMES, World, name_in_languages
from tests.chairing.test_chairing import send
from tests.documents.scenario import negotiated

NBSP = "\u00a0"


def _span(name: str) -> str:
    return f'<span class="delegation">{name}</span>'


def _named_in_their_languages(world: World) -> None:
    name_in_languages(world, *STATE_NAMES)


def _text(world: World, language: str) -> str:
    return html.unescape(comparison_html(build_comparison(
        world.session, world.negotiation, world.now, language=language)))


@pytest.mark.parametrize(("language", "proposal", "proposed_by"), [
    ("fr", f"{_span('Mexique')}, conjointement avec le {_span('Canada')}",
     "Proposé par le Pérou, conjointement avec le Mexique"),
    ("pt", f"{_span('México')}, com a adesão do {_span('Canadá')}",
     "Proposto pelo Peru, com a adesão do México"),
    ("es", f"{_span('México')}, con el copatrocinio de {_span('Canadá')}",
     "Propuesto por Perú, con el copatrocinio de México"),
    ("en", f"{_span('Mexico')}, joined by {_span('Canada')}",
     "Proposed by Peru, joined by Mexico"),
])
def test_the_html_text_names_the_sponsors_as_its_language_writes_them(
    world: World, language: str, proposal: str, proposed_by: str,
) -> None:
    made = negotiated(world)
    _named_in_their_languages(world)
    text = _text(world, language)
    line = text[text.index(f'id="proposal-{made.modify.id}"'):]
    # After the proposal's number the proposing state is a label's: bare.
    assert proposal in line[:line.index("</p>")]
    assert f">{proposed_by}</p>" in text


@pytest.mark.parametrize(("language", "note"), [
    ("fr", f"Note de bas de page nationale du Mexique{NBSP}: "),
    ("pt", "Nota de rodapé nacional do México: "),
    ("en", "National footnote of Mexico: "),
])
def test_a_national_footnote_names_its_state_in_the_sentence(
    world: World, language: str, note: str,
) -> None:
    _named_in_their_languages(world)
    national = send(world, "pp1", AmendmentKind.FOOTNOTE, comment="Not bound.")
    accept_proposal(world.session, world.negotiation, CHAIR, national, world.now)
    world.session.flush()
    assert f"{note}Not bound." in _text(world, language)


def test_the_scope_of_a_delegation_s_text_names_it_with_its_article(world: World) -> None:
    negotiated(world)
    _named_in_their_languages(world)
    text = build_comparison(world.session, world.negotiation, world.now,
                            delegation=world.delegations["PER"], language="pt")
    assert text.header.scope == "Propostas do Peru"


def test_the_word_file_keeps_the_articles_out_of_the_names_bold_runs(world: World) -> None:
    made = negotiated(world)
    _named_in_their_languages(world)
    document = Document(BytesIO(render_comparison(build_comparison(
        world.session, world.negotiation, world.now, language="pt"), "docx")))
    line = next(p for p in document.paragraphs
                if p.text.startswith(f"Proposta {made.modify.number}: "))
    assert line.text.startswith(f"Proposta {made.modify.number}: México, com a adesão do Canadá")
    bold = [run.text for run in line.runs if run.bold]
    assert bold == ["México", "Canadá"]
    assert any(p.text == "Proposto pelo Peru, com a adesão do México"
               for p in document.paragraphs)


@pytest.mark.parametrize(("language", "names", "written"), [
    ("fr", ["Canada", "Chili", "États-Unis"],
     "Proposé par le Mexique, conjointement avec le Canada, le Chili et les États-Unis"),
    ("pt", ["Canadá", "Chile", "Estados Unidos"],
     "Proposto pelo México, com a adesão do Canadá, do Chile e dos Estados Unidos"),
])
def test_each_state_that_joined_takes_its_own_article_in_the_list(
    language: str, names: list[str], written: str,
) -> None:
    first = {"fr": "Mexique", "pt": "México"}[language]
    pieces = sponsor_pieces(first, names, language, "Proposed by %(proposers)s")
    assert "".join(text for text, _ in pieces) == written
    assert [text for text, name in pieces if name] == [first, *names]
