"""Re-basing: carrying a proposal written on an older text forward to the paragraph's current one.

What the delegation sent is never rewritten. A clean re-base makes a *new* proposal on the
current text, pointing back at the original, and marks the original superseded; a conflict
leaves the original open, flagged against the text it could not be applied to, for people
to settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.drafting import name_in_draft
from negotiation.draft.lifecycle import fire_amendment
from negotiation.enums import AmendmentKind
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import Amendment, AmendmentSupport, Negotiation
from negotiation.people.permissions import can_rebase, require
from negotiation.proposals.submissions import OPEN_TO_PROPOSALS, new_proposal
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.diffs import rebase
from negotiation.text.languages import N_


@dataclass(frozen=True)
class RebaseOutcome:
    """What a re-base did: ``rebased`` (``proposal`` is the new one), ``conflict``, or
    ``already_in_text`` (the current text already reads as the proposal)."""

    status: Literal["rebased", "conflict", "already_in_text"]
    original: Amendment
    proposal: Amendment | None = None


def rebase_proposal(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    amendment: Amendment,
    now: datetime,
) -> RebaseOutcome:
    """Re-apply an open modification written on an older version to the current text.

    Clean: a new proposal (same delegation, kind and comment, supporters carried over) on
    the current version, and the original superseded. Conflict: the original stays open
    and records the version it conflicts with; nothing is dropped or half-applied.
    """
    require(
        can_rebase(actor, amendment),
        N_("Only the proposing delegation, the chair or the secretariat may re-base a proposal."),
    )
    if amendment.negotiation_id != negotiation.id:
        raise InvalidSubmission("That proposal belongs to another negotiation.")
    if amendment.kind is not AmendmentKind.MODIFY:
        raise InvalidSubmission(
            "Only proposed modifications are re-based, not a %(kind)s.",
            kind=Term(amendment.kind.label, lower=True),
        )
    if not amendment.is_open:
        raise RefusedTransition(
            "The proposal is %(state)s; there is nothing to re-base.",
            state=Term(amendment.state.label, lower=True),
        )
    if not amendment.written_on_older_version:
        raise InvalidSubmission("The proposal is already written on the current text.")
    paragraph = amendment.paragraph
    if paragraph.state not in OPEN_TO_PROPOSALS:
        raise RefusedTransition(
            "The paragraph is %(state)s; its proposals are not carried forward.",
            state=Term(paragraph.state.label, lower=True),
        )

    assert amendment.proposed_text is not None  # a modification always has its text
    current = paragraph.current_version
    outcome = rebase(amendment.base_version.text, amendment.proposed_text, current.text)
    name = amendment.delegation
    where = says(N_("%(paragraph)s, version %(number)s"),
                 paragraph=name_in_draft(session, paragraph), number=current.number)

    if outcome.status == "conflict" or outcome.text is None:
        amendment.conflicts_with_version_id = current.id
        session.flush()
        record(
            session, negotiation.id, actor, now, "proposal_rebase_conflict",
            says(N_("Proposal %(number)s by %(delegation)s conflicts with the current text of "
                    "%(where)s; it stays open on its own base"),
                 number=amendment.number, delegation=name, where=where),
            subject=f"amendment:{amendment.id}",
        )
        return RebaseOutcome("conflict", amendment)

    if outcome.text == current.text:
        # The chair's text already says what the delegation asked for: a new proposal
        # would ask for nothing, so the original is settled by that version instead.
        fire_amendment(amendment, "settle")
        amendment.resolved_at = now
        amendment.resolved_by_version_id = current.id
        amendment.resolution_note = (
            f"The current text (version {current.number}) already reads as this proposal"
        )
        session.flush()
        record(
            session, negotiation.id, actor, now, "proposal_settled",
            says(N_("Proposal %(number)s by %(delegation)s: %(where)s already reads as "
                    "proposed"), number=amendment.number, delegation=name, where=where),
            subject=f"amendment:{amendment.id}",
        )
        return RebaseOutcome("already_in_text", amendment)

    # The original leaves the open proposals first: one delegation keeps one open proposal
    # of a kind on a paragraph, and the database holds that rule at every flush.
    fire_amendment(amendment, "supersede")
    amendment.resolved_at = now
    session.flush()
    # The delegation sent it once, in time or with leave; carrying it forward is not
    # a new submission, so the original's standing travels with it.
    proposal = new_proposal(
        session, negotiation, actor, paragraph, amendment.delegation_id, amendment.kind, now,
        proposed_text=outcome.text, comment=amendment.comment,
        late_leave_id=amendment.late_leave_id, rebased_from=amendment,
    )
    for support in amendment.supports:
        if support.withdrawn_at is None:
            session.add(AmendmentSupport(
                amendment=proposal,
                delegation_id=support.delegation_id,
                joined_at=support.joined_at,
                joined_by=support.joined_by,
            ))
    session.flush()
    amendment.resolution_note = f"Re-based on version {current.number} as {proposal.title}"
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_rebased",
        says(N_("Proposal %(number)s by %(delegation)s re-based on %(where)s as proposal "
                "%(new)s"), number=amendment.number, delegation=name, where=where,
             new=proposal.number),
        subject=f"amendment:{proposal.id}",
    )
    return RebaseOutcome("rebased", amendment, proposal)
