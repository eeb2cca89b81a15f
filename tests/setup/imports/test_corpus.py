"""Real resolutions no one here wrote (tests/setup/corpus/: UN General Assembly, OAS
Permanent Council and General Assembly, in English, Spanish, French and Portuguese), each
imported as pasted text, as a hard-wrapped paste from a web page, and as Word files (typed
numbers, and Word's own numbering with superscript footnote markers; and with Word's real
footnotes where the markers stand, as the documents' own notes are): the corrections a
chair would still make in the preview are counted against each document's expected
outline, and no paragraph's text may come through altered."""

from __future__ import annotations

import difflib
import re
import textwrap
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from negotiation.models import Negotiation
from negotiation.setup.imports.importing import ImportPreview, preview_docx, preview_text
from tests.builders import World
from tests.setup.imports.footnoted import footnoted_docx

pytestmark = pytest.mark.first_draft

CORPUS = Path(__file__).parent / "corpus"
NAMES = sorted(p.stem for p in CORPUS.glob("*.txt"))
VARIANTS = ("pasted", "wrapped", "docx typed", "docx numbered", "docx footnotes")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_MARKER = re.compile(r"([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_NUMBER = re.compile(r"^\d{1,3}\. ")
_LETTER = re.compile(r"^(?:\([a-z]\)|[a-z][.)]) ")


def document(name: str) -> list[str]:
    """The document's lines, without the header that says where it comes from."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def expected(name: str) -> list[tuple[str, str]]:
    text = (CORPUS / f"{name}.expected").read_text(encoding="utf-8")
    return [tuple(line.split("\t", 1)) for line in text.splitlines() if line]  # type: ignore[misc]


def _docx(lines: list[str], *, numbered: bool) -> bytes:
    """A Word file of the lines, footnote markers as superscript runs; with ``numbered``,
    the operative part's numbers and letters are Word's own (numPr), not typed (a
    preamble's lettered list stays typed: its letters are part of its text)."""
    out, word, operative = BytesIO(), Document(), False
    for line in lines:
        level = None
        if numbered and _NUMBER.match(line):
            line, level, operative = _NUMBER.sub("", line), 0, True
        elif numbered and operative and _LETTER.match(line):
            line, level = _LETTER.sub("", line), 1
        paragraph = word.add_paragraph()
        for part in _MARKER.split(line):
            if part:
                run = paragraph.add_run(part.translate(_SUPERSCRIPT))
                run.font.superscript = bool(_MARKER.fullmatch(part))
        if level is not None:
            numbering = OxmlElement("w:numPr")
            for tag, value in (("w:ilvl", str(level)), ("w:numId", "1")):
                element = OxmlElement(tag)
                element.set(qn("w:val"), value)
                numbering.append(element)
            paragraph._p.get_or_add_pPr().append(numbering)
    word.save(out)
    return out.getvalue()


def imported(negotiation: Negotiation, now: object, name: str, variant: str) -> ImportPreview:
    lines = document(name)
    if variant == "pasted":
        return preview_text(negotiation, "\n".join(lines), now)  # type: ignore[arg-type]
    if variant == "wrapped":
        # A web page's text copied with its lines hard-wrapped, no blank line between them.
        wrapped = "\n".join(textwrap.fill(line, 72) for line in lines)
        return preview_text(negotiation, wrapped, now)  # type: ignore[arg-type]
    if variant == "docx footnotes":
        # Each marker a real Word footnote (word/footnotes.xml), its note named after it.
        notes = iter(range(1, 1000))
        noted = [("", _MARKER.sub(lambda _: f"[[Note {next(notes)} of {name}.]]", line))
                 for line in lines]
        return preview_docx(negotiation, footnoted_docx(noted), f"{name}.docx",
                            now)  # type: ignore[arg-type]
    data = _docx(lines, numbered=variant == "docx numbered")
    return preview_docx(negotiation, data, f"{name}.docx", now)  # type: ignore[arg-type]


def outline(preview: ImportPreview) -> list[tuple[str, str]]:
    """The preview as the chair checks it: the title, then each paragraph's kind and text
    (the general section is no heading of the document), unclassified lines included."""
    found = [("title", preview.title)] if preview.title else []
    for section in preview.sections:
        if not section.general:
            found.append(("section", section.title))
        for paragraph in section.paragraphs:
            found.append((paragraph.kind, paragraph.text))
            found.extend(("subparagraph", m) for m in paragraph.mandates)
    found.extend(("unclassified", b.text) for b in preview.unclassified)
    return found


def corrections(wanted: list[tuple[str, str]], found: list[tuple[str, str]]) -> int:
    """The lines a chair would correct: each expected line missing or different, each line
    too many."""
    matcher = difflib.SequenceMatcher(a=wanted, b=found, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes()
               if op != "equal")


def test_the_corpus_holds_every_kind_of_document() -> None:
    assert len(NAMES) >= 6
    for name in NAMES:
        header = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[0]
        assert re.search(r"https://", header) and re.search(r"[Tt]yped|[Tt]ap|[Dd]igitad",
                                                            header), name
    assert {n.rsplit("_", 1)[1] for n in NAMES} >= {"en", "es", "fr", "pt"}


@pytest.mark.parametrize("name", NAMES)
def test_each_paragraph_comes_through_unaltered(
    world: World, next_cycle: Negotiation, name: str
) -> None:
    wanted = expected(name)
    for variant in VARIANTS:
        found = outline(imported(next_cycle, world.now, name, variant))
        missing = [text for kind, text in wanted if kind != "title"
                   and text not in {t for _, t in found}]
        assert missing == [], (variant, missing)


def test_the_chair_corrects_less_than_one_line_per_document(
    world: World, next_cycle: Negotiation
) -> None:
    total, documents, report = 0, 0, []
    for name in NAMES:
        for variant in VARIANTS:
            preview = imported(next_cycle, world.now, name, variant)
            count = corrections(expected(name), outline(preview))
            total, documents = total + count, documents + 1
            report.append(f"{name} ({variant}): {count}")
            # The footnote markers are set aside, and said so.
            markers = len(_MARKER.findall(" ".join(document(name))))
            assert preview.footnotes == markers, (name, variant)
            if variant == "docx footnotes":  # each kept with its paragraph, not set aside
                assert len(preview.notes) == markers, (name, variant)
    print("\n".join(report), f"\ncorrections: {total} in {documents} documents")
    assert total < documents, "\n".join(report)
