"""The chair writes the first draft: paragraphs added, edited, moved and removed until
rev. 0 is circulated, each act in the record (sections: :mod:`negotiation.setup.sections`).

Once rev. 0 is circulated the structure is frozen and every change goes through the
procedure (proposals, the chair's compromise texts, revisions); these acts then refuse
with that reason. Removing a paragraph of a draft that never circulated really removes it
(nobody outside the chair's office has seen it); the record keeps its text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.circulation import circulate_revision, is_circulated, lock_negotiation
from negotiation.draft.writing import (
    POSITION_STEP,
    add_paragraph,
    add_version,
    clean_text,
    position_after,
)
from negotiation.enums import ParagraphKind
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import (
    Amendment,
    Negotiation,
    Paragraph,
    ParagraphVersion,
    Revision,
    Section,
)
from negotiation.people.permissions import require_chair
from negotiation.record.database import UNCIRCULATED_REMOVALS
from negotiation.record.journal import record
from negotiation.record.wording import says
from negotiation.setup.entities import drafter_of
from negotiation.text.languages import N_

#: The kinds of paragraph the chair writes: a mandates paragraph is an operative one whose
#: chapeau heads lettered sub-paragraphs.
DRAFT_KINDS = ("preambular", "operative", "mandates", "subparagraph")


#: The chair's acts on the first draft, each refused in a whole sentence once rev. 0 is out
#: (a translator needs the sentence, not a verb put into one).
_DRAFTING_ACTS = {
    "start the draft from the previous cycle": N_(
        "Cannot start the draft from the previous cycle: the first draft (rev. 0) has been "
        "circulated, so the draft is frozen. Changes now go through proposals and the "
        "chair's revised versions."),
    "add a paragraph": N_(
        "Cannot add a paragraph: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "change the draft": N_(
        "Cannot change the draft: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "move a paragraph": N_(
        "Cannot move a paragraph: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "remove a paragraph": N_(
        "Cannot remove a paragraph: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "circulate the first draft again": N_(
        "Cannot circulate the first draft again: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "add a section": N_(
        "Cannot add a section: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "change a section": N_(
        "Cannot change a section: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "move a section": N_(
        "Cannot move a section: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "remove a section": N_(
        "Cannot remove a section: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
    "import a draft": N_(
        "Cannot import a draft: the first draft (rev. 0) has been circulated, "
        "so the draft is frozen. Changes now go through proposals and the chair's revised "
        "versions."),
}

def require_drafting(
    session: Session, negotiation: Negotiation, actor: Actor, act: str
) -> None:
    """Refuse unless the chair acts on a draft that has not been circulated yet.

    Takes the negotiation's lock first, so an act and the circulation of rev. 0 never
    interleave: whichever comes second sees the other's result.
    """
    frozen = _DRAFTING_ACTS[act]
    require_chair(actor, act)
    lock_negotiation(session, negotiation)
    if is_circulated(session, negotiation):
        raise RefusedTransition(frozen)


def require_own(negotiation: Negotiation, *things: Section | Paragraph | None) -> None:
    """Refuse a section or paragraph of another negotiation (an address tampered with)."""
    for thing in things:
        if thing is not None and thing.negotiation_id != negotiation.id:
            raise InvalidSubmission("That part of the draft belongs to another negotiation.")


def _siblings(session: Session, section: Section, parent: Paragraph | None) -> list[Paragraph]:
    parent_clause = (Paragraph.parent_id == parent.id) if parent is not None \
        else Paragraph.parent_id.is_(None)
    return list(session.scalars(select(Paragraph).where(
        Paragraph.section_id == section.id, parent_clause).order_by(Paragraph.position)))


def _default_after(
    session: Session, section: Section, kind: ParagraphKind
) -> tuple[Paragraph | None, bool]:
    """Where a paragraph goes when the chair does not say: preambular paragraphs after the
    section's last preambular one (before the operative part), others at the end.

    Returns (after, at_start): ``at_start`` when it goes before everything.
    """
    tops = _siblings(session, section, None)
    if kind is ParagraphKind.PREAMBULAR:
        preambular = [p for p in tops if p.kind is ParagraphKind.PREAMBULAR]
        if preambular:
            return preambular[-1], False
        return None, bool(tops)
    return (tops[-1] if tops else None), False


def add_draft_paragraph(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    section: Section,
    kind: str,
    text: str,
    now: datetime,
    *,
    after: Paragraph | None = None,
    parent: Paragraph | None = None,
) -> Paragraph:
    """The chair adds a paragraph to the first draft: preambular, operative, a mandates
    paragraph (its chapeau) or a lettered mandate under a mandates paragraph."""
    require_own(negotiation, section, after, parent)
    require_drafting(session, negotiation, actor, "add a paragraph")
    if kind not in DRAFT_KINDS:
        raise InvalidSubmission("A paragraph is one of: %(kinds)s.", kinds=", ".join(DRAFT_KINDS))
    if kind == "subparagraph":
        if parent is None or not parent.is_mandates:
            raise InvalidSubmission("A lettered mandate goes under a mandates paragraph.")
        section = parent.section
    elif parent is not None:
        raise InvalidSubmission("Only a lettered mandate goes under another paragraph.")
    if after is not None and (after.section_id != section.id or after.parent_id != (
            parent.id if parent is not None else None)):
        raise InvalidSubmission("The paragraph to place it after is not in the same list.")
    paragraph_kind = ParagraphKind.OPERATIVE if kind == "mandates" else ParagraphKind(kind)
    at_start = False
    if after is None and parent is None:
        after, at_start = _default_after(session, section, paragraph_kind)
    proposer, entity = drafter_of(actor)
    paragraph = add_paragraph(
        session, section, paragraph_kind, clean_text(text), actor, now,
        parent=parent, is_mandates=kind == "mandates", after=after,
        proposer=proposer, proposer_entity=entity,
    )
    if at_start:
        paragraph.position = min(p.position for p in _siblings(session, section, None)) \
            - POSITION_STEP
        session.flush()
    record(session, negotiation.id, actor, now, "draft_paragraph_added",
           says(N_("%(kind)s added to %(section)s: %(text)s"), kind=_kind_words(paragraph),
                section=section.title, text=paragraph.text),
           subject=f"paragraph:{paragraph.id}")
    return paragraph


def _kind_words(paragraph: Paragraph, *, lower: bool = False) -> Term:
    """What the record calls the paragraph ("Operative paragraph"; lower-case mid-sentence)."""
    if paragraph.is_mandates:
        return Term(N_("Mandates paragraph"), lower=lower)
    if paragraph.kind is ParagraphKind.SUBPARAGRAPH:
        return Term(N_("Mandate"), lower=lower)
    if paragraph.kind is ParagraphKind.PREAMBULAR:
        return Term(N_("Preambular paragraph"), lower=lower)
    return Term(N_("Operative paragraph"), lower=lower)


def edit_draft_paragraph(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    paragraph: Paragraph,
    text: str,
    now: datetime,
    *,
    written_on: int,
) -> ParagraphVersion:
    """The chair rewrites a paragraph of the first draft (a new version; stale edits refused)."""
    require_own(negotiation, paragraph)
    require_drafting(session, negotiation, actor, "change the draft")
    version = add_version(session, paragraph, text, actor, now, written_on=written_on,
                          reason="First draft")
    record(session, negotiation.id, actor, now, "draft_paragraph_changed",
           says(N_("%(kind)s rewritten: %(text)s"), kind=_kind_words(paragraph),
                text=version.text),
           subject=f"paragraph:{paragraph.id}")
    return version


def change_kind(
    session: Session, negotiation: Negotiation, actor: Actor, paragraph: Paragraph, kind: str,
    now: datetime,
) -> Paragraph:
    """Make a top-level paragraph preambular, operative or a mandates paragraph."""
    require_own(negotiation, paragraph)
    require_drafting(session, negotiation, actor, "change the draft")
    if kind not in ("preambular", "operative", "mandates") or paragraph.parent_id is not None:
        raise InvalidSubmission("A paragraph becomes preambular, operative or mandates; a "
                                "lettered mandate stays under its chapeau.")
    if kind != "mandates" and paragraph.subparagraphs:
        raise InvalidSubmission("This mandates paragraph still has lettered mandates: "
                                "remove them first.")
    before = _kind_words(paragraph)
    new_kind = ParagraphKind.OPERATIVE if kind == "mandates" else ParagraphKind(kind)
    if new_kind is not paragraph.kind:
        # It crosses from one part to the other: it goes to the border between the two.
        _place_at_border(session, paragraph)
    paragraph.kind = new_kind
    paragraph.is_mandates = kind == "mandates"
    session.flush()
    record(session, negotiation.id, actor, now, "draft_paragraph_changed",
           says(N_("%(before)s is now a %(kind)s: %(text)s"), before=before,
                kind=_kind_words(paragraph, lower=True), text=paragraph.text),
           subject=f"paragraph:{paragraph.id}")
    return paragraph


def _place_at_border(session: Session, paragraph: Paragraph) -> None:
    others = [p for p in _siblings(session, paragraph.section, None) if p.id != paragraph.id]
    preambular = [p for p in others if p.kind is ParagraphKind.PREAMBULAR]
    if preambular:
        paragraph.position = position_after(session, paragraph.section, None, preambular[-1])
    elif others:
        paragraph.position = others[0].position - POSITION_STEP


def move_paragraph(
    session: Session, negotiation: Negotiation, actor: Actor, paragraph: Paragraph, step: int,
    now: datetime,
) -> None:
    """Move a paragraph one place up (-1) or down (+1) among those of its kind in its
    section (preambular paragraphs stay before the operative ones; mandates keep to their
    chapeau)."""
    require_own(negotiation, paragraph)
    require_drafting(session, negotiation, actor, "move a paragraph")
    siblings = _siblings(session, paragraph.section, paragraph.parent)
    same = [p for p in siblings if paragraph.parent_id is not None or
            (p.kind is ParagraphKind.PREAMBULAR) == (paragraph.kind is ParagraphKind.PREAMBULAR)]
    index = same.index(paragraph)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(same):
        raise InvalidSubmission("The paragraph is already at that end of its part.")
    other = same[target]
    paragraph.position, other.position = other.position, paragraph.position
    session.flush()
    record(session, negotiation.id, actor, now, "draft_paragraph_moved",
           says(N_("%(kind)s moved down: %(text)s") if step > 0 else
                N_("%(kind)s moved up: %(text)s"), kind=_kind_words(paragraph),
                text=paragraph.text),
           subject=f"paragraph:{paragraph.id}")


def move_to_section(
    session: Session, negotiation: Negotiation, actor: Actor, paragraph: Paragraph,
    section: Section, now: datetime,
) -> None:
    """Move a paragraph (with its lettered mandates) to the end of its part in another
    section."""
    require_own(negotiation, paragraph, section)
    require_drafting(session, negotiation, actor, "move a paragraph")
    if paragraph.parent_id is not None:
        raise InvalidSubmission("A lettered mandate moves with its mandates paragraph.")
    after, at_start = _default_after(session, section, paragraph.kind)
    if at_start:
        paragraph.position = min(p.position for p in _siblings(session, section, None)) \
            - POSITION_STEP
    else:
        paragraph.position = position_after(session, section, None, after)
    paragraph.section_id = section.id
    for sub in paragraph.subparagraphs:
        sub.section_id = section.id
    session.flush()
    session.refresh(paragraph, ["section"])
    record(session, negotiation.id, actor, now, "draft_paragraph_moved",
           says(N_("%(kind)s moved to %(section)s: %(text)s"), kind=_kind_words(paragraph),
                section=section.title, text=paragraph.text),
           subject=f"paragraph:{paragraph.id}")


def remove_paragraph(
    session: Session, negotiation: Negotiation, actor: Actor, paragraph: Paragraph,
    now: datetime,
) -> None:
    """Remove a paragraph (a mandates paragraph with its mandates) from the first draft."""
    require_own(negotiation, paragraph)
    require_drafting(session, negotiation, actor, "remove a paragraph")
    record(session, negotiation.id, actor, now, "draft_paragraph_removed",
           says(N_("%(kind)s removed from %(section)s: %(text)s"),
                kind=_kind_words(paragraph), section=paragraph.section.title,
                text=paragraph.text),
           subject=f"paragraph:{paragraph.id}")
    discard_uncirculated(session, [*paragraph.subparagraphs, paragraph])


def discard_uncirculated(session: Session, paragraphs: list[Paragraph]) -> None:
    """Delete paragraphs of a draft never circulated (the caller checked it was not), with
    their versions; refused when a delegation already sent something on one of them."""
    ids = [p.id for p in paragraphs]
    if not ids:
        return
    if session.scalar(select(exists().where(Amendment.paragraph_id.in_(ids)))):
        raise RefusedTransition("A delegation already sent a proposal on this paragraph; "
                                "it stays in the draft.")
    allowed: set[int] = session.info.setdefault(UNCIRCULATED_REMOVALS, set())
    allowed.update(ids)
    try:
        session.flush()
        for paragraph in paragraphs:
            for version in paragraph.versions:
                session.delete(version)
        session.flush()
        for paragraph in paragraphs:
            session.delete(paragraph)
        session.flush()
    finally:
        allowed.difference_update(ids)


def circulate_first_draft(
    session: Session, negotiation: Negotiation, actor: Actor, now: datetime, note: str = "",
    *, stamp: str | None = None,
) -> Revision:
    """Circulate rev. 0: the draft is frozen and the submission period opens. ``stamp``: the
    draft the chair confirmed (see :func:`negotiation.draft.circulation.draft_stamp`)."""
    require_drafting(session, negotiation, actor, "circulate the first draft again")
    # Without a note of the chair's, the app's own, read in each reader's language.
    return circulate_revision(session, negotiation, actor, now,
                              note=note or says(N_("First draft")), expected_number=0,
                              stamp=stamp)
