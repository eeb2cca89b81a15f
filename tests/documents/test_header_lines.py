"""The negotiation's header lines printed at the top right of the Word documents (the PDF is
the Word file converted), above the symbol, date and "Original:" line."""

from __future__ import annotations

from io import BytesIO

from docx import Document

from negotiation.documents.comparison import build_comparison
from negotiation.documents.html import comparison_html
from negotiation.documents.word.body import comparison_docx
from tests.builders import World
from tests.documents.scenario import negotiated


def _right_column(data: bytes) -> list[str]:
    table = Document(BytesIO(data)).tables[0]
    return [p.text for p in table.rows[0].cells[1].paragraphs]


def test_the_csh_documents_keep_the_permanent_councils_series(world: World) -> None:
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)
    right = _right_column(comparison_docx(text))
    assert right[0] == "OEA/Ser.G"
    assert right[1] == text.header.symbol and right[-1] == "Original: English"


def test_another_committee_prints_its_own_lines_and_none_when_it_has_none(
    world: World
) -> None:
    negotiated(world)
    world.negotiation.header_lines = "OEA/Ser.L/X.2.25\nCICTE/doc.5/25"
    world.session.flush()
    text = build_comparison(world.session, world.negotiation, world.now)
    right = _right_column(comparison_docx(text))
    assert right[:3] == ["OEA/Ser.L/X.2.25", "CICTE/doc.5/25", text.header.symbol]
    assert "OEA/Ser.G" not in right
    assert "OEA/Ser.L/X.2.25" in comparison_html(text)

    world.negotiation.header_lines = ""
    world.session.flush()
    text = build_comparison(world.session, world.negotiation, world.now)
    assert _right_column(comparison_docx(text))[0] == text.header.symbol
