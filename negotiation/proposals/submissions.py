"""What delegations send: proposals on paragraphs, new paragraphs, revisions and withdrawals
(joining and leaving another's proposal is in :mod:`negotiation.proposals.cosponsors`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.calendar.deadlines import check_submission_window
from negotiation.draft.capcheck import section_report
from negotiation.draft.drafting import name_in_draft
from negotiation.draft.lifecycle import Facts, fire_amendment, fire_paragraph
from negotiation.draft.remarks import note_remarks
from negotiation.draft.writing import add_paragraph, clean_text
from negotiation.enums import (
    AmendmentKind,
    AmendmentState,
    ParagraphKind,
    ParagraphState,
    ProposerKind,
)
from negotiation.errors import InvalidSubmission, RefusedTransition, StaleEdit, Term
from negotiation.models import (
    Amendment,
    Delegation,
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Section,
)
from negotiation.people.permissions import acts_for, can_submit, require
from negotiation.proposals.period import ProposalsOpen, proposals_open
from negotiation.proposals.positions import refuse_held_positions
from negotiation.proposals.rows import insert_proposal
from negotiation.record.journal import entry_values, record
from negotiation.record.wording import Wording, says
from negotiation.text.delegations import Names
from negotiation.text.diffs import diff_to_json, word_diff
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit
from rules.caps import Phrase

#: A comment accompanying any proposal.
COMMENT_LIMIT = column_limit(Amendment.comment)

#: A national footnote's words: a short statement of position, not a second paragraph.
FOOTNOTE_LIMIT = 2000

#: Paragraph states a delegation may still send proposals on.
OPEN_TO_PROPOSALS = frozenset(
    {ParagraphState.PROPOSED, ParagraphState.CONSENSUS, ParagraphState.AMENDED,
     ParagraphState.NEW, ParagraphState.CONSULTATIONS}
)


@dataclass
class Submission:
    """A stored proposal, with the warnings the delegation should see (e.g. over the cap)."""

    amendment: Amendment
    warnings: list[str] = field(default_factory=list)


def acting_delegation(session: Session, actor: Actor) -> Delegation:
    require(can_submit(actor), N_("Only a delegation can send proposals."))
    delegation = session.get(Delegation, actor.delegation_id)
    if delegation is None or not delegation.active:
        raise InvalidSubmission("Your delegation is not an active member of this negotiation.")
    return delegation


def proposal_language(negotiation: Negotiation, language: str | None) -> str:
    """The language a proposal is marked with: one of the negotiation's, by default the
    draft's original. The negotiating text stays the original whatever it is."""
    if not language:
        return negotiation.original_language
    if language not in negotiation.language_list:
        raise InvalidSubmission(
            "Proposals in this negotiation are written in one of its languages: %(languages)s.",
            languages=", ".join(negotiation.language_list))
    return language


def _require_circulated(session: Session, negotiation: Negotiation) -> ProposalsOpen:
    """Proposals open with the first draft's circulation (rev. 0); before it, the draft is
    the chair's to write. Returns what was read with it: the submission deadlines."""
    found = proposals_open(session, negotiation)
    if not found.circulated:
        raise RefusedTransition(
            "The chair has not circulated the first draft (rev. 0) yet: proposals open when "
            "it is circulated.")
    return found


def submit_proposal(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    paragraph: Paragraph,
    kind: AmendmentKind,
    now: datetime,
    *,
    written_on: int,
    text: str | None = None,
    comment: str = "",
    current: ParagraphVersion | None = None,
    language: str | None = None,
) -> Submission:
    """A delegation's modification, request to delete, comment or support on a paragraph.

    ``written_on`` is the id of the version the delegate read: a proposal is always
    stored against that exact text, and one written on an older text is refused so the
    delegate sees what changed. ``current`` is the paragraph's current version when the
    caller read it with the paragraph, under the paragraph's lock (the act needs no other
    version); otherwise it is taken from the paragraph's versions.
    """
    delegation = acting_delegation(session, actor)
    opened = _require_circulated(session, negotiation)
    language = proposal_language(negotiation, language)
    if kind is AmendmentKind.NEW:
        raise InvalidSubmission("Propose a new paragraph with the new-paragraph form.")
    if kind is AmendmentKind.FOOTNOTE:
        # A national footnote: the state's position, printed under the paragraph with its
        # name once the chair accepts it; its words are the proposal's comment.
        comment = checked_text(comment, N_("The footnote's text"), limit=FOOTNOTE_LIMIT,
                               required=True)
    comment = checked_text(comment, N_("The comment"), limit=COMMENT_LIMIT,
                           required=kind is AmendmentKind.COMMENT)
    proposed: str | None = None
    if kind is AmendmentKind.MODIFY:
        proposed = clean_text(text, N_("The proposed text"))
    if paragraph.negotiation_id != negotiation.id:
        raise InvalidSubmission("That paragraph belongs to another negotiation.")
    if paragraph.state not in OPEN_TO_PROPOSALS and not (
            # A state's position on the adopted text: asked for on an approved paragraph too.
            kind is AmendmentKind.FOOTNOTE and paragraph.state is ParagraphState.APPROVED):
        raise RefusedTransition(
            "The paragraph is %(state)s; it takes no more proposals.",
            state=Term(paragraph.state.label, lower=True),
        )
    leave = check_submission_window(session, negotiation, paragraph.section, delegation.id, now,
                                    opened.deadlines, paragraph_id=paragraph.id)
    current = current or paragraph.current_version
    if written_on != current.id:
        raise StaleEdit(
            "The paragraph changed while you were writing (now version %(number)s). Your text "
            "is kept below; compare it with the current text and send it again.",
            written_on=session.get(ParagraphVersion, written_on),
            current=current,
            number=current.number,
        )
    if proposed is not None and proposed == current.text:
        raise InvalidSubmission("The proposed text is the same as the paragraph's text.")
    refuse_held_positions(session, negotiation, paragraph, delegation, kind)

    # Everything that does not need the proposal's number is done before it is taken: the
    # number's lock makes the other submissions of the negotiation wait until this request
    # commits.
    if kind in (AmendmentKind.MODIFY, AmendmentKind.DELETE) and (
        paragraph.state in (ParagraphState.PROPOSED, ParagraphState.CONSENSUS)
    ):
        fire_paragraph(paragraph, "mark_amended", Facts(has_remarks=True))
    sent = says(N_("%(delegation)s: %(kind)s on %(paragraph)s (accepted late by the chair)")
                if leave else N_("%(delegation)s: %(kind)s on %(paragraph)s"),
                delegation=delegation, kind=Term(kind.label, lower=True),
                paragraph=name_in_draft(session, paragraph))
    entry = entry_values(session, negotiation.id, actor, now, f"proposal_{kind.value}", sent)
    amendment = new_proposal(session, negotiation, actor, paragraph, delegation.id, kind, now,
                             proposed_text=proposed, comment=comment,
                             late_leave_id=leave.id if leave else None, base=current,
                             entry=entry, language=language)
    return Submission(amendment)


def new_proposal(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    paragraph: Paragraph,
    delegation_id: int,
    kind: AmendmentKind,
    now: datetime,
    *,
    proposed_text: str | None = None,
    comment: str = "",
    late_leave_id: int | None = None,
    base: ParagraphVersion | None = None,
    rebased_from: Amendment | None = None,
    entry: dict[str, Any] | None = None,
    language: str | None = None,
) -> Amendment:
    """Store a proposal on the paragraph's current version (``base``, when the caller read
    it already), with its diff when it modifies the text; it is late when the chair's late
    leave let it in. It is stored at once: a proposal it replaces (``rebased_from``) has
    left the open proposals already. ``entry`` is the act's record entry, when its wording
    needs nothing of the stored proposal but its id (stored with it). ``language`` is the one
    it was written in: a proposal carried forward keeps its own, else the draft's original."""
    base = base or paragraph.current_version
    if language is None:
        language = rebased_from.language if rebased_from is not None \
            else negotiation.original_language
    return insert_proposal(session, negotiation, {
        "negotiation_id": negotiation.id,
        "paragraph_id": paragraph.id,
        "base_version_id": base.id,
        "delegation_id": delegation_id,
        "kind": kind,
        "proposed_text": proposed_text,
        "comment": comment,
        "diff": diff_to_json(word_diff(base.text, proposed_text))
        if kind is AmendmentKind.MODIFY and proposed_text is not None else None,
        "submitted_at": now,
        "submitted_by": actor.name,
        "late": late_leave_id is not None,
        "late_leave_id": late_leave_id,
        "state": AmendmentState.SUBMITTED,
        "rebased_from_id": rebased_from.id if rebased_from is not None else None,
        "language": language,
    }, entry)


def submit_new_paragraph(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    section: Section,
    kind: ParagraphKind,
    text: str,
    now: datetime,
    *,
    after: Paragraph | None = None,
    comment: str = "",
    language: str | None = None,
) -> Submission:
    """A delegation's new paragraph, placed after another (or at the section's end).

    A paragraph over the section's cap is accepted and flagged: the cap binds approval,
    not what delegations may propose.
    """
    delegation = acting_delegation(session, actor)
    opened = _require_circulated(session, negotiation)
    language = proposal_language(negotiation, language)
    if kind not in (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE):
        raise InvalidSubmission("A new paragraph is preambular or operative.")
    text = clean_text(text, N_("The new paragraph"))
    comment = checked_text(comment, N_("The comment"), limit=COMMENT_LIMIT)
    if section.negotiation_id != negotiation.id:
        raise InvalidSubmission("That section belongs to another negotiation.")
    if after is not None and (after.section_id != section.id or after.parent_id is not None):
        raise InvalidSubmission("Place the new paragraph after a paragraph of the same section.")
    leave = check_submission_window(session, negotiation, section, delegation.id, now,
                                    opened.deadlines)
    paragraph = add_paragraph(
        session, section, kind, text, actor, now,
        state=ParagraphState.NEW,
        proposer=ProposerKind.DELEGATION,
        proposer_delegation_id=delegation.id,
        after=after,
        reason=f"New paragraph proposed by {delegation.name}",
    )
    amendment = new_proposal(session, negotiation, actor, paragraph, delegation.id,
                             AmendmentKind.NEW, now, proposed_text=paragraph.current_version.text,
                             comment=comment,
                             late_leave_id=leave.id if leave else None, language=language)
    session.flush()
    # Only this section can have gone over its cap: the rest of the draft is not read.
    warnings = section_report(session, negotiation, section, now).breaches
    record(
        session, negotiation.id, actor, now, "proposal_new",
        _new_paragraph_sent(delegation, kind, section, warnings),
        subject=f"amendment:{amendment.id}",
    )
    return Submission(amendment, warnings)


def withdraw_proposal(
    session: Session, negotiation: Negotiation, actor: Actor, amendment: Amendment, now: datetime
) -> None:
    """The proposing delegation withdraws its proposal; a new paragraph goes with it."""
    delegation = acting_delegation(session, actor)
    facts = Facts(is_proposer=acts_for(actor, amendment.delegation_id),
                  proposed_by_delegation=True)
    if amendment.kind is AmendmentKind.NEW and amendment.is_open:
        # The paragraph's guards are the stricter; they refuse before anything moves.
        fire_paragraph(amendment.paragraph, "withdraw", facts)
        note_remarks(session, amendment.paragraph, "The paragraph was withdrawn by "
                     f"{delegation.name}", now)
    fire_amendment(amendment, "withdraw", facts)
    amendment.resolved_at = now
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_withdrawn",
        says(N_("%(delegation)s withdrew its %(kind)s (proposal %(number)s)"),
             delegation=delegation, kind=Term(amendment.kind.label, lower=True),
             number=amendment.number),
        subject=f"amendment:{amendment.id}",
    )


def revise_proposal(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    amendment: Amendment,
    now: datetime,
    *,
    text: str | None = None,
    comment: str = "",
) -> Submission:
    """The proposing delegation sends a new version of its open modification or comment.

    What it sent first is kept as sent: the new version is a new proposal, on the
    paragraph's current text, pointing at the one it replaces, which is superseded.
    Delegations that joined the earlier text are not carried over: they joined those words.
    """
    delegation = acting_delegation(session, actor)
    if not acts_for(actor, amendment.delegation_id):
        raise RefusedTransition("Only the delegation that made a proposal may revise it.")
    if amendment.kind not in (AmendmentKind.MODIFY, AmendmentKind.COMMENT):
        raise InvalidSubmission("Only a modification or a comment is revised; withdraw "
                                "the %(kind)s instead.",
                                kind=Term(amendment.kind.label, lower=True))
    if not amendment.is_open:
        raise RefusedTransition(
            "The proposal is %(state)s; it can no longer be revised.",
            state=Term(amendment.state.label, lower=True),
        )
    paragraph = amendment.paragraph
    if paragraph.state not in OPEN_TO_PROPOSALS:
        raise RefusedTransition(
            "The paragraph is %(state)s; it takes no more proposals.",
            state=Term(paragraph.state.label, lower=True),
        )
    leave = check_submission_window(session, negotiation, paragraph.section, delegation.id, now,
                                    paragraph_id=paragraph.id)
    comment = (comment or "").strip()
    proposed: str | None = None
    if amendment.kind is AmendmentKind.MODIFY:
        proposed = clean_text(text, N_("The proposed text"))
        if proposed == paragraph.current_version.text:
            raise InvalidSubmission("The proposed text is the same as the paragraph's text.")
        if proposed == amendment.proposed_text and comment == amendment.comment:
            raise InvalidSubmission("Nothing changed in your proposal.")
    else:
        comment = clean_text(comment, N_("The comment"))
        if comment == amendment.comment:
            raise InvalidSubmission("Nothing changed in your comment.")
    # The earlier text leaves the open proposals before the new one is stored: one open
    # proposal of a kind per delegation and paragraph, which the database holds.
    fire_amendment(amendment, "supersede")
    amendment.resolved_at = now
    session.flush()
    revised = new_proposal(session, negotiation, actor, paragraph, delegation.id,
                           amendment.kind, now, proposed_text=proposed, comment=comment,
                           late_leave_id=leave.id if leave else amendment.late_leave_id,
                           rebased_from=amendment)
    amendment.resolution_note = f"Replaced by its proposer's revised text ({revised.title})"
    dropped = [d.name for d in amendment.supporters]
    session.flush()
    record(
        session, negotiation.id, actor, now, "proposal_revised",
        _revised(delegation, amendment, revised),
        subject=f"amendment:{revised.id}",
    )
    warnings = ([Term(N_("%(delegations)s joined the earlier text and may join this one "
                         "again."), delegations=Names(amendment.supporters))]
                if dropped else [])
    return Submission(revised, warnings)


def _new_paragraph_sent(delegation: Delegation, kind: ParagraphKind, section: Section,
                        warnings: list[Phrase]) -> Wording:
    """What the record says of a new paragraph sent, and of the caps it went over."""
    sent = says(N_("%(delegation)s: new preambular paragraph in %(section)s")
                if kind is ParagraphKind.PREAMBULAR else
                N_("%(delegation)s: new operative paragraph in %(section)s"),
                delegation=delegation, section=section.title)
    if warnings:
        sent = says(N_("%(sent)s (over the cap: %(breaches)s)"), sent=sent, breaches=warnings)
    return sent


def _revised(delegation: Delegation, amendment: Amendment, revised: Amendment) -> Wording:
    """What the record says of a proposal revised, and of its co-sponsors left behind."""
    said = says(N_("%(delegation)s revised its %(kind)s (proposal %(number)s) as proposal "
                   "%(new)s"), delegation=delegation,
                kind=Term(amendment.kind.label, lower=True), number=amendment.number,
                new=revised.number)
    if amendment.supporters:
        said = says(N_("%(revision)s; %(delegations)s joined the earlier text"), revision=said,
                    delegations=Names(amendment.supporters))
    return said
