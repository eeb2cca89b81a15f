"""Whatever characters the database holds, the documents build: control characters, U+FFFE
and the like in a paragraph, a proposal or a comment (stored directly, as an import or an
older version of the app could have) come out as a space or U+FFFD, never as a failure."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import text

from negotiation.chairing.proposal_decisions import accept_proposal
from negotiation.documents.comparison import build_comparison
from negotiation.documents.formats import render_comparison, render_revisions
from negotiation.documents.printable import printable
from negotiation.documents.revision_comparison import compare_revisions
from negotiation.draft.circulation import circulate_revision
from negotiation.models import Revision
from tests.builders import CHAIR, World
from tests.documents.builds.test_pdf import requires_soffice
from tests.documents.scenario import negotiated

# What XML 1.0 cannot carry, as a paste from a word processor or a bad import brings it.
UNPRINTABLE = "\x0b\x0c\x01\x08\x1b\x7f\x85\ufffe\uffff"


def test_printable_keeps_the_text_and_replaces_what_no_document_can_carry() -> None:
    assert printable("line\tand\nline ça «va»") == "line\tand\nline ça «va»"
    assert printable("a\x0bb\x0cc") == "a b c"  # line and page breaks pasted: a space
    assert printable("a\x00b\x01c\ufffed\ud800e") == "a\ufffdb\ufffdc\ufffdd\ufffde"
    printable("lone \udc80 surrogate").encode("utf-8")  # would raise before


def _nasty(world: World) -> str:
    # PostgreSQL's text type cannot hold NUL at all; SQLite can, so it is tried there.
    nul = "\x00" if world.session.get_bind().dialect.name == "sqlite" else ""
    return UNPRINTABLE + nul


def _store_directly(world: World, table: str, column: str, row_id: int, value: str) -> None:
    world.session.flush()
    world.session.execute(text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                          {"value": value, "id": row_id})
    world.session.expire_all()


def _word_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(data)).paragraphs)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


Stored = tuple[World, Revision, Revision]


@pytest.fixture
def unprintable_everywhere(world: World) -> Stored:
    """A negotiation whose texts, proposals and comments hold unprintable characters, with a
    revision 1 whose changed paragraph holds them too; returns the world and rev. 0 and 1."""
    scenario = negotiated(world)
    session, nasty = world.session, _nasty(world)
    accept_proposal(session, world.negotiation, CHAIR, scenario.modify, world.now)
    rev1 = circulate_revision(session, world.negotiation, CHAIR, world.now)
    op1 = world.paragraphs["op1"]
    _store_directly(world, "paragraph_version", "text", op1.current_version.id,
                    f"Accepted{nasty} text of the paragraph")
    _store_directly(world, "amendment", "comment", scenario.comment.id,
                    f"Name the{nasty} Caribbean routes.")
    _store_directly(world, "amendment", "comment", scenario.delete.id, f"Covered{nasty} by PP1.")
    _store_directly(world, "amendment", "proposed_text", scenario.new.id,
                    f"To encourage{nasty} victim-centred approaches.")
    return world, scenario.rev0, rev1


def test_word_and_html_comparison_texts_build_with_unprintable_characters(
    unprintable_everywhere: Stored,
) -> None:
    world, rev0, rev1 = unprintable_everywhere
    comparison = build_comparison(world.session, world.negotiation, world.now)
    words = _word_text(render_comparison(comparison, "docx"))
    assert "Name the" in words and "Caribbean routes." in words
    assert "Covered" in words and "\ufffd" in words
    html = render_comparison(comparison, "html").decode("utf-8")
    assert "Caribbean routes." in html and "\x01" not in html and "\ufffe" not in html

    changes = compare_revisions(world.session, rev0, rev1)
    words = _word_text(render_revisions(changes, "docx"))
    assert "Accepted" in words and "text of the paragraph" in words
    assert "\x0b" not in render_revisions(changes, "html").decode("utf-8")


@requires_soffice
def test_pdf_documents_build_with_unprintable_characters(
    unprintable_everywhere: Stored,
) -> None:
    world, rev0, rev1 = unprintable_everywhere
    comparison = build_comparison(world.session, world.negotiation, world.now)
    pages = _pdf_text(render_comparison(comparison, "pdf"))
    assert "Caribbean routes." in pages and "CONSOLIDATED COMPARISON TEXT" in pages

    pages = _pdf_text(render_revisions(compare_revisions(world.session, rev0, rev1), "pdf"))
    assert "Accepted" in pages and "text of the paragraph" in pages
