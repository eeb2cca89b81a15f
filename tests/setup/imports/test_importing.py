"""Importing the chair's draft from Word or pasted text, in the four languages: what is
recognised, the preview and its corrections, confirming, importing again, refusals."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import func, select

from negotiation.draft.circulation import circulate_revision
from negotiation.draft.drafting import labels, paragraphs_of, sections_of
from negotiation.enums import MilestoneKind, SectionKind
from negotiation.errors import InvalidSubmission, RefusedTransition
from negotiation.models import Milestone, Negotiation, Paragraph, RecordEntry
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.importing import preview_docx, preview_from_json, preview_text
from negotiation.setup.imports.reading import MAX_FILE_BYTES
from tests.builders import CHAIR, World
from tests.setup.imports.drafts import DRAFTS, docx_of, text_of
from tests.setup.imports.hostile_word import (
    HOSTILE_FILES,
    long_paragraphs,
    reading_cost,
    word_file,
)

# The chair is still writing the draft: rev. 0 is not circulated yet.
pytestmark = pytest.mark.first_draft

PREAMBLES = {
    "en": ("RECALLING", "NOTING WITH CONCERN"), "es": ("RECORDANDO", "TOMANDO NOTA"),
    "fr": ("RAPPELANT", "CONSIDÉRANT"), "pt": ("LEMBRANDO", "RECONHECENDO"),
}


def _draft(world: World, negotiation: Negotiation) -> list[tuple[str, str, str]]:
    """(section title, label, text) of the draft as it now stands."""
    everything = paragraphs_of(world.session, negotiation)
    label_of = labels(everything)
    return [(p.section.title, label_of[p.id], p.text) for p in everything]


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
@pytest.mark.parametrize("source", ["docx", "text"])
def test_a_draft_is_recognised_previewed_and_imported(
    world: World, next_cycle: Negotiation, language: str, source: str
) -> None:
    lines = DRAFTS[language]
    preview = (preview_docx(next_cycle, docx_of(lines), "draft.docx", world.now)
               if source == "docx" else preview_text(next_cycle, text_of(lines), world.now))

    kinds = [b.kind for b in preview.blocks]
    assert kinds == ["title", "left_out", "area", "section", "preambular", "preambular",
                     "left_out", "operative", "mandates", "subparagraph", "subparagraph",
                     "subparagraph", "area", "section", "operative", "section", "operative"]
    assert preview.title == lines[0][1]
    assert [(s.title, s.kind, s.area) for s in preview.sections] == [
        (lines[3][1], "item", 5), (lines[13][1], "entity", None),
        (lines[15][1], "instrument", None)]
    item = preview.sections[0]
    assert [p.text.split()[0] for p in item.paragraphs[:2]] == [
        w.split()[0] for w in PREAMBLES[language]]
    # Numbers and letters are the draft's to give: the texts are stored without them.
    assert item.paragraphs[2].text == lines[7][1][3:]
    assert item.paragraphs[3].kind == "mandates"
    assert item.paragraphs[3].mandates == [lines[n][1][3:] for n in (9, 10, 11)]
    assert preview.ready and not preview.unclassified
    assert [r.summary for r in preview.caps] == [
        "preambular 2/3, operative 2/3", "paragraphs 1/6", "paragraphs 1/4"]
    # Nothing is written by a preview.
    assert world.session.scalar(select(func.count()).select_from(Paragraph).where(
        Paragraph.negotiation_id == next_cycle.id)) == 0

    outcome = confirm_import(world.session, next_cycle, CHAIR, preview, world.now,
                             use_title=True)
    assert outcome.changed and (outcome.sections, outcome.paragraphs) == (3, 9)
    assert next_cycle.title == lines[0][1]
    draft = _draft(world, next_cycle)
    assert [label for _, label, _ in draft] == [
        "PP1", "PP2", "1", "2", "2 (a)", "2 (b)", "2 (c)", "3", "4"]
    assert draft[0] == (lines[3][1], "PP1", lines[4][1])
    sections = sections_of(world.session, next_cycle)
    assert [(s.kind, s.area) for s in sections] == [
        (SectionKind.ITEM, 5), (SectionKind.ENTITY, None), (SectionKind.INSTRUMENT, None)]
    # A heading's acronym is its section's short name, and the entity's section is its own.
    assert sections[1].code == "jid"
    assert [p.proposer_label for p in paragraphs_of(world.session, next_cycle)] == [
        "Chair"] * 9
    entry = world.session.scalars(select(RecordEntry).where(
        RecordEntry.negotiation_id == next_cycle.id, RecordEntry.action == "draft_imported")
    ).one()
    assert "Imported 3 sections and 9 paragraphs" in entry.summary


def test_what_is_not_recognised_is_shown_and_the_chair_corrects_it(
    world: World, next_cycle: Negotiation
) -> None:
    lines = [*DRAFTS["en"], ("", "Member states are invited to share their statistics.")]
    preview = preview_docx(next_cycle, docx_of(lines), "draft.docx", world.now)
    (stray,) = preview.unclassified
    assert stray.text == "Member states are invited to share their statistics."
    assert not preview.ready
    with pytest.raises(InvalidSubmission, match="could not be classified"):
        confirm_import(world.session, next_cycle, CHAIR, preview, world.now)
    assert paragraphs_of(world.session, next_cycle) == []

    index = preview.blocks.index(stray)
    corrected = preview_from_json(next_cycle, preview.to_json(), world.now, {
        index: {"kind": "operative"},
        4: {"kind": "operative"},  # the chair makes "RECALLING ..." operative
        15: {"kind": "section", "section_kind": "entity"},  # CIFTA as an entity, for the test
    })
    assert corrected.ready
    # A preambular paragraph made operative joins the operative part, at its head.
    assert [(p.kind, p.text.split()[0]) for p in corrected.sections[0].paragraphs][:2] == [
        ("preambular", "NOTING"), ("operative", "RECALLING")]
    assert corrected.sections[2].kind == "entity"
    assert corrected.sections[2].paragraphs[-1].text == stray.text
    assert corrected.caps[0].summary == "preambular 1/3, operative 3/3"
    confirm_import(world.session, next_cycle, CHAIR, corrected, world.now)
    assert _draft(world, next_cycle)[-1] == ("CIFTA", "6", stray.text)


def test_a_section_without_a_thematic_area_asks_for_one(
    world: World, next_cycle: Negotiation
) -> None:
    preview = preview_text(next_cycle, "Cybersecurity\n1. To urge member states to act.",
                           world.now)
    assert preview.problems == ["Section “Cybersecurity”: choose its thematic area (1-8)."]
    fixed = preview_from_json(next_cycle, preview.to_json(), world.now,
                              {0: {"kind": "section", "section_kind": "item", "area": "6"}})
    assert fixed.ready and fixed.sections[0].area == 6


def test_importing_twice_duplicates_nothing(world: World, next_cycle: Negotiation) -> None:
    s, now = world.session, world.now
    data = docx_of(DRAFTS["es"])
    confirm_import(s, next_cycle, CHAIR, preview_docx(next_cycle, data, "a.docx", now), now)
    before = _draft(world, next_cycle)

    again = confirm_import(s, next_cycle, CHAIR, preview_docx(next_cycle, data, "a.docx", now),
                           now)
    assert not again.changed and "nothing was changed" in again.message
    assert _draft(world, next_cycle) == before

    # The secretariat already gave the item its own deadline: the section stays.
    item = sections_of(s, next_cycle)[0]
    s.add(Milestone(negotiation_id=next_cycle.id, section_id=item.id, title="Own deadline",
                    kind=MilestoneKind.SUBMISSION_DEADLINE, at=now))
    other = docx_of([line for line in DRAFTS["es"] if "CIFTA" not in line[1]])
    with pytest.raises(RefusedTransition, match="confirm that you want to replace"):
        confirm_import(s, next_cycle, CHAIR, preview_docx(next_cycle, other, "b.docx", now), now)
    assert _draft(world, next_cycle) == before

    outcome = confirm_import(s, next_cycle, CHAIR,
                             preview_docx(next_cycle, other, "b.docx", now), now, replace=True)
    assert outcome.replaced == 9 and outcome.paragraphs == 8
    assert _draft(world, next_cycle) == before[:-1]
    assert sections_of(s, next_cycle)[0].id == item.id
    assert len(sections_of(s, next_cycle)) == 2


def _zip(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "is empty"),
    (b"%PDF-1.7 a PDF, not a Word file", "is not a Word document"),
    (OLE + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64,
     "protected by a password"),
    (OLE + b"\0" * 512, "old Word document"),
    (b"PK\x03\x04" + b"\0" * (MAX_FILE_BYTES + 1), "at most 5 MB"),
    (b"PK\x03\x04 damaged", "damaged"),
    (_zip({"hello.txt": b"hello"}), "is not a Word document"),
    (docx_of([]), "has no text"),
    (docx_of([("", "RECALLING the \ue000 symbol font;")]), "not text"),
])
def test_a_bad_file_is_refused_with_the_reason_and_changes_nothing(
    world: World, next_cycle: Negotiation, data: bytes, message: str
) -> None:
    with pytest.raises(InvalidSubmission, match=message):
        preview_docx(next_cycle, data, "draft.docx", world.now)
    assert paragraphs_of(world.session, next_cycle) == []


def test_a_zip_bomb_is_not_unpacked(world: World, next_cycle: Negotiation) -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "filler.bin": b"\0" * (45 << 20)})
    with pytest.raises(InvalidSubmission, match="unpacks to more than"):
        preview_docx(next_cycle, bomb, "draft.docx", world.now)


@pytest.mark.parametrize("text", ["RECALLING the bell\x07;", "", "   \n  ", "To act;\x00"])
def test_pasted_text_with_control_characters_or_nothing_is_refused(
    world: World, next_cycle: Negotiation, text: str
) -> None:
    with pytest.raises(InvalidSubmission, match=r"not text|no text"):
        preview_text(next_cycle, text, world.now)


def test_a_tampered_preview_is_refused(world: World, next_cycle: Negotiation) -> None:
    preview = preview_text(next_cycle, text_of(DRAFTS["pt"]), world.now)
    with pytest.raises(InvalidSubmission, match="could not be read back"):
        preview_from_json(next_cycle, preview.to_json().replace('"preambular"', '"sneaky"'),
                          world.now)
    with pytest.raises(InvalidSubmission, match="could not be read back"):
        preview_from_json(next_cycle, "{not json", world.now)
    with pytest.raises(InvalidSubmission, match="not a kind"):
        preview_from_json(next_cycle, preview.to_json(), world.now, {4: {"kind": "sneaky"}})


def test_nothing_is_imported_once_rev_0_is_circulated(world: World) -> None:
    circulate_revision(world.session, world.negotiation, CHAIR, world.now)
    preview = preview_text(world.negotiation, text_of(DRAFTS["en"]), world.now)
    with pytest.raises(RefusedTransition, match="circulated"):
        confirm_import(world.session, world.negotiation, CHAIR, preview, world.now,
                       replace=True)


#: What reading one hostile file may cost: the import's worker stays well within this.
PEAK_MB = 300
SECONDS = 8


@HOSTILE_FILES
def test_a_hostile_word_file_is_refused_quickly_in_bounded_memory(
    tmp_path: Path, build: Callable[[Path], Path], refusal: str
) -> None:
    cost = reading_cost(build(tmp_path / "draft.docx"))
    # Its own limit names it, or on a busy machine the time budget may be met first.
    said = str(cost["refusal"])
    assert cost["refusal"] is not None, cost
    assert re.search(refusal, said) or "takes too long to read" in said, cost
    assert float(cost["seconds"]) < SECONDS, cost  # type: ignore[arg-type]
    assert float(cost["peak_mb"]) < PEAK_MB, cost  # type: ignore[arg-type]


def test_a_draft_within_the_budgets_is_still_read(tmp_path: Path) -> None:
    cost = reading_cost(word_file(tmp_path / "draft.docx", long_paragraphs(300, 1_000)))
    assert cost["refusal"] is None, cost


def test_the_chair_edits_joins_and_splits_lines_in_the_preview(
    world: World, next_cycle: Negotiation
) -> None:
    text = ("Cybersecurity\nRECALLING the Convention;\nand its protocols;\n"
            "1. To urge states to act; 2. To report back.\n8 To keep the number away")
    preview = preview_text(next_cycle, text, world.now)
    fixed = preview_from_json(next_cycle, preview.to_json(), world.now, {
        0: {"kind": "section", "section_kind": "item", "area": "4"},
        1: {"text": "RECALLING the Inter-American Convention;"},
        2: {"join": "yes"},
        3: {"split": "2. To report"},
        4: {"kind": "operative"},
    })
    paragraphs = [(p.kind, p.text) for p in fixed.sections[0].paragraphs]
    assert paragraphs == [
        ("preambular", "RECALLING the Inter-American Convention; and its protocols;"),
        ("operative", "To urge states to act;"), ("operative", "To report back."),
        ("operative", "To keep the number away")]
    with pytest.raises(InvalidSubmission, match="is not in its text"):
        preview_from_json(next_cycle, preview.to_json(), world.now, {3: {"split": "nowhere"}})
    with pytest.raises(InvalidSubmission, match="not text"):
        preview_from_json(next_cycle, preview.to_json(), world.now, {1: {"text": "bell\x07"}})


def test_a_committee_without_thematic_areas_is_asked_for_none(
    world: World, next_cycle: Negotiation
) -> None:
    text = "RECALLING the Convention;\nCybersecurity\n1. To urge member states to act."
    assert "choose its thematic area" in " ".join(
        preview_text(next_cycle, text, world.now).problems)
    next_cycle.thematic_areas = False
    preview = preview_text(next_cycle, text, world.now)
    assert preview.ready
    # The general preamble is held to no item's caps: listed, but counted apart.
    assert [r.summary for r in preview.caps] == [
        "counted apart, paragraphs 1", "preambular 0/3, operative 1/3"]
    confirm_import(world.session, next_cycle, CHAIR, preview, world.now)
    assert [(s.title, s.area) for s in sections_of(world.session, next_cycle)] == [
        ("General", None), ("Cybersecurity", None)]


def test_footnote_markers_are_set_aside_not_glued_to_the_words(
    world: World, next_cycle: Negotiation
) -> None:
    preview = preview_text(next_cycle, "RECALLING the Convention of 1961¹ and the Agenda "
                           "2015\u20132030³,\n1. To act.", world.now)
    assert preview.sections[0].paragraphs[0].text == (
        "RECALLING the Convention of 1961 and the Agenda 2015\u20132030,")
    assert preview.footnotes == 2
