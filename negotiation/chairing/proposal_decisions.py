"""What the chair decides on proposals: a compromise text that settles those it takes in,
accepting one, or setting one aside with the reason."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.chairing.decisions import REASON_LIMIT, decide
from negotiation.draft.drafting import name_in_draft
from negotiation.draft.lifecycle import Facts, fire_amendment
from negotiation.draft.writing import add_version
from negotiation.enums import AmendmentKind
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import Amendment, Negotiation, Paragraph, ParagraphVersion
from negotiation.notices.telling import proposal_decided
from negotiation.people.permissions import require_chair
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

#: A compromise text's note is also the reason kept with the new version.
NOTE_LIMIT = column_limit(ParagraphVersion.reason)


def write_compromise(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    paragraph: Paragraph,
    text: str,
    now: datetime,
    *,
    written_on: int,
    settles: list[Amendment],
    note: str = "",
) -> ParagraphVersion:
    """The chair's compromise text: a new version, settling the proposals it takes in."""
    require_chair(actor, "write compromise texts")
    note = checked_text(note, N_("The note"), limit=NOTE_LIMIT)
    # Everything is checked before the new version is written, so a refusal changes nothing.
    for amendment in settles:
        if amendment.paragraph_id != paragraph.id:
            raise InvalidSubmission("Proposal %(number)s is on another paragraph.",
                                    number=amendment.number)
        if not amendment.is_open:
            raise RefusedTransition(
                "Proposal %(number)s is %(state)s; only open proposals are settled by a "
                "compromise.",
                number=amendment.number, state=Term(amendment.state.label, lower=True),
            )
    version = add_version(
        session, paragraph, text, actor, now, written_on=written_on,
        reason=note or "Chair's compromise text",
    )
    for amendment in settles:
        fire_amendment(amendment, "settle")
        amendment.resolved_at = now
        amendment.resolved_by_version = version
        amendment.resolution_note = note or "Taken into account in the chair's compromise text"
    session.flush()
    record(
        session, negotiation.id, actor, now, "compromise_text",
        says(N_("Chair's compromise text for %(paragraph)s (version %(number)s), settling "
                "proposals %(proposals)s"), paragraph=name_in_draft(session, paragraph),
             number=version.number, proposals=", ".join(str(a.number) for a in settles))
        if settles else
        says(N_("Chair's compromise text for %(paragraph)s (version %(number)s)"),
             paragraph=name_in_draft(session, paragraph), number=version.number),
        subject=f"paragraph:{paragraph.id}", reason=note,
    )
    return version


def accept_proposal(
    session: Session, negotiation: Negotiation, actor: Actor, amendment: Amendment, now: datetime
) -> ParagraphVersion | None:
    """Accept a modification (its text becomes the paragraph's), a request to delete, or a
    national footnote (printed under the paragraph with the state's name)."""
    require_chair(actor, "accept proposals")
    paragraph = amendment.paragraph
    if not amendment.is_open:
        raise RefusedTransition(
            "Cannot accept a proposal that is %(state)s.",
            state=Term(amendment.state.label, lower=True),
        )
    if amendment.kind is AmendmentKind.MODIFY:
        if amendment.written_on_older_version:
            raise RefusedTransition(
                "This proposal was written on an older text of the paragraph; re-base it or "
                "write a compromise text instead."
            )
        assert amendment.proposed_text is not None
        version = add_version(
            session, paragraph, amendment.proposed_text, actor, now,
            written_on=amendment.base_version_id,
            reason=f"Proposal by {amendment.delegation.name} accepted",
        )
        fire_amendment(amendment, "accept")
        amendment.resolved_by_version = version
    elif amendment.kind is AmendmentKind.DELETE:
        # Delete first: its guards (deadline, reason) refuse before the proposal moves.
        decide(session, negotiation, actor, paragraph, "delete_by_agreement", now,
               reason=says(N_("Request to delete by %(delegation)s accepted"),
                           delegation=amendment.delegation))
        fire_amendment(amendment, "accept")
        version = None
    elif amendment.kind is AmendmentKind.FOOTNOTE:
        # The text stays as it is: the documents print the note under it, with the state's
        # name, from now on.
        fire_amendment(amendment, "accept")
        amendment.resolution_note = "National footnote accepted: printed under the paragraph"
        version = None
    else:
        raise InvalidSubmission("A %(kind)s is not accepted as text.",
                                kind=Term(amendment.kind.label, lower=True))

    amendment.resolved_at = now
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_accepted",
        says(N_("Proposal %(number)s by %(delegation)s accepted"),
             number=amendment.number, delegation=amendment.delegation),
        subject=f"amendment:{amendment.id}",
    )
    proposal_decided(session, negotiation, amendment, "accepted", now)
    return version


def set_aside(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    amendment: Amendment,
    reason: str,
    now: datetime,
) -> None:
    """The chair does not retain a proposal; the reason is recorded and shown."""
    require_chair(actor, "set proposals aside")
    reason = checked_text(reason, N_("The reason"), limit=REASON_LIMIT)
    fire_amendment(amendment, "set_aside", Facts(reason=reason))
    amendment.resolved_at = now
    amendment.resolution_note = reason
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_set_aside",
        says(N_("Proposal %(number)s by %(delegation)s not retained"),
             number=amendment.number, delegation=amendment.delegation),
        subject=f"amendment:{amendment.id}", reason=reason,
    )
    proposal_decided(session, negotiation, amendment, "set aside", now, reason)
