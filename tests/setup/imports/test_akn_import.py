"""A first draft from an Akoma Ntoso file: what this app exports comes back as the same
draft, a real body's resolution reads, and hostile XML is refused with the import's own
message."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from negotiation.demo.loader import load_cycle, load_next_cycle
from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.draft.drafting import paragraphs_of
from negotiation.errors import InvalidSubmission
from negotiation.models import Negotiation
from negotiation.record.clock import parse_moment
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.importing import current_plan, preview_file, preview_from_json
from negotiation.setup.imports.reading import MAX_FILE_BYTES
from tests.builders import CHAIR, World

HERE = Path(__file__).parent


def _fingerprints(session: Session, negotiation: Negotiation) -> list[tuple[object, ...]]:
    return [s.fingerprint() for s in current_plan(session, negotiation) if s.paragraphs]


def test_an_exported_draft_imported_back_is_the_same_draft(
    world: World, next_cycle: Negotiation
) -> None:
    s, now = world.session, world.now
    exported = akoma_ntoso(akn_draft(s, world.negotiation, now, None))
    preview = preview_file(next_cycle, exported, "CP-CSH-2251-24.akn", now)
    assert preview.ready, preview.problems
    assert preview.title == world.negotiation.title
    # Carried to the confirming request and read back, as the page does.
    preview = preview_from_json(next_cycle, preview.to_json(), now)
    confirm_import(s, next_cycle, CHAIR, preview, now)
    assert _fingerprints(s, next_cycle) == _fingerprints(s, world.negotiation)
    kinds = [p.kind.value for p in paragraphs_of(s, next_cycle)]
    assert kinds.count("subparagraph") == 3 and kinds.count("preambular") == 2


def test_the_demo_draft_round_trips_with_its_areas_and_sections(session: Session) -> None:
    demo = load_cycle(session)
    now = parse_moment("2024-04-20 10:00 America/New_York")
    following = load_next_cycle(session, demo, now)
    exported = akoma_ntoso(akn_draft(session, demo, now, None))
    preview = preview_file(following, exported, "demo.xml", now)
    assert preview.ready, preview.problems
    confirm_import(session, following, CHAIR, preview, now)
    theirs, ours = _fingerprints(session, following), _fingerprints(session, demo)
    assert len(ours) == 14 and theirs == ours  # titles, kinds, areas, paragraphs, mandates


def test_a_real_un_resolution_marked_up_as_akn4un_reads(
    world: World, next_cycle: Negotiation
) -> None:
    data = (HERE / "un_ga_resolution_78_4_excerpt.akn").read_bytes()
    preview = preview_file(next_cycle, data, "A-RES-78-4.akn", world.now)
    kinds = [(b.kind, b.text[:30]) for b in preview.blocks]
    assert kinds[0] == ("title", "Political declaration of the h")
    assert [k for k, _ in kinds[1:]] == ["preambular", "preambular", "operative",
                                         "mandates", "subparagraph", "subparagraph"]
    assert preview.blocks[4].text == "Calls upon Member States to:"
    # The footnote is left out of the sub-paragraph's text.
    assert preview.blocks[6].text == "Progressively cover one billion additional people by 2025."
    # No section in the file: the paragraphs land in one section, whose area the chair picks.
    assert [s.title for s in preview.sections] == ["General"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="x">
<mainBody><paragraph eId="para_1"><content><p>&lol3;</p></content></paragraph></mainBody>
</statement></akomaNtoso>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!doctype akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="x">
<mainBody><paragraph eId="para_1"><content><p>&secret;</p></content></paragraph></mainBody>
</statement></akomaNtoso>"""
WITHOUT_NAMESPACE = b"<akomaNtoso><statement name='x'><mainBody/></statement></akomaNtoso>"


@pytest.mark.parametrize(("data", "message"), [
    (BILLION_LAUGHS, "declares a DOCTYPE or entities"),
    (EXTERNAL_ENTITY, "declares a DOCTYPE or entities"),
    (b"<akomaNtoso><unclosed></akomaNtoso>", "is not well-formed XML"),
    (WITHOUT_NAMESPACE, "is not an Akoma Ntoso 3.0 document"),
    (b"<" + b" " * MAX_FILE_BYTES + b"/>", "at most 5 MB"),
    (b"", "is empty"),
])
def test_hostile_or_foreign_xml_is_refused_and_nothing_is_imported(
    world: World, next_cycle: Negotiation, data: bytes, message: str
) -> None:
    with pytest.raises(InvalidSubmission, match=message) as refused:
        preview_file(next_cycle, data, "draft.xml", world.now)
    assert "root:" not in str(refused.value) and "lollol" not in str(refused.value)
    assert paragraphs_of(world.session, next_cycle) == []
