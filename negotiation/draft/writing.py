"""Writing the draft's paragraphs: placing one in a section with its first text, and giving
it new texts (versions), refused when written on an older one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.enums import LIVE_STATES, ParagraphKind, ParagraphState, ProposerKind
from negotiation.errors import InvalidSubmission, RefusedTransition, StaleEdit, Term
from negotiation.models import Paragraph, ParagraphVersion, Section
from negotiation.text.footnotes import Footnote, carried, from_stored, notes_of, stored
from negotiation.text.languages import N_
from negotiation.text.textcheck import checked_text, column_limit

POSITION_STEP = 1000
MAX_TEXT_LENGTH = column_limit(ParagraphVersion.text)


def clean_text(text: str | None, what: str = N_("The text")) -> str:
    """A paragraph's text as it is stored: checked (:mod:`negotiation.text.textcheck`), trimmed,
    and refused when empty or oversized."""
    return checked_text(text, what, limit=MAX_TEXT_LENGTH, required=True)


def add_paragraph(
    session: Session,
    section: Section,
    kind: ParagraphKind,
    text: str,
    actor: Actor,
    now: datetime,
    *,
    state: ParagraphState = ParagraphState.PROPOSED,
    proposer: ProposerKind = ProposerKind.CHAIR,
    proposer_delegation_id: int | None = None,
    proposer_entity: str | None = None,
    parent: Paragraph | None = None,
    is_mandates: bool = False,
    after: Paragraph | None = None,
    reason: str = "First draft",
    footnotes: Sequence[Footnote] = (),
) -> Paragraph:
    """Place a paragraph in a section (at the end, or after another) with its first text."""
    paragraph = Paragraph(
        negotiation_id=section.negotiation_id,
        section_id=section.id,
        parent=parent,
        kind=kind,
        is_mandates=is_mandates,
        position=position_after(session, section, parent, after),
        state=state,
        proposer_kind=proposer,
        proposer_delegation_id=proposer_delegation_id,
        proposer_entity=proposer_entity,
        created_at=now,
    )
    session.add(paragraph)
    paragraph.versions.append(
        ParagraphVersion(
            number=1,
            text=clean_text(text),
            created_at=now,
            author_role=actor.role,
            author_name=actor.name,
            reason=reason,
            footnotes=stored(from_stored(stored(footnotes), clean_text(text))),
        )
    )
    session.flush()
    return paragraph


def position_after(
    session: Session, section: Section, parent: Paragraph | None, after: Paragraph | None
) -> int:
    """The position for a paragraph placed after another (or last) among its siblings."""
    among = (Paragraph.section_id == section.id,
             Paragraph.parent_id == parent.id if parent is not None and parent.id is not None
             else Paragraph.parent_id.is_(None))
    if after is None:
        # Last: only the largest position is read, not every sibling (a delegation's new
        # paragraph goes there, in a section of any length).
        last = session.scalar(select(func.max(Paragraph.position)).where(*among))
        return (last or 0) + POSITION_STEP
    siblings = list(session.scalars(select(Paragraph).where(*among)
                                    .order_by(Paragraph.position)))
    later = [p.position for p in siblings if p.position > after.position]
    if not later:
        return after.position + POSITION_STEP
    if later[0] - after.position > 1:
        return (after.position + later[0]) // 2
    # No room left between the two: spread the section out again; order is all that counts.
    for index, sibling in enumerate(siblings, start=1):
        sibling.position = index * POSITION_STEP
    return after.position + POSITION_STEP // 2


def add_version(
    session: Session,
    paragraph: Paragraph,
    text: str,
    actor: Actor,
    now: datetime,
    *,
    written_on: int,
    reason: str,
    footnotes: Sequence[Footnote] | None = None,
) -> ParagraphVersion:
    """Give the paragraph a new text, refusing an edit written on an older version. Its
    footnotes are ``footnotes`` when given, else those of the current text whose word the
    new text keeps."""
    current = paragraph.current_version
    if written_on != current.id:
        written = session.get(ParagraphVersion, written_on)
        raise StaleEdit(
            "The paragraph changed while you were editing it (now version %(number)s, by "
            "%(author)s). Your text is kept below; compare and try again.",
            written_on=written,
            current=current,
            number=current.number,
            author=current.author_name,
        )
    if paragraph.state not in LIVE_STATES or paragraph.state is ParagraphState.APPROVED:
        raise RefusedTransition(
            "A paragraph that is %(state)s is not edited any more.",
            state=Term(paragraph.state.label, lower=True),
        )

    cleaned = clean_text(text)
    if cleaned == current.text:
        raise InvalidSubmission("The new text is the same as the current one.")
    version = ParagraphVersion(
        number=current.number + 1,
        text=cleaned,
        # The notes whose word the new text keeps go with it (negotiation.text.footnotes).
        footnotes=stored(carried(current.text, cleaned, notes_of(current))
                         if footnotes is None else from_stored(stored(footnotes), cleaned)),
        created_at=now,
        author_role=actor.role,
        author_name=actor.name,
        reason=reason,
    )
    paragraph.versions.append(version)
    session.flush()
    return version
