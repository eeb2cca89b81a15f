"""Texts people send: characters no document can hold are refused with their place, what
changes nothing visible is normalised, lengths are held to the columns, in every act."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from negotiation.actors import Actor
from negotiation.calendar.deadlines import grant_late_leave
from negotiation.chairing.decisions import decide
from negotiation.chairing.proposal_decisions import set_aside, write_compromise
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import AmendmentKind, ParagraphKind, Role
from negotiation.errors import InvalidSubmission
from negotiation.people.accounts import create_account
from negotiation.people.appointments import actor_in, create_negotiation
from negotiation.proposals.submissions import submit_new_paragraph, submit_proposal
from negotiation.text.textcheck import checked_text
from tests.builders import CHAIR, DRAFT_DEADLINE, World
from tests.fingerprint import database_fingerprint


@pytest.mark.parametrize(("char", "kind"), [
    ("\x00", "control character (null character)"),
    ("\x0b", "control character (vertical tab)"),
    ("\x0c", "control character (form feed)"),
    ("\x1b", "control character (escape)"),
    ("\x7f", "control character (delete)"),
    ("\x85", "control character"),
    ("\ufffe", "noncharacter"),
    ("\uffff", "noncharacter"),
    ("\ufdd0", "noncharacter"),
    ("\U0010ffff", "noncharacter"),
    ("\ud800", "lone surrogate"),
    ("\x01", "control character"),
    ("\x08", "control character (backspace)"),
    ("\x0e", "control character"),
    ("\x1f", "control character"),
    ("\x80", "control character"),
    ("\x9f", "control character"),
    ("\ufdef", "noncharacter"),
    ("\U0001fffe", "noncharacter"),
    ("\udfff", "lone surrogate"),
    # Every invisible direction control: each can make a text display other than it reads.
    ("\u202a", "direction control (left-to-right embedding)"),
    ("\u202b", "direction control (right-to-left embedding)"),
    ("\u202c", "direction control (pop directional formatting)"),
    ("\u202d", "direction control (left-to-right override)"),
    ("\u202e", "direction control (right-to-left override)"),
    ("\u2066", "direction control (left-to-right isolate)"),
    ("\u2067", "direction control (right-to-left isolate)"),
    ("\u2068", "direction control (first strong isolate)"),
    ("\u2069", "direction control (pop directional isolate)"),
])
def test_a_character_no_document_can_hold_is_refused_with_its_place(
    char: str, kind: str
) -> None:
    with pytest.raises(InvalidSubmission) as refused:
        checked_text(f"First line\nSecond {char}line", "The comment", limit=100)
    message = str(refused.value)
    assert message.startswith("The comment contains")
    assert kind in message
    assert f"U+{ord(char):04X}" in message
    assert "line 2, column 8" in message


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u2065", "\u206a",
                                  "\u2029", "\ufdcf", "\ufdf0"])
def test_the_plain_direction_marks_and_the_characters_beside_the_refused_ones_stay(
    char: str,
) -> None:
    assert checked_text(f"Agreed {char}text", "The comment", limit=100) == f"Agreed {char}text"


def test_what_changes_nothing_visible_is_normalised() -> None:
    typed = "  Cafe\u0301 culture\r\nin the region\rand\tbeyond \u200e  "
    assert checked_text(typed, "The text", limit=100) == (
        "Caf\u00e9 culture\nin the region\nand\tbeyond \u200e"
    )


def test_a_one_line_field_refuses_line_breaks_and_tabs() -> None:
    for char in "\n\t":
        with pytest.raises(InvalidSubmission, match="this field is one line"):
            checked_text(f"Maria{char}Lopez", "The display name", limit=100, one_line=True)


def test_lengths_are_checked_after_normalising() -> None:
    assert checked_text("e\u0301" * 10, "The note", limit=10) == "\u00e9" * 10
    with pytest.raises(InvalidSubmission, match="is 11 characters long; the limit is 10"):
        checked_text("x" * 11, "The note", limit=10)


ADMIN = Actor(Role.ADMIN, "Administrator")

#: An act that stores a text, readied on the world (anything it needs is stored first):
#: it returns the act itself, taking the text under test.
Act = Callable[[World], Callable[[str], object]]


def _submit(kind: AmendmentKind, field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        paragraph = world.paragraphs["op1"]
        return lambda bad: submit_proposal(
            world.session, world.negotiation, world.delegate("MEX"), paragraph, kind,
            world.now, written_on=paragraph.current_version.id,
            **{"text": "A fine text.", "comment": "", field: bad},  # type: ignore[arg-type]
        )
    return ready


def _new_paragraph(field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        def act(bad: str) -> object:
            values = {"text": "To welcome cooperation.", "comment": "", field: bad}
            return submit_new_paragraph(
                world.session, world.negotiation, world.delegate("MEX"),
                world.sections["tip"], ParagraphKind.OPERATIVE, values["text"], world.now,
                comment=values["comment"])
        return act
    return ready


def _compromise(field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        paragraph = world.paragraphs["op1"]

        def act(bad: str) -> object:
            values = {"text": "A compromise.", "note": "", field: bad}
            return write_compromise(
                world.session, world.negotiation, CHAIR, paragraph, values["text"], world.now,
                written_on=paragraph.current_version.id, settles=[], note=values["note"])
        return act
    return ready


def _decide(field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        def act(bad: str) -> object:
            values = {"reason": "Consultations needed.", "override_reason": "", field: bad}
            return decide(world.session, world.negotiation, CHAIR, world.paragraphs["op2"],
                          "return_to_consultations", world.now, **values)
        return act
    return ready


def _set_aside(world: World) -> Callable[[str], object]:
    paragraph = world.paragraphs["op1"]
    proposal = submit_proposal(
        world.session, world.negotiation, world.delegate("MEX"), paragraph,
        AmendmentKind.MODIFY, world.now, written_on=paragraph.current_version.id,
        text="To urge all states.").amendment
    return lambda bad: set_aside(world.session, world.negotiation, CHAIR, proposal, bad,
                                 world.now)


def _late_leave(world: World) -> Callable[[str], object]:
    return lambda bad: grant_late_leave(
        world.session, world.negotiation, CHAIR, world.delegations["MEX"],
        DRAFT_DEADLINE + timedelta(days=1), bad, world.now)


def _circulate(world: World) -> Callable[[str], object]:
    return lambda bad: circulate_revision(world.session, world.negotiation, CHAIR, world.now,
                                          note=bad)


def _account(field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        def act(bad: str) -> object:
            values = {"username": "maria", "display_name": "Maria", "delegation_code": "MEX",
                      field: bad}
            return create_account(
                world.session, values["username"], "long enough password", world.now,
                display_name=values["display_name"],
                delegation_code=values["delegation_code"])
        return act
    return ready


def _negotiation(field: str) -> Act:
    def ready(world: World) -> Callable[[str], object]:
        def act(bad: str) -> object:
            values = {"committee": "CAJP", "committee_name": "Juridical and Political Affairs",
                      "cycle": "2024-2025", "title": "International law",
                      "symbol": "CP/CAJP-1/24", "timezone": "America/New_York", field: bad}
            return create_negotiation(world.session, ADMIN, world.now, **values)
        return act
    return ready


ACTS: dict[str, Act] = {
    "modification text": _submit(AmendmentKind.MODIFY, "text"),
    "comment on a modification": _submit(AmendmentKind.MODIFY, "comment"),
    "comment": _submit(AmendmentKind.COMMENT, "comment"),
    "comment with support": _submit(AmendmentKind.SUPPORT, "comment"),
    "new paragraph": _new_paragraph("text"),
    "new paragraph's comment": _new_paragraph("comment"),
    "compromise text": _compromise("text"),
    "compromise note": _compromise("note"),
    "reason for a decision": _decide("reason"),
    "reason for overriding the order": _decide("override_reason"),
    "reason for setting aside": _set_aside,
    "reason for a late leave": _late_leave,
    "revision note": _circulate,
    "username": _account("username"),
    "display name": _account("display_name"),
    "delegation code": _account("delegation_code"),
    "negotiation's title": _negotiation("title"),
    "committee's name": _negotiation("committee_name"),
    "document symbol": _negotiation("symbol"),
}


@pytest.mark.parametrize("name", ACTS)
@pytest.mark.parametrize("bad", ["Agreed\x0bin part", "Agreed \ufffe", "Agreed \u202eevil"])
def test_every_act_that_stores_text_refuses_it_and_changes_nothing(
    world: World, name: str, bad: str
) -> None:
    act = ACTS[name](world)
    before = database_fingerprint(world.session)
    with pytest.raises(InvalidSubmission, match=r"contains .*U\+"):
        act(bad)
    assert database_fingerprint(world.session) == before


@pytest.mark.parametrize("name", ACTS)
def test_a_million_characters_are_refused_by_every_act(world: World, name: str) -> None:
    act = ACTS[name](world)
    before = database_fingerprint(world.session)
    with pytest.raises(InvalidSubmission, match="is 1,000,000 characters long; the limit is"):
        act("x" * 1_000_000)
    assert database_fingerprint(world.session) == before


def test_a_normalised_comment_is_stored_as_read(world: World) -> None:
    submission = _submit(AmendmentKind.COMMENT, "comment")(world)("Cafe\u0301s\r\nopen ")
    assert submission.amendment.comment == "Caf\u00e9s\nopen"  # type: ignore[attr-defined]


def test_a_long_display_name_keeps_the_delegation_in_the_actor_name(world: World) -> None:
    account = create_account(world.session, "maria", "long enough password", world.now,
                             display_name="M" * 120, delegation_code="MEX")
    actor = actor_in(world.session, account, world.negotiation)
    assert actor is not None
    assert len(actor.name) == 120 and actor.name.endswith("… (Mexico)")
