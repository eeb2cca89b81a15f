"""Footnotes in the documents: the consolidated comparison text prints a paragraph's notes
under it in HTML, as real Word footnotes in Word (so at the foot of the page in the PDF made
from it), and as ``authorialNote`` in Akoma Ntoso; an accepted national footnote is printed
with the state's name."""

from __future__ import annotations

import os
import re
import zipfile
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.comparison import build_comparison
from negotiation.documents.formats import render_comparison
from negotiation.documents.html import comparison_html
from negotiation.documents.pdf import soffice_path
from negotiation.draft.writing import add_version
from negotiation.enums import AmendmentKind
from negotiation.text.footnotes import Footnote
from tests.builders import CHAIR, World
from tests.chairing.test_chairing import send
from tests.documents.akn.akn_schema import AKN, validated

NOTE = "See A/RES/70/1."
POSITION = "Mexico does not consider itself bound by this paragraph."

requires_soffice = pytest.mark.skipif(
    soffice_path() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed; scripts/provision installs it",
)


def _footnoted(world: World) -> str:
    """pp1 with a note after its third word, and Mexico's national footnote accepted."""
    paragraph = world.paragraphs["pp1"]
    text = paragraph.text + " (footnoted)"
    at = len(" ".join(text.split()[:3]))
    add_version(world.session, paragraph, text, CHAIR, world.now,
                written_on=paragraph.current_version.id, reason="Footnote",
                footnotes=[Footnote(at, NOTE)])
    national = send(world, "pp1", AmendmentKind.FOOTNOTE, comment=POSITION)
    accept_proposal(world.session, world.negotiation, CHAIR, national, world.now)
    world.session.flush()
    return text[:at]


def test_the_html_text_numbers_the_notes_under_the_paragraph(world: World) -> None:
    before = _footnoted(world)
    html = comparison_html(build_comparison(world.session, world.negotiation, world.now))
    assert f'{before}<sup class="footnote-ref"><a href="#note-1"' in html
    notes = html[html.index('<ol class="footnotes" start="1">'):]
    notes = notes[:notes.index("</ol>")]
    assert f'<li id="note-1">{NOTE}</li>' in notes
    assert f"National footnote of Mexico: {POSITION}" in notes


def _word_notes(docx: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(docx)) as package:
        part = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
    assert body.count("<w:footnoteReference") == 2
    return [re.sub(r"<[^>]+>", "", note).strip()
            for note in re.findall(r'<w:footnote w:id="\d+">(.*?)</w:footnote>', part)]


def test_word_prints_real_footnotes(world: World) -> None:
    _footnoted(world)
    docx = render_comparison(build_comparison(world.session, world.negotiation, world.now),
                             "docx")
    assert _word_notes(docx) == [NOTE, f"National footnote of Mexico: {POSITION}"]
    Document(BytesIO(docx))  # python-docx still opens it


@requires_soffice
def test_the_pdf_prints_the_footnotes(world: World) -> None:
    _footnoted(world)
    pdf = render_comparison(build_comparison(world.session, world.negotiation, world.now),
                            "pdf")
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(BytesIO(pdf)).pages)
    assert NOTE in text and "National footnote of Mexico" in text


def test_akoma_ntoso_carries_the_notes_as_authorial_notes(world: World) -> None:
    _footnoted(world)
    root = validated(akoma_ntoso(akn_draft(world.session, world.negotiation, world.now, None)))
    notes = root.findall(".//a:authorialNote", AKN)
    assert [(n.get("marker"), "".join(n.itertext()).strip()) for n in notes] == [("1", NOTE)]


def test_the_revisions_comparison_places_the_newer_texts_notes(world: World) -> None:
    from negotiation.documents.formats import render_revisions
    from negotiation.documents.revision_comparison import compare_revisions, revision_by_number
    from negotiation.draft.circulation import circulate_revision

    before = _footnoted(world)
    rev0 = revision_by_number(world.session, world.negotiation, 0)
    rev1 = circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    comparison = compare_revisions(world.session, rev0, rev1)
    html = render_revisions(comparison, "html").decode()
    assert '<sup class="footnote-ref"><a href="#note-1"' in html
    assert f'<li id="note-1">{NOTE}</li>' in html
    changed = next(c for c in comparison.paragraphs if c.footnotes)
    kept = "".join(change.text for change, number in changed.marked()
                   if change is not None and change.op != -1)
    assert kept.startswith(before)
    marks = [i for i, (change, number) in enumerate(changed.marked()) if number]
    assert "".join(c.text for c, _ in changed.marked()[:marks[0]] if c and c.op != -1) == before
    docx = render_revisions(comparison, "docx")
    with zipfile.ZipFile(BytesIO(docx)) as package:
        assert NOTE in package.read("word/footnotes.xml").decode()
    Document(BytesIO(docx))
