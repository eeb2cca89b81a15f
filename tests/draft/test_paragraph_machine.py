"""Every move of the paragraph and proposal machines, allowed and refused, without a database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from negotiation.draft.lifecycle import (
    PARAGRAPH_MACHINE,
    Facts,
    fire_amendment,
    fire_paragraph,
    paragraph_events_from,
)
from negotiation.enums import AmendmentState, ParagraphState
from negotiation.errors import RefusedTransition

P = ParagraphState
A = AmendmentState


@dataclass
class Row:
    state: ParagraphState | AmendmentState


# (event, from, to, facts that satisfy the guards)
ALLOWED = [
    ("find_consensus", P.PROPOSED, P.CONSENSUS, Facts()),
    ("find_consensus", P.AMENDED, P.CONSENSUS, Facts()),
    ("find_consensus", P.CONSULTATIONS, P.CONSENSUS, Facts()),
    ("mark_amended", P.PROPOSED, P.AMENDED, Facts(open_proposals=1)),
    ("mark_amended", P.CONSENSUS, P.AMENDED, Facts(has_remarks=True)),
    ("approve", P.CONSENSUS, P.APPROVED, Facts()),
    ("approve", P.AMENDED, P.APPROVED, Facts()),
    ("approve", P.NEW, P.APPROVED, Facts()),
    ("approve", P.CONSULTATIONS, P.APPROVED, Facts()),
    ("return_to_consultations", P.CONSENSUS, P.CONSULTATIONS, Facts(reason="Needs work")),
    ("return_to_consultations", P.AMENDED, P.CONSULTATIONS, Facts(reason="Needs work")),
    ("return_to_consultations", P.NEW, P.CONSULTATIONS, Facts(reason="Needs work")),
    ("reopen", P.APPROVED, P.CONSULTATIONS, Facts(reason="Linked to paragraph 9")),
    ("resume", P.CONSULTATIONS, P.AMENDED, Facts()),
    ("resume", P.CONSULTATIONS, P.NEW, Facts(proposed_by_delegation=True)),
    ("withdraw", P.NEW, P.WITHDRAWN, Facts(proposed_by_delegation=True, is_proposer=True)),
    ("withdraw", P.CONSULTATIONS, P.WITHDRAWN,
     Facts(proposed_by_delegation=True, is_proposer=True)),
    ("delete_by_agreement", P.PROPOSED, P.DELETED, Facts(reason="Agreed")),
    ("delete_by_agreement", P.CONSENSUS, P.DELETED, Facts(reason="Agreed")),
    ("delete_by_agreement", P.AMENDED, P.DELETED, Facts(reason="Agreed")),
    ("delete_by_agreement", P.NEW, P.DELETED, Facts(reason="Agreed")),
    ("delete_by_agreement", P.CONSULTATIONS, P.DELETED, Facts(reason="Agreed")),
]


@pytest.mark.parametrize(("event", "source", "dest", "facts"), ALLOWED,
                         ids=[f"{e}:{s.value}" for e, s, _, _ in ALLOWED])
def test_allowed_moves(event: str, source: P, dest: P, facts: Facts) -> None:
    row = Row(source)
    fire_paragraph(row, event, facts)
    assert row.state is dest


ALLOWED_PAIRS = {(e, s) for e, s, _, _ in ALLOWED}
REFUSED_BY_STATE = [
    (event, state)
    for event in sorted(PARAGRAPH_MACHINE.events)
    for state in P
    if (event, state) not in ALLOWED_PAIRS
]


@pytest.mark.parametrize(("event", "state"), REFUSED_BY_STATE,
                         ids=[f"{e}:{s.value}" for e, s in REFUSED_BY_STATE])
def test_every_other_move_is_refused_and_changes_nothing(event: str, state: P) -> None:
    row = Row(state)
    generous = Facts(open_proposals=0, has_remarks=True, reason="why",
                     is_proposer=True, proposed_by_delegation=True)
    with pytest.raises(RefusedTransition, match="Cannot"):
        fire_paragraph(row, event, generous)
    assert row.state is state


def test_final_states_allow_nothing() -> None:
    assert paragraph_events_from(P.WITHDRAWN) == []
    assert paragraph_events_from(P.DELETED) == []
    assert paragraph_events_from(P.APPROVED) == ["reopen"]


@pytest.mark.parametrize(
    ("event", "source", "facts", "reason"),
    [
        ("approve", P.AMENDED, Facts(open_proposals=2), "2 proposals are still unresolved"),
        ("approve", P.CONSENSUS, Facts(submissions_closed=False, deadline_label="22 April"),
         "may still send proposals on this paragraph until 22 April"),
        ("approve", P.NEW, Facts(earlier_pending=["PP1 (consensus in principle)"]),
         "consensus in principle first.*PP1"),
        ("approve", P.CONSENSUS, Facts(cap_breach="Trafficking: 4 operative paragraphs"),
         "would breach the cap: Trafficking: 4 operative"),
        ("find_consensus", P.AMENDED, Facts(open_proposals=1), "1 proposal is still"),
        ("find_consensus", P.PROPOSED, Facts(submissions_closed=False), "may still send"),
        ("mark_amended", P.PROPOSED, Facts(), "No delegation proposed"),
        ("return_to_consultations", P.AMENDED, Facts(reason="  "), "Give a reason"),
        ("reopen", P.APPROVED, Facts(), "Give a reason"),
        ("withdraw", P.NEW, Facts(proposed_by_delegation=True, is_proposer=False),
         "Only the delegation that proposed it"),
        ("delete_by_agreement", P.AMENDED, Facts(reason=""), "Give a reason"),
    ],
)
def test_guards_refuse_with_the_reason_and_change_nothing(
    event: str, source: P, facts: Facts, reason: str
) -> None:
    row = Row(source)
    with pytest.raises(RefusedTransition, match=reason):
        fire_paragraph(row, event, facts)
    assert row.state is source


def test_chair_overrides_the_order_with_a_reason() -> None:
    row = Row(P.NEW)
    fire_paragraph(row, "approve", Facts(earlier_pending=["PP1"], override_reason="Urgent"))
    assert row.state is P.APPROVED


def test_withdrawal_of_a_chair_paragraph_is_refused() -> None:
    row = Row(P.CONSULTATIONS)
    with pytest.raises(RefusedTransition):
        fire_paragraph(row, "withdraw", Facts(is_proposer=True, proposed_by_delegation=False))
    assert row.state is P.CONSULTATIONS


@pytest.mark.parametrize(
    ("event", "dest", "facts"),
    [
        ("withdraw", A.WITHDRAWN, Facts(is_proposer=True)),
        ("accept", A.ACCEPTED, Facts()),
        ("settle", A.SETTLED, Facts()),
        ("set_aside", A.NOT_RETAINED, Facts(reason="Outside the item's scope")),
        ("supersede", A.SUPERSEDED, Facts()),
    ],
)
def test_proposal_moves_from_submitted(event: str, dest: A, facts: Facts) -> None:
    row = Row(A.SUBMITTED)
    fire_amendment(row, event, facts)
    assert row.state is dest


@pytest.mark.parametrize("state", [s for s in A if s is not A.SUBMITTED])
@pytest.mark.parametrize("event", ["withdraw", "accept", "settle", "set_aside", "supersede"])
def test_a_resolved_proposal_does_not_move(state: A, event: str) -> None:
    row = Row(state)
    with pytest.raises(RefusedTransition):
        fire_amendment(row, event, Facts(is_proposer=True, reason="why"))
    assert row.state is state


def test_only_the_proposer_withdraws_a_proposal() -> None:
    row = Row(A.SUBMITTED)
    with pytest.raises(RefusedTransition, match="Only the delegation"):
        fire_amendment(row, "withdraw", Facts(is_proposer=False))
    assert row.state is A.SUBMITTED
