"""The documents in the reader's language: their own words (headings, legends, labels, the
"Original:" line, dates) in Spanish or French, the texts people wrote as they wrote them, and
each language's copy built and kept apart from the others."""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO

import pytest
from docx import Document
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select

from negotiation.documents.builds import find_or_claim, run_build
from negotiation.documents.comparison import build_comparison
from negotiation.documents.formats import render_comparison, render_revisions
from negotiation.documents.html import comparison_html
from negotiation.documents.pdf import ConversionFailed, soffice_path
from negotiation.documents.producing import DocumentRequest
from negotiation.documents.revision_comparison import compare_revisions, revision_by_number
from negotiation.documents.wording import document_date, language_name
from negotiation.models import Delegation, DocumentBuild
from negotiation.text.languages import gettext_in
from tests.builders import World
from tests.documents.scenario import Scenario, negotiated
from tests.web.addresses import at

Client = Callable[[str | None], FlaskClient]
NBSP = "\u00a0"
APOSTROPHE = "\u2019"  # as French typesetting writes it: l'objet

HEADINGS = {
    "es": ["I. Párrafos en consenso en principio",
           "II. Párrafos con propuestas de modificación",
           "III. Párrafos nuevos propuestos por las delegaciones"],
    "fr": [f"I. Paragraphes faisant l{APOSTROPHE}objet d{APOSTROPHE}un consensus de principe",
           f"II. Paragraphes faisant l{APOSTROPHE}objet de propositions de modification",
           "III. Nouveaux paragraphes proposés par les délégations"],
}
TITLE = {"es": "TEXTO COMPARATIVO CONSOLIDADO", "fr": "TEXTE COMPARATIF CONSOLIDÉ"}
DRAFT_RESOLUTION = {"es": "PROYECTO DE RESOLUCIÓN", "fr": "PROJET DE RÉSOLUTION"}
# The scenario's negotiation was written in Spanish (set below), named as OAS documents do.
ORIGINAL = {"en": "Original: Spanish", "es": "Original: español",
            "fr": f"Original{NBSP}: espagnol"}

requires_soffice = pytest.mark.skipif(
    soffice_path() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed; scripts/provision installs it",
)


def test_dates_and_languages_as_each_language_writes_them() -> None:
    from datetime import date

    day = date(2024, 4, 22)
    assert document_date(day, "en") == "22 April 2024"
    assert document_date(day, "es") == "22 de abril de 2024"
    assert document_date(day, "fr") == "22 avril 2024"
    assert document_date(day, "pt") == "22 de abril de 2024"
    assert [language_name("es", lang) for lang in ("es", "fr", "pt")] == [
        "español", "espagnol", "espanhol"]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_comparison_text_in_html_carries_its_words_in_the_language(
    world: World, language: str
) -> None:
    negotiated(world)
    world.negotiation.original_language = "es"
    text = build_comparison(world.session, world.negotiation, world.now, language=language)
    html = comparison_html(text)

    assert f'<html lang="{language}">' in html
    for heading in HEADINGS[language]:
        assert heading.split(". ", 1)[1] in html
    assert TITLE[language] in html and DRAFT_RESOLUTION[language] in html
    assert ORIGINAL[language] in html
    assert document_date(world.now.astimezone(world.negotiation.zone).date(), language) \
        in text.header.date
    # No English fixed wording left where this document has its own.
    for english in ("Paragraphs in consensus in principle", "DRAFT RESOLUTION",
                    "Original: English", "Proposal 1:", "joined by", "Requests the deletion",
                    "bold and underlined"):
        assert english not in html, english
    # What the delegations wrote stays as they wrote it.
    assert "Name the Caribbean routes." in html


def test_the_english_copy_names_the_original_language_in_english(world: World) -> None:
    negotiated(world)
    world.negotiation.original_language = "es"
    html = comparison_html(build_comparison(world.session, world.negotiation, world.now))
    assert '<html lang="en">' in html and ORIGINAL["en"] in html
    assert "Paragraphs in consensus in principle" in html
    # The names are marked up within the translated sentence, not escaped into it.
    assert ('<span class="delegation">Mexico</span>, joined by '
            '<span class="delegation">Canada</span>') in html


def test_delegations_are_named_in_the_document_language(world: World) -> None:
    negotiated(world)
    mexico = world.session.scalars(select(Delegation).where(Delegation.code == "MEX")).one()
    mexico.name_es, mexico.name_fr = "México", "Mexique"
    world.session.flush()
    spanish = comparison_html(build_comparison(world.session, world.negotiation, world.now,
                                               language="es"))
    assert "México" in spanish and "Mexique" not in spanish
    assert "Propuesta 1:" in spanish and "con el copatrocinio de" in spanish


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_word_file_carries_its_headings_in_the_language(
    world: World, language: str
) -> None:
    negotiated(world)
    world.negotiation.original_language = "es"
    text = build_comparison(world.session, world.negotiation, world.now, language=language)
    document = Document(BytesIO(render_comparison(text, "docx")))
    paragraphs = document.paragraphs

    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS[language]
    texts = [p.text for p in paragraphs]
    assert TITLE[language] in texts and DRAFT_RESOLUTION[language] in texts
    header_cells = "\n".join(cell.text for cell in document.tables[0].rows[0].cells)
    assert ORIGINAL[language] in header_cells
    assert document.core_properties.language == language
    proposal = {"es": "Propuesta 1: ", "fr": f"Proposition 1{NBSP}: "}[language]
    assert any(p.runs and p.runs[0].text == proposal for p in paragraphs)
    assert not any("joined by" in t or t.startswith("Proposal ") for t in texts)
    # The legend's insertion and deletion keep their run formatting in the language.
    inserted = {"es": "en negrita y subrayadas", "fr": "en gras et soulignées"}[language]
    legend = next(p for p in paragraphs if inserted in p.text)
    assert legend.text.startswith({"es": "Las inserciones", "fr": "Les insertions"}[language])
    assert any(r.text == inserted and r.style.name == "Insertion" for r in legend.runs)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_comparison_of_revisions_in_the_language(
    world: World, scenario: Scenario, language: str
) -> None:
    earlier = revision_by_number(world.session, world.negotiation, 0)
    later = revision_by_number(world.session, world.negotiation, 1)
    compared = compare_revisions(world.session, earlier, later, language=language)
    html = render_revisions(compared, "html").decode()
    document = {"es": "Comparación de CP/CSH-2251/24 rev. 1 con CP/CSH-2251/24",
                "fr": "Comparaison du CP/CSH-2251/24 rev. 1 avec le CP/CSH-2251/24"}[language]
    assert document.upper() in html
    assert {"es": "[agregado]", "fr": "[ajouté]"}[language] in html
    assert "compared with" not in html and "[added]" not in html
    texts = [p.text for p in Document(BytesIO(render_revisions(compared, "docx"))).paragraphs]
    assert document.upper() in texts
    assert any({"es": "comparado con", "fr": "comparé au"}[language] in t for t in texts)


@requires_soffice
@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_pdf_carries_its_headings_in_the_language(world: World, language: str) -> None:
    negotiated(world)
    world.negotiation.original_language = "es"
    text = build_comparison(world.session, world.negotiation, world.now, language=language)
    pages = [page.extract_text() for page in PdfReader(
        BytesIO(render_comparison(text, "pdf"))).pages]
    whole = " ".join("\n".join(pages).split())  # lines are wrapped where they fall
    assert TITLE[language] in whole and DRAFT_RESOLUTION[language] in whole
    for heading in HEADINGS[language]:
        assert " ".join(heading.split()) in whole, heading
    assert " ".join(ORIGINAL[language].split()) in whole.replace(NBSP, " ")
    assert "Paragraphs in consensus in principle" not in whole


def _built(world: World, language: str) -> DocumentBuild:
    request = DocumentRequest.of("comparison", "html", {}, world.now, language)
    build, mine = find_or_claim(world.session, world.negotiation, request)
    assert mine
    world.session.commit()
    return build


def test_each_language_is_built_and_kept_apart(world: World, scenario: Scenario,
                                               app: object) -> None:
    spanish, english = _built(world, "es"), _built(world, "en")
    assert spanish.key != english.key and spanish.scope != english.scope
    sessions = app.config["SESSION_FACTORY"]  # type: ignore[attr-defined]
    for build in (spanish, english):
        run_build(sessions, build.id)
    world.session.expire_all()
    assert "Párrafos en consenso en principio" in spanish.content.decode()
    assert "Paragraphs in consensus in principle" in english.content.decode()
    assert spanish.file_name.endswith("-comparison-es.html")
    assert english.file_name.endswith("-comparison.html")
    # The stored request remembers the language the build runs in.
    assert DocumentRequest.from_json(spanish.request).language == "es"
    # A request stored before documents had a language was English.
    assert DocumentRequest.from_json(
        '{"kind": "comparison", "fmt": "html", "filters": [], '
        '"as_of": "2024-05-09T12:00:00+00:00"}').language == "en"


def test_the_reader_gets_the_copy_in_their_language(
    world: World, scenario: Scenario, client_as: Client
) -> None:
    client = client_as("secretariat")
    english = client.get(at("/documents/comparison.html")).get_data(as_text=True)
    spanish = client.get(at("/documents/comparison.html?language=es")).get_data(as_text=True)
    french = client.get(at("/documents/comparison.html"),
                        headers={"Accept-Language": "fr"}).get_data(as_text=True)
    english_again = client.get(at("/documents/comparison.html")).get_data(as_text=True)
    assert "Paragraphs in consensus in principle" in english == english_again
    assert "Párrafos en consenso en principio" in spanish and "Paragraphs in" not in spanish
    assert HEADINGS["fr"][0].split(". ", 1)[1] in french
    assert "Párrafos" not in french
    # Three languages, three builds: none served for another.
    world.session.expire_all()
    assert world.session.scalar(select(DocumentBuild.id).where(
        DocumentBuild.file_name.like("%-comparison-fr.html"))) is not None
    docx = client.get(at("/documents/comparison.docx?language=fr&revision=1"))
    assert docx.headers["Content-Disposition"].endswith('rev-1-comparison-fr.docx"')
    headings = [p.text for p in Document(BytesIO(docx.data)).paragraphs
                if p.style.name == "Heading 1"]
    assert headings == HEADINGS["fr"]


def test_the_documents_page_offers_every_language(scenario: Scenario,
                                                  client_as: Client) -> None:
    client = client_as("secretariat")
    html = client.get(at("/documents/comparison?revision=1")).get_data(as_text=True)
    assert 'action="' + at("/documents/download") + '"' in html
    for code in ("en", "es", "fr", "pt"):
        assert f'<option value="{code}" lang="{code}"' in html
    assert '<input type="hidden" name="revision" value="1">' in html
    # The form's choice leads to the file in that language, with the page's filters.
    chosen = client.get(at("/documents/download?document=comparison&revision=1"
                           "&language=pt&format=docx"))
    assert chosen.status_code == 303
    assert "comparison.docx?" in chosen.location and "language=pt" in chosen.location
    assert "revision=1" in chosen.location
    assert client.get(at("/documents/download?document=nothing&format=pdf")).status_code == 404
    # The page in Spanish, its files in Spanish by default.
    spanish = client.get(at("/documents/comparison"), headers={"Accept-Language": "es"})
    page = spanish.get_data(as_text=True)
    assert "Párrafos en consenso en principio" in page and "Texto comparativo consolidado" in page
    assert '<option value="es" lang="es" selected>' in page
    revisions = client.get(at("/documents/revisions?from=0&to=1")).get_data(as_text=True)
    assert '<input type="hidden" name="document" value="revisions">' in revisions


def test_a_build_that_fails_says_why_in_its_language(world: World, scenario: Scenario,
                                                     app: object) -> None:
    request = DocumentRequest.of("comparison", "html", {"section": "nowhere"}, world.now, "es")
    build, _ = find_or_claim(world.session, world.negotiation, request)
    world.session.commit()
    run_build(app.config["SESSION_FACTORY"], build.id)  # type: ignore[attr-defined]
    world.session.expire_all()
    assert build.error == "Esa sección no existe."
    too_long = ConversionFailed("LibreOffice took more than %(seconds)s s to convert the "
                                "document.", seconds="90")
    assert str(too_long) == "LibreOffice took more than 90 s to convert the document."
    assert too_long.translated(gettext_in("fr")) == (
        f"LibreOffice a mis plus de 90{NBSP}s à convertir le document.")


def test_a_section_over_its_cap_is_named_so_in_the_language(world: World) -> None:
    negotiated(world)
    english = build_comparison(world.session, world.negotiation, world.now)
    spanish = build_comparison(world.session, world.negotiation, world.now, language="es")
    over = [(s.code, s.cap_summary, s.breaches) for g in english.groups for s in g.sections
            if s.breaches]
    assert over and over[0][2] == ["Trafficking in persons: 4 operative paragraphs, the cap is 3"]
    assert over[0][1] == "preambular 2/3, operative 4/3"
    sobre = [(s.cap_summary, s.breaches) for g in spanish.groups for s in g.sections
             if s.breaches]
    assert sobre[0] == ("preambulares 2/3, resolutivos 4/3",
                        ["Trafficking in persons: 4 párrafos resolutivos; el límite es 3"])
