"""Footnotes on import: Word's own footnotes and typed superscript markers with a notes list
become the paragraphs' footnotes (the marker's place and the note), kept through the
preview's corrections and confirmed with the draft; a bad footnotes part is refused."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from docx import Document
from docx.oxml import parse_xml

from negotiation.documents.word.notes import W_NS, reference_run, with_footnotes
from negotiation.draft.drafting import paragraphs_of
from negotiation.draft.writing import add_version
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.importing import preview_docx, preview_from_json, preview_text
from negotiation.setup.imports.reading import read_docx
from negotiation.setup.imports.wordbudget import MAX_FOOTNOTES
from negotiation.text.footnotes import Footnote, notes_of
from tests.builders import CHAIR, World
from tests.setup.imports.footnoted import footnoted_docx, typed_docx

pytestmark = pytest.mark.first_draft

UN_DRAFT = [
    ("", "Sustainable development"),
    ("", "The General Assembly,"),
    ("", "Recalling its resolution 70/1 of 25 September 2015,[[See A/RES/70/1.]]"),
    ("", "Bearing in mind the 2030 Agenda[[A/RES/70/1, annex.]] and its review,"),
    ("", "1. Decides to continue[[See also A/78/1.]] its work;"),
]
RECALLING = "Recalling its resolution 70/1 of 25 September 2015,"


def _notes(world: World, negotiation: Negotiation) -> list[tuple[str, tuple[Footnote, ...]]]:
    return [(p.text, notes_of(p.current_version))
            for p in paragraphs_of(world.session, negotiation)]


@pytest.mark.parametrize("make", [footnoted_docx, typed_docx], ids=["word", "typed"])
def test_word_footnotes_become_the_paragraphs_footnotes(
    world: World, next_cycle: Negotiation, make: object
) -> None:
    preview = preview_docx(next_cycle, make(UN_DRAFT), "un.docx", world.now)  # type: ignore[operator]
    # The preview lists them, numbered through the draft.
    assert [(number, note.text) for _line, number, note in preview.notes] == [
        (1, "See A/RES/70/1."), (2, "A/RES/70/1, annex."), (3, "See also A/78/1.")]
    # Carried to the confirming request and back, untouched.
    carried = preview_from_json(next_cycle, preview.to_json(), world.now)
    confirm_import(world.session, next_cycle, CHAIR, carried, world.now)
    assert _notes(world, next_cycle) == [
        (RECALLING, (Footnote(len(RECALLING), "See A/RES/70/1."),)),
        ("Bearing in mind the 2030 Agenda and its review,",
         (Footnote(len("Bearing in mind the 2030 Agenda"), "A/RES/70/1, annex."),)),
        # The number is taken off the text: the marker stays after its word.
        ("Decides to continue its work;",
         (Footnote(len("Decides to continue"), "See also A/78/1."),)),
    ]


def test_pasted_text_with_superscripts_and_a_notes_list(
    world: World, next_cycle: Negotiation
) -> None:
    preview = preview_text(next_cycle, "The General Assembly,\n\n"
                           f"{RECALLING}¹\n\n1. Decides to act;²\n\n¹ See A/RES/70/1.\n"
                           "² A/78/1.", world.now)
    assert preview.ready, preview.problems
    confirm_import(world.session, next_cycle, CHAIR, preview, world.now)
    assert _notes(world, next_cycle) == [
        (RECALLING, (Footnote(len(RECALLING), "See A/RES/70/1."),)),
        ("Decides to act;", (Footnote(len("Decides to act;"), "A/78/1."),)),
    ]


def test_a_marker_without_its_note_is_set_aside(world: World, next_cycle: Negotiation) -> None:
    preview = preview_text(next_cycle, "RECALLING the Convention of 1961¹,\n1. To act.",
                           world.now)
    assert preview.sections[0].paragraphs[0].text == "RECALLING the Convention of 1961,"
    assert preview.footnotes == 1 and preview.notes == []


def test_the_chairs_corrections_keep_the_notes_with_their_words(
    world: World, next_cycle: Negotiation
) -> None:
    preview = preview_docx(next_cycle, footnoted_docx(UN_DRAFT), "un.docx", world.now)
    index = next(i for i, b in enumerate(preview.blocks) if b.text == RECALLING)
    corrected = preview_from_json(next_cycle, preview.to_json(), world.now, {
        index: {"text": "Recalling also its resolution 70/1 of 25 September 2015,"}})
    assert corrected.blocks[index].notes == (
        Footnote(len("Recalling also its resolution 70/1 of 25 September 2015,"),
                 "See A/RES/70/1."),)


def test_a_new_version_keeps_the_notes_whose_word_survives(
    world: World, next_cycle: Negotiation
) -> None:
    confirm_import(world.session, next_cycle, CHAIR,
                   preview_docx(next_cycle, footnoted_docx(UN_DRAFT), "un.docx", world.now),
                   world.now)
    paragraph = paragraphs_of(world.session, next_cycle)[0]
    version = add_version(world.session, paragraph,
                          "Recalling with satisfaction its resolution 70/1 of 25 September 2015,",
                          CHAIR, world.now, written_on=paragraph.current_version.id,
                          reason="Compromise")
    assert notes_of(version) == (Footnote(len(version.text), "See A/RES/70/1."),)
    # The date the note was attached to is gone: so is the note.
    later = add_version(world.session, paragraph, "Recalling its resolution 70/1,", CHAIR,
                        world.now, written_on=version.id, reason="Compromise")
    assert notes_of(later) == ()


def _mixed_docx(second: str) -> bytes:
    """A Word file whose one preambular paragraph holds a superscript digit typed as a
    character ("70/1¹") and, later in the paragraph, a Word superscript run: a number typed
    in superscript with the notes list ("typed"), or a real Word footnote ("word")."""
    document = Document()
    document.add_paragraph("The General Assembly,")
    paragraph = document.add_paragraph()
    paragraph.add_run("Recalling its resolution 70/1¹ and the 2030 Agenda")
    if second == "word":
        paragraph._p.append(parse_xml(
            reference_run(1).replace("<w:r>", f'<w:r xmlns:w="{W_NS}">', 1)))
    else:
        paragraph.add_run("2").font.superscript = True
    paragraph.add_run(" of 25 September 2015,")
    document.add_paragraph("1. Decides to continue its work;")
    document.add_paragraph("¹ See A/RES/70/1.")
    if second != "word":
        listed = document.add_paragraph()
        listed.add_run("2").font.superscript = True
        listed.add_run(" A/RES/70/1, annex.")
    out = BytesIO()
    document.save(out)
    return with_footnotes(out.getvalue(), ["A/RES/70/1, annex."] if second == "word" else [])


@pytest.mark.parametrize("second", ["typed", "word"])
def test_notes_of_both_kinds_in_one_paragraph_follow_their_markers_order(
    world: World, next_cycle: Negotiation, second: str
) -> None:
    preview = preview_docx(next_cycle, _mixed_docx(second), "mixed.docx", world.now)
    assert preview.ready, preview.problems
    # The preview lists the notes in the order the reader meets their markers.
    assert [note.text for _line, _number, note in preview.notes] == [
        "See A/RES/70/1.", "A/RES/70/1, annex."]
    confirm_import(world.session, next_cycle, CHAIR, preview, world.now)
    text = "Recalling its resolution 70/1 and the 2030 Agenda of 25 September 2015,"
    # Each note stays with its own word: the resolution's with "70/1", the Agenda's with it.
    assert _notes(world, next_cycle)[0] == (text, (
        Footnote(len("Recalling its resolution 70/1"), "See A/RES/70/1."),
        Footnote(len("Recalling its resolution 70/1 and the 2030 Agenda"),
                 "A/RES/70/1, annex.")))


def _replaced(data: bytes, part: str, content: bytes) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == part else source.read(info))
    return out.getvalue()


def test_a_malformed_footnotes_part_is_refused() -> None:
    data = _replaced(footnoted_docx(UN_DRAFT), "word/footnotes.xml",
                     b"<w:footnotes xmlns:w='x'><w:footnote>")
    with pytest.raises(InvalidSubmission, match=r"The footnotes of un\.docx are damaged"):
        read_docx(data, "un.docx")


def test_a_huge_footnotes_part_is_refused() -> None:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = b"".join(b'<w:footnote w:id="%d"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote>'
                     % i for i in range(MAX_FOOTNOTES + 10))
    data = _replaced(footnoted_docx(UN_DRAFT), "word/footnotes.xml",
                     b'<w:footnotes xmlns:w="' + ns.encode() + b'">' + notes + b"</w:footnotes>")
    with pytest.raises(InvalidSubmission, match=r"The footnotes of un\.docx are too large"):
        read_docx(data, "un.docx")


def test_akoma_ntoso_authorial_notes_come_back_as_footnotes(
    world: World, next_cycle: Negotiation
) -> None:
    """A draft written out as Akoma Ntoso, notes and all, imports with its notes."""
    from negotiation.documents.akn.statement import akn_draft
    from negotiation.documents.akn.writing import akoma_ntoso
    from negotiation.setup.imports.importing import preview_file

    confirm_import(world.session, next_cycle, CHAIR,
                   preview_docx(next_cycle, footnoted_docx(UN_DRAFT), "un.docx", world.now),
                   world.now)
    before = _notes(world, next_cycle)
    data = akoma_ntoso(akn_draft(world.session, next_cycle, world.now, None))
    preview = preview_file(next_cycle, data, "draft.akn", world.now)
    assert [(b.text, b.notes) for b in preview.blocks if b.notes] == [
        (text, notes) for text, notes in before]
