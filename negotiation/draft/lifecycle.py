"""The state machines of paragraphs and proposals, one `transitions` machine per class.

Rows loaded from the database skip ``__init__`` and are many, so no machine is bound to
a row: an event is fired on the class's machine with the row as its model. Guards raise
:class:`RefusedTransition` with the reason, before any state changes; the request's
transaction then commits or rolls back the whole act.

Besides the five states of the procedure (proposed, consensus in principle, amended, new,
approved), a paragraph can be:

* **in informal consultations**: the chair returned it (or deferred it in a meeting) to
  be worked on outside the room; it resumes as amended, or as new when a delegation
  proposed it, or goes straight to consensus or approval once agreed;
* **withdrawn**: its proposing delegation withdrew a new paragraph (only the proposer may);
* **deleted by agreement**: the meeting agreed to drop it; the text stays in the record.

An approved paragraph can be reopened (back to consultations) only with a recorded reason,
because "nothing is agreed until everything is agreed" is how these negotiations end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from transitions import EventData, Machine, MachineError

from negotiation.enums import AmendmentKind, AmendmentState, ParagraphState
from negotiation.errors import RefusedTransition, Term
from negotiation.text.languages import N_

P = ParagraphState
A = AmendmentState

#: The order of consideration in a meeting: consensus, then amended, then new.
CONSIDERATION_RANK = {P.CONSENSUS: 0, P.AMENDED: 1, P.NEW: 2}


@dataclass
class Facts:
    """What the guards need to know about a paragraph's situation, gathered beforehand."""

    submissions_closed: bool = True
    deadline_label: str = ""
    open_proposals: int = 0
    has_remarks: bool = False
    earlier_pending: list[str] = field(default_factory=list)
    override_reason: str = ""
    cap_breach: str | None = None
    is_proposer: bool = False
    proposed_by_delegation: bool = False
    reason: str = ""
    #: Why nothing can be approved now (no meeting sits), as the refusal to raise.
    outside_meeting: RefusedTransition | None = None


def _facts(event: EventData) -> Facts:
    facts = event.kwargs.get("facts")
    return facts if isinstance(facts, Facts) else Facts()


def submissions_closed(event: EventData) -> bool:
    facts = _facts(event)
    if not facts.submissions_closed:
        raise RefusedTransition(
            "Delegations may still send proposals on this paragraph until %(deadline)s; it "
            "can be decided only after that deadline.", deadline=facts.deadline_label
        )
    return True


def no_open_proposals(event: EventData) -> bool:
    count = _facts(event).open_proposals
    if count:
        if count == 1:
            raise RefusedTransition("1 proposal is still unresolved on this paragraph: accept, "
                                    "settle or set them aside first.")

        raise RefusedTransition(
            "%(count)s proposals are still unresolved on this paragraph: accept, settle or set "
            "them aside first.", count=count
        )
    return True


def has_proposals_or_remarks(event: EventData) -> bool:
    facts = _facts(event)
    if not (facts.open_proposals or facts.has_remarks):
        raise RefusedTransition(
            "No delegation proposed a modification or commented on this paragraph."
        )
    return True


def in_a_meeting(event: EventData) -> bool:
    refusal = _facts(event).outside_meeting
    if refusal is not None:
        raise refusal
    return True


def in_order_of_consideration(event: EventData) -> bool:
    facts = _facts(event)
    if facts.earlier_pending and not facts.override_reason.strip():
        listed = ", ".join(facts.earlier_pending[:5])
        more = len(facts.earlier_pending) - 5
        if more > 0:
            raise RefusedTransition(
                "The procedure considers paragraphs in consensus in principle first, then "
                "those with proposed modifications, then new ones; still pending before this "
                "one: %(listed)s and %(more)s more. The chair may override the order by giving "
                "a reason.", listed=listed, more=more
            )
        raise RefusedTransition(
            "The procedure considers paragraphs in consensus in principle first, then those "
            "with proposed modifications, then new ones; still pending before this one: "
            "%(listed)s. The chair may override the order by giving a reason.", listed=listed
        )
    return True


def within_cap(event: EventData) -> bool:
    breach = _facts(event).cap_breach
    if breach:
        raise RefusedTransition("Approving it would breach the cap: %(breach)s.", breach=breach)
    return True


def by_proposer(event: EventData) -> bool:
    if not _facts(event).is_proposer:
        raise RefusedTransition("Only the delegation that proposed it may withdraw it.")
    return True


def with_reason(event: EventData) -> bool:
    if not _facts(event).reason.strip():
        raise RefusedTransition("Give a reason; it is kept in the record.")
    return True


def is_remark(event: EventData) -> bool:
    # Only what asks for no change of text is noted: a modification or a request to delete
    # is accepted, settled or set aside by the chair, never closed in passing.
    if event.model.kind not in (AmendmentKind.COMMENT, AmendmentKind.SUPPORT):
        raise RefusedTransition(
            "Only comments and supports are noted; a proposal that changes the text is "
            "accepted, settled or set aside."
        )
    return True


def proposed_by_delegation(event: EventData) -> bool:
    return _facts(event).proposed_by_delegation


_LIVE_UNDECIDED = [P.PROPOSED, P.CONSENSUS, P.AMENDED, P.NEW, P.CONSULTATIONS]

PARAGRAPH_TRANSITIONS: list[dict[str, Any]] = [
    {
        "trigger": "find_consensus",
        "source": [P.PROPOSED, P.AMENDED, P.CONSULTATIONS],
        "dest": P.CONSENSUS,
        "conditions": [submissions_closed, no_open_proposals],
    },
    {
        "trigger": "mark_amended",
        "source": [P.PROPOSED, P.CONSENSUS],
        "dest": P.AMENDED,
        "conditions": [has_proposals_or_remarks],
    },
    {
        "trigger": "approve",
        "source": [P.CONSENSUS, P.AMENDED, P.NEW, P.CONSULTATIONS],
        "dest": P.APPROVED,
        "conditions": [submissions_closed, in_a_meeting, no_open_proposals,
                       in_order_of_consideration, within_cap],
    },
    {
        "trigger": "return_to_consultations",
        "source": [P.CONSENSUS, P.AMENDED, P.NEW],
        "dest": P.CONSULTATIONS,
        "conditions": [with_reason],
    },
    {
        "trigger": "reopen",
        "source": P.APPROVED,
        "dest": P.CONSULTATIONS,
        "conditions": [with_reason],
    },
    {
        "trigger": "resume",
        "source": P.CONSULTATIONS,
        "dest": P.NEW,
        "conditions": [proposed_by_delegation],
    },
    {
        "trigger": "resume",
        "source": P.CONSULTATIONS,
        "dest": P.AMENDED,
        "unless": [proposed_by_delegation],
    },
    {
        "trigger": "withdraw",
        "source": [P.NEW, P.CONSULTATIONS],
        "dest": P.WITHDRAWN,
        "conditions": [proposed_by_delegation, by_proposer],
    },
    {
        "trigger": "delete_by_agreement",
        "source": _LIVE_UNDECIDED,
        "dest": P.DELETED,
        "conditions": [submissions_closed, with_reason],
    },
]

AMENDMENT_TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "withdraw", "source": A.SUBMITTED, "dest": A.WITHDRAWN,
     "conditions": [by_proposer]},
    {"trigger": "accept", "source": A.SUBMITTED, "dest": A.ACCEPTED},
    {"trigger": "settle", "source": A.SUBMITTED, "dest": A.SETTLED},
    {"trigger": "set_aside", "source": A.SUBMITTED, "dest": A.NOT_RETAINED,
     "conditions": [with_reason]},
    {"trigger": "supersede", "source": A.SUBMITTED, "dest": A.SUPERSEDED},
    # A comment or support follows its paragraph's outcome: approved or deleted, it is noted.
    {"trigger": "note", "source": A.SUBMITTED, "dest": A.NOTED, "conditions": [is_remark]},
]


def _machine(states: type, transitions: list[dict[str, Any]], name: str) -> Machine:
    return Machine(
        model=None,
        states=states,
        transitions=transitions,
        initial=None,
        auto_transitions=False,
        send_event=True,
        model_attribute="state",
        name=name,
    )


PARAGRAPH_MACHINE = _machine(ParagraphState, PARAGRAPH_TRANSITIONS, "paragraph")
AMENDMENT_MACHINE = _machine(AmendmentState, AMENDMENT_TRANSITIONS, "amendment")

#: Why an event cannot move a paragraph or a proposal in its state: one whole sentence
#: per act, as translators need them (a verb and a noun put together read wrong in
#: Spanish, French or Portuguese).
_REFUSALS = {
    ("paragraph", "find_consensus"): N_(
        "Cannot put into consensus in principle a paragraph that is %(state)s."),
    ("paragraph", "mark_amended"): N_(
        "Cannot mark as having proposed modifications a paragraph that is %(state)s."),
    ("paragraph", "approve"): N_(
        "Cannot approve a paragraph that is %(state)s."),
    ("paragraph", "return_to_consultations"): N_(
        "Cannot return to informal consultations a paragraph that is %(state)s."),
    ("paragraph", "reopen"): N_(
        "Cannot reopen a paragraph that is %(state)s."),
    ("paragraph", "resume"): N_(
        "Cannot resume a paragraph that is %(state)s."),
    ("paragraph", "withdraw"): N_(
        "Cannot withdraw a paragraph that is %(state)s."),
    ("paragraph", "delete_by_agreement"): N_(
        "Cannot delete by agreement a paragraph that is %(state)s."),
    ("proposal", "withdraw"): N_(
        "Cannot withdraw a proposal that is %(state)s."),
    ("proposal", "accept"): N_(
        "Cannot accept a proposal that is %(state)s."),
    ("proposal", "settle"): N_(
        "Cannot mark as settled a proposal that is %(state)s."),
    ("proposal", "set_aside"): N_(
        "Cannot set aside a proposal that is %(state)s."),
    ("proposal", "supersede"): N_(
        "Cannot re-base a proposal that is %(state)s."),
    ("proposal", "note"): N_(
        "Cannot note a proposal that is %(state)s."),
}


def _fire(machine: Machine, model: Any, event: str, what: str, facts: Facts) -> None:
    trigger = machine.events.get(event)
    if trigger is None:
        raise ValueError(f"no event {event!r} on the {machine.name}machine")
    refusal = _REFUSALS[what, event]
    state = Term(model.state.label, lower=True)
    try:
        moved = trigger.trigger(model, facts=facts)
    except MachineError as exc:
        raise RefusedTransition(refusal, state=state) from exc
    if not moved:
        raise RefusedTransition(refusal, state=state)


def fire_paragraph(paragraph: Any, event: str, facts: Facts | None = None) -> None:
    """Move a paragraph by an event of the procedure, or raise why not."""
    _fire(PARAGRAPH_MACHINE, paragraph, event, "paragraph", facts or Facts())


def fire_amendment(amendment: Any, event: str, facts: Facts | None = None) -> None:
    """Move a proposal by an event of its lifecycle, or raise why not."""
    _fire(AMENDMENT_MACHINE, amendment, event, "proposal", facts or Facts())


def paragraph_events_from(state: ParagraphState) -> list[str]:
    """The events the machine knows from a state (for menus; guards may still refuse)."""
    return sorted(
        name for name, ev in PARAGRAPH_MACHINE.events.items() if state.name in ev.transitions
    )
