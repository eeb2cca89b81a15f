"""Proposals sent through the domain are stored as word diffs against their exact base."""

from __future__ import annotations

from itertools import pairwise

import pytest

from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.proposals.submissions import submit_proposal
from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change, diff_from_json, result_text
from tests.builders import World, chair_paragraph

NBSP = "\u00a0"

CASES = {
    "en": (
        "To urge member states to \u201cstrengthen\u201d cooperation against trafficking in "
        "persons.",
        "To urge member states to \u201cstrengthen and deepen\u201d cooperation against "
        "trafficking in persons.",
        [
            Change(EQUAL, "To urge member states to \u201cstrengthen"),
            Change(INSERT, " and deepen"),
            Change(EQUAL, "\u201d cooperation against trafficking in persons."),
        ],
    ),
    "es": (
        "Reafirmar el compromiso de los Estados Miembros con la lucha contra la trata de "
        "personas, en particular de mujeres y niñas;",
        "Reafirmar el firme compromiso de los Estados Miembros con la lucha contra la trata de "
        "personas, en particular de mujeres, niñas y niños;",
        [
            Change(EQUAL, "Reafirmar el "),
            Change(INSERT, "firme "),
            Change(EQUAL, "compromiso de los Estados Miembros con la lucha contra la trata de "
                          "personas, en particular de mujeres"),
            Change(INSERT, ", niñas"),
            Change(EQUAL, " y "),
            Change(DELETE, "niñas"),
            Change(INSERT, "niños"),
            Change(EQUAL, ";"),
        ],
    ),
    "fr": (
        f"Rappelant sa résolution intitulée «{NBSP}Renforcer la coopération{NBSP}»{NBSP};",
        f"Rappelant également sa résolution intitulée «{NBSP}Renforcer la coopération "
        f"régionale{NBSP}»{NBSP};",
        [
            Change(EQUAL, "Rappelant "),
            Change(INSERT, "également "),
            Change(EQUAL, f"sa résolution intitulée «{NBSP}Renforcer la coopération"),
            Change(INSERT, " régionale"),
            Change(EQUAL, f"{NBSP}»{NBSP};"),
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_stored_diff_is_word_by_word_against_the_exact_base(world: World, language: str) -> None:
    base, proposed, expected = CASES[language]
    paragraph = chair_paragraph(world, language, ParagraphKind.PREAMBULAR, base)
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id, text=proposed,
    ).amendment
    world.session.expire_all()  # read back what the database holds, not the objects in memory
    assert amendment.base_version.text == base
    assert amendment.diff is not None
    changes = diff_from_json(amendment.diff)
    assert changes == expected
    assert result_text(changes) == amendment.proposed_text == proposed
    # No change starts or ends inside a word, in the base text or in the proposed one.
    for side in (DELETE, INSERT):
        pieces = [c.text for c in changes if c.op in (EQUAL, side)]
        for before, after in pairwise(pieces):
            assert not (before[-1].isalnum() and after[0].isalnum()), (before, after)


def test_accents_and_no_break_spaces_survive_the_database(world: World) -> None:
    base, proposed, _ = CASES["fr"]
    paragraph = chair_paragraph(world, "fr", ParagraphKind.PREAMBULAR, base)
    amendment = submit_proposal(
        world.session, world.negotiation, world.delegate("CAN"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id, text=proposed,
    ).amendment
    world.session.expire_all()
    assert amendment.proposed_text is not None
    assert amendment.proposed_text.count(NBSP) == 3
    assert "régionale" in amendment.proposed_text and "«" in amendment.proposed_text
