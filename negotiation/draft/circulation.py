"""Circulating revisions of the draft: frozen snapshots, and the procedure's grouping."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.calendar.deadlines import submissions_open
from negotiation.draft.drafting import in_draft_order, is_current_version, labels
from negotiation.draft.numbering import fix_numbers
from negotiation.enums import LIVE_STATES, ParagraphState
from negotiation.errors import (
    DraftChanged,
    InvalidSubmission,
    NeedsConfirmation,
    RefusedTransition,
)
from negotiation.models import (
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    Section,
)
from negotiation.notices.telling import revision_circulated
from negotiation.people.permissions import require_chair
from negotiation.record.journal import record
from negotiation.record.plainrows import plain_rows
from negotiation.record.wording import Wording, says, written_in_english
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit


def lock_negotiation(session: Session, negotiation: Negotiation) -> None:
    """Take the negotiation's row lock (PostgreSQL; SQLite serialises writers anyway), so
    that drafting acts and circulations of one negotiation happen one after the other."""
    session.execute(
        select(Negotiation.id).where(Negotiation.id == negotiation.id).with_for_update()
    )


def is_circulated(session: Session, negotiation: Negotiation) -> bool:
    """Whether the first draft (rev. 0) went out: the draft's structure is then frozen."""
    return session.scalar(_ANY_REVISION, {"negotiation_id": negotiation.id}) is not None


# Every submission asks: built once, and asked of the table, not the mapped class (it loads
# nothing, so it skips the ORM's work for a query).
_ANY_REVISION = select(Revision.__table__.c.id).where(
    Revision.__table__.c.negotiation_id == bindparam("negotiation_id")).limit(1)

#: The three groups of a revised draft, in the order the chair puts them to approval.
GROUPS = (
    ("consensus", "Paragraphs in consensus in principle"),
    ("amended", "Paragraphs with proposed modifications"),
    ("new", "New paragraphs proposed by delegations"),
)


def group_of(state: ParagraphState) -> str:
    """The procedure's group of a paragraph state; decided paragraphs join the consensus."""
    if state is ParagraphState.NEW:
        return "new"
    if state in (ParagraphState.AMENDED, ParagraphState.CONSULTATIONS):
        return "amended"
    return "consensus"


def revision_symbol(negotiation: Negotiation, number: int) -> str:
    return negotiation.symbol if number == 0 else f"{negotiation.symbol} rev. {number}"


def draft_rows(session: Session, negotiation: Negotiation) -> list[Any]:
    """The live paragraphs as plain rows (the columns a revision's entry keeps), in draft
    order: what a circulation freezes."""
    # Plain rows, not objects: a revision freezes hundreds of paragraphs, and loading each
    # one's every version made circulating take seconds.
    return in_draft_order(plain_rows(session.execute(
        select(Paragraph.id, Paragraph.section_id, Paragraph.parent_id, Paragraph.kind,
               Paragraph.is_mandates, Paragraph.state, Paragraph.number,
               ParagraphVersion.id.label("version_id"))
        .join(Section, Paragraph.section_id == Section.id)
        .join(ParagraphVersion, is_current_version())
        .where(Paragraph.negotiation_id == negotiation.id,
               Paragraph.state.in_(list(LIVE_STATES)))
        .order_by(Section.position, Paragraph.position)
    )))


def draft_stamp(rows: list[Any]) -> str:
    """A digest of the draft's rows: any paragraph added, removed, moved, re-worded (a new
    version) or moved to another state gives another stamp. The confirmation page carries
    it, so the chair circulates the draft seen, or nothing."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()[:32]


def untriaged_sections(
    session: Session, negotiation: Negotiation, now: datetime
) -> list[Section]:
    """Sections whose deadline has passed and that still hold proposed paragraphs."""
    waiting = set(session.scalars(
        select(Paragraph.section_id).where(Paragraph.negotiation_id == negotiation.id,
                                           Paragraph.state == ParagraphState.PROPOSED)
    ))
    return [s for s in negotiation.sections if s.id in waiting
            and not submissions_open(session, negotiation, s, now)]


def circulate_revision(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    now: datetime,
    note: str | Wording = "",
    *,
    expected_number: int | None = None,
    renumber: bool = False,
    confirmed: bool = False,
    stamp: str | None = None,
) -> Revision:
    """Freeze the draft as it stands into the next revision (rev. 0 is the first draft).

    Circulating rev. 0 ends the chair's drafting: the sections and paragraphs are frozen
    and delegations' proposals go through the procedure from then on. Each paragraph keeps
    the number it is circulated under; ``renumber`` numbers the draft in order again.
    ``expected_number`` is the revision the chair meant to circulate: when another was
    circulated meanwhile, the act is refused rather than circulating the same draft twice.
    A revision circulated after the deadline groups paragraphs as the procedure says; a
    section left untriaged would show its paragraphs as merely proposed, so the chair is
    asked to confirm, with the sections named. ``stamp`` is the :func:`draft_stamp` of the
    draft the chair confirmed: a draft changed since is refused, never circulated unseen.
    ``note`` is the chair's own, or the app's words (rev. 0's "First draft"), which the
    record keeps as words for each reader's language.
    """
    require_chair(actor, "circulate a revision")
    said = None if isinstance(note, str) else note
    note = (checked_text(note, N_("The note"), limit=column_limit(Revision.note))
            if said is None else written_in_english(said))
    # A submission holds its paragraph when it takes the negotiation's row for its number:
    # the paragraphs are taken first here too (in one order), so a circulation and a
    # submission never wait on each other in a circle, which PostgreSQL would break by
    # failing one of them.
    session.execute(select(Paragraph.id).where(Paragraph.negotiation_id == negotiation.id)
                    .order_by(Paragraph.id).with_for_update())
    # Circulations of one negotiation queue on its row, so the next number is read after
    # the previous commit.
    lock_negotiation(session, negotiation)
    last = session.scalars(
        select(Revision).where(Revision.negotiation_id == negotiation.id)
        .order_by(Revision.number.desc()).limit(1)
    ).first()
    number = 0 if last is None else last.number + 1
    if expected_number is not None and last is not None and expected_number != number:
        raise RefusedTransition(
            "%(symbol)s was circulated by %(by)s while you were preparing %(preparing)s; "
            "nothing more was circulated. Look at the revisions again before circulating the "
            "next one.",
            symbol=last.symbol, by=last.circulated_by,
            preparing=revision_symbol(negotiation, expected_number),
        )
    untriaged = untriaged_sections(session, negotiation, now)
    if untriaged and not confirmed:
        titles = [s.title for s in untriaged]
        raise NeedsConfirmation(
            "%(count)s section(s) are not triaged yet: %(titles)s. Their paragraphs would "
            "circulate as merely proposed. Triage them first, or confirm to circulate the "
            "draft as it stands.",
            titles, count=len(titles), titles="; ".join(titles),
        )

    # The entries are written in one statement, from the draft's plain rows.
    paragraphs = draft_rows(session, negotiation)
    if stamp is not None and stamp != draft_stamp(paragraphs):
        raise DraftChanged(
            "The draft changed since you looked at what would go out (a paragraph was added, "
            "removed, moved or changed): nothing was circulated. Look at the draft as it "
            "stands now and confirm again."
        )
    if number == 0 and not paragraphs:
        raise InvalidSubmission("The draft has no paragraph yet: there is nothing to circulate.")
    # The revision is written only once the draft is known to go out: a refusal leaves
    # nothing behind in the session for the page that says why.
    revision = Revision(
        negotiation_id=negotiation.id,
        number=number,
        symbol=revision_symbol(negotiation, number),
        circulated_at=now,
        circulated_by=actor.name,
        note=note,
    )
    session.add(revision)
    session.flush()
    label_of = labels(paragraphs, renumber=renumber)
    fix_numbers(session, paragraphs, label_of)
    entries = [
        dict(revision_id=revision.id, paragraph_id=p.id, version_id=p.version_id,
             section_id=p.section_id, parent_id=p.parent_id, kind=p.kind,
             is_mandates=p.is_mandates, state=p.state, position=position, label=label_of[p.id])
        for position, p in enumerate(paragraphs, start=1)
    ]
    if entries:
        # One executemany of the table's INSERT (the driver batches it), not one ORM object
        # per row.
        session.execute(insert(RevisionEntry.__table__), entries)
    circulated = says(
        N_("%(symbol)s circulated (%(count)s paragraphs, paragraphs renumbered)")
        if renumber and number else N_("%(symbol)s circulated (%(count)s paragraphs)"),
        symbol=revision.symbol, count=len(paragraphs))
    if untriaged:
        circulated = says(N_("%(circulated)s; confirmed with untriaged sections: %(sections)s"),
                          circulated=circulated,
                          sections=", ".join(s.title for s in untriaged))
    record(
        session, negotiation.id, actor, now, "revision_circulated", circulated,
        subject=f"revision:{revision.id}", reason=said or note,
    )
    revision_circulated(session, negotiation, revision.symbol, number, now)
    return revision


_LAST_SYMBOL = (select(Revision.symbol)
                .where(Revision.negotiation_id == bindparam("negotiation_id"))
                .order_by(Revision.number.desc()).limit(1))


def last_symbol(session: Session, negotiation: Negotiation) -> str:
    """The symbol of the last revision circulated, or the draft's own before rev. 0."""
    found = session.scalar(_LAST_SYMBOL, {"negotiation_id": negotiation.id})
    return found if found is not None else negotiation.symbol


def revisions_of(session: Session, negotiation: Negotiation) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision)
            .where(Revision.negotiation_id == negotiation.id)
            .order_by(Revision.number)
        )
    )
