"""The Word files read back with python-docx: labels, delegations, tracked-change runs."""

from __future__ import annotations

from io import BytesIO
from zipfile import ZipFile

from docx import Document
from docx.text.paragraph import Paragraph

from negotiation.documents.comparison import build_comparison
from negotiation.documents.word.body import comparison_docx
from negotiation.enums import AmendmentKind
from negotiation.proposals.submissions import submit_proposal
from negotiation.record.clock import parse_moment
from negotiation.text.diffs import DELETE, EQUAL, INSERT
from tests.builders import World
from tests.documents.scenario import negotiated


def _paragraphs(data: bytes) -> list[Paragraph]:
    return list(Document(BytesIO(data)).paragraphs)


def test_word_runs_carry_the_tracked_changes_and_the_delegations(world: World) -> None:
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)
    paragraphs = _paragraphs(comparison_docx(text))
    texts = [p.text for p in paragraphs]

    # Header and groups, in order.
    assert "CONSOLIDATED COMPARISON TEXT" in texts
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["I. Paragraphs in consensus in principle",
                        "II. Paragraphs with proposed modifications",
                        "III. New paragraphs proposed by delegations"]
    # Paragraphs numbered as circulated (Peru's new paragraph is "1 bis"): the label is the
    # first run, then a tab.
    labelled = [p for p in paragraphs if p.runs and p.runs[0].style.name == "Paragraph label"]
    assert [p.runs[0].text for p in labelled] == [
        "PP1", "2", "3", "3 (a)", "3 (b)", "3 (c)", "4", "5", "6", "7", "PP2", "1", "1 bis"]
    assert all(p.runs[0].bold and p.runs[1].text == "\t" for p in labelled)

    # Mexico's proposal: its number, the delegations in their own runs, then the tracked
    # text.
    index = next(i for i, p in enumerate(paragraphs)
                 if p.runs and p.runs[0].text == "Proposal 1: " and "joined by" in p.text)
    who, tracked = paragraphs[index], paragraphs[index + 1]
    delegations = [r.text for r in who.runs if r.style.name == "Delegation"]
    assert delegations == ["Mexico", "Canada"] and all(
        r.bold for r in who.runs if r.style.name == "Delegation")
    modify = next(p for p in text.paragraphs() if p.label == "1").proposals[0]
    assert [r.text for r in tracked.runs] == [c.text for c in modify.changes]
    for run, change in zip(tracked.runs, modify.changes, strict=True):
        if change.op == INSERT:
            assert run.style.name == "Insertion" and run.bold and run.underline
            assert not run.font.strike
        elif change.op == DELETE:
            assert run.style.name == "Deletion" and run.font.strike
            assert not run.bold and not run.underline
        else:
            assert change.op == EQUAL and not (run.bold or run.underline or run.font.strike)
    assert any(r.text == "strengthen" and r.font.strike for r in tracked.runs)
    assert any(r.text == "deepen" and r.bold and r.underline for r in tracked.runs)

    # The new paragraph is shown whole as an insertion, with Peru and Mexico named.
    new_index = texts.index("III. New paragraphs proposed by delegations")
    new_body = next(p for p in paragraphs[new_index:] if p.runs and p.runs[0].text == "1 bis")
    assert all(r.underline for r in new_body.runs[3:])  # after the label, tab and state
    assert any(p.text.startswith("Proposal 4: Peru, joined by Mexico")
               for p in paragraphs[new_index:])
    assert "Requests the deletion of the paragraph." in texts
    assert "Comment: Name the Caribbean routes." in texts


def test_each_paragraph_carries_its_state_and_new_ones_their_proposers(world: World) -> None:
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)
    paragraphs = _paragraphs(comparison_docx(text))
    labelled = {p.runs[0].text: p for p in paragraphs
                if p.runs and p.runs[0].style.name == "Paragraph label"}
    views = {v.label: v for v in text.paragraphs()}
    for label, paragraph in labelled.items():
        mark = paragraph.runs[2]  # after the label and its tab
        assert mark.text == f"[{views[label].state_label}] " and mark.italic, label
    assert labelled["1"].runs[2].text == "[Modifications proposed] "
    assert labelled["1 bis"].runs[2].text == "[New paragraph] "
    after_new = paragraphs[paragraphs.index(labelled["1 bis"]) + 1]
    assert after_new.text == f"Proposed by {views['1 bis'].proposed_by}"


def test_any_character_reads_back_as_it_was_typed(world: World) -> None:
    # Accents, French and Spanish typography, a dash and a character beyond the first
    # 65,536: the body is written as plain ASCII, with character references for the rest.
    said = "Perú y Canadá: «cooperación» — “reforzar” l\u2019action\u202f; ação ≥ 2 🌎"
    world.clock.set(parse_moment("2024-04-10 10:00 America/New_York"))
    op2 = world.paragraphs["op2"]
    submit_proposal(world.session, world.negotiation, world.delegate("MEX"), op2,
                    AmendmentKind.COMMENT, world.now, written_on=op2.current_version.id,
                    comment=said)
    data = comparison_docx(build_comparison(world.session, world.negotiation, world.now))
    assert f"Comment: {said}" in [p.text for p in _paragraphs(data)]
    with ZipFile(BytesIO(data)) as package:
        main = package.read("word/document.xml")
    assert main.isascii() and b"&#127758;" in main
