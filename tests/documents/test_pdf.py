"""LibreOffice turns the Word file into a PDF whose pages hold the document."""

from __future__ import annotations

import os
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from negotiation.documents.comparison import build_comparison
from negotiation.documents.pdf import docx_to_pdf, soffice_path
from negotiation.documents.word import comparison_docx
from negotiation.enums import ParagraphKind
from tests.builders import World, chair_paragraph
from tests.documents.scenario import negotiated

# Under CI the conversion must run; locally a machine without LibreOffice skips, saying why.
requires_soffice = pytest.mark.skipif(
    soffice_path() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed; scripts/provision installs it",
)


@requires_soffice
def test_libreoffice_converts_the_comparison_text(world: World) -> None:
    for n in range(1, 31):  # enough paragraphs to need several pages
        chair_paragraph(world, f"extra{n}", ParagraphKind.PREAMBULAR,
                        f"RECOGNIZING the contribution number {n} of the subregional "
                        "mechanisms to the prevention of trafficking in persons, in particular "
                        "through the exchange of information and good practices;",
                        section="jid")
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)

    reader = PdfReader(BytesIO(docx_to_pdf(comparison_docx(text))))

    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    assert "CP/CSH-2251/24" in pages[0] and "CONSOLIDATED COMPARISON TEXT" in pages[0]
    assert "I. Paragraphs in consensus in principle" in pages[0]
    # Each page carries its number in the footer.
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(str(number))
    whole = " ".join("\n".join(pages).split())  # lines are wrapped where they fall
    assert "[Modifications proposed]" in whole  # each paragraph's state, in print too
    order = [whole.index(heading) for heading in (
        "II. Paragraphs with proposed modifications",
        "III. New paragraphs proposed by delegations")]
    assert order == sorted(order) and order[0] > whole.index("contribution number 30")
    assert "Mexico, joined by Canada" in whole.replace("\n", " ")
    # Deletions keep their colour (and strike) in the PDF: the red fill is drawn on the page.
    drawn = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert re.search(rb"0\.6078\d* 0\.1098\d* 0\.1098\d* rg", drawn)
