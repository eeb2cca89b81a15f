"""An imported draft's general preamble (the paragraphs before the first heading) is written
as a section counted apart from the items' caps, and the draft's caps leave it out."""

from __future__ import annotations

from negotiation.draft.capcheck import cap_reports
from negotiation.draft.drafting import sections_of
from negotiation.models import Negotiation
from negotiation.setup.imports.confirming import confirm_import
from negotiation.setup.imports.importing import preview_text
from tests.builders import CHAIR, World

PREAMBLE = "\n".join(f"RECALLING resolution AG/RES. {n} of the General Assembly;"
                     for n in range(1, 8))


def test_the_general_preamble_is_counted_apart_from_the_items_caps(
    world: World, next_cycle: Negotiation
) -> None:
    next_cycle.thematic_areas = False
    text = f"{PREAMBLE}\nCybersecurity\nRECALLING the Convention;\n1. To urge member states to act."
    preview = preview_text(next_cycle, text, world.now)
    assert preview.ready
    # The preview says beforehand what will count against which cap: the general preamble
    # apart (seven recitals, no breach), the item against the items' caps.
    assert [(r.title, r.summary, r.ok) for r in preview.caps] == [
        ("General", "counted apart, paragraphs 7", True),
        ("Cybersecurity", "preambular 1/3, operative 1/3", True)]
    confirm_import(world.session, next_cycle, CHAIR, preview, world.now)
    general, cyber = sections_of(world.session, next_cycle)
    assert (general.title, general.counted_apart) == ("General", True)
    assert not cyber.counted_apart
    reports = {r.title: r for r in cap_reports(world.session, next_cycle, world.now)}
    # Seven preambular paragraphs, where an item may have three: no breach.
    assert reports["General"].ok and reports["General"].preambular == 7
    assert reports["General"].summary == "counted apart, paragraphs 7"
    assert reports["Cybersecurity"].summary == "preambular 1/3, operative 1/3"
