"""The chair's sections of the first draft: added, renamed, moved and removed until rev. 0
is circulated, each act in the record (paragraphs: :mod:`negotiation.setup.structure`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.drafting import sections_of
from negotiation.enums import SectionKind
from negotiation.errors import InvalidSubmission
from negotiation.models import LateLeave, Milestone, Negotiation, Paragraph, Section
from negotiation.record.journal import record
from negotiation.record.wording import Wording, says
from negotiation.setup.entities import acronym_of
from negotiation.setup.structure import require_drafting, require_own
from negotiation.text.languages import N_

#: The Committee's eight thematic areas, which items belong to.
AREAS = range(1, 9)
MAX_TITLE_LENGTH = 300
#: The longest section code made from a title.
CODE_LENGTH = 40


def section_code(title: str, taken: set[str]) -> str:
    """A short, unique code for a section, from its title: its acronym where it ends with
    one ("Inter-American Defense Board (JID)" -> "jid"), else its words ("Trafficking in
    persons" -> "trafficking-in-persons")."""
    plain = unicodedata.normalize("NFKD", acronym_of(title) or title).encode(
        "ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if len(base) > CODE_LENGTH:  # cut between words: it is read in addresses
        base = base[:CODE_LENGTH + 1].rsplit("-", 1)[0]
    base = base[:CODE_LENGTH] or "section"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def check_section_fields(title: str, kind: SectionKind, area: int | None, *,
                         thematic_areas: bool = True) -> tuple[str, int | None]:
    """A section's title and thematic area, cleaned, or the reason they are refused. A
    committee without thematic areas (CICTE) gives its items none."""
    cleaned = " ".join((title or "").split())
    if not cleaned:
        raise InvalidSubmission("Give the section a title.")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise InvalidSubmission("A section title is at most %(count)s characters.",
                                count=MAX_TITLE_LENGTH)
    if kind is SectionKind.ITEM and thematic_areas:
        if area not in AREAS:
            raise InvalidSubmission("An item belongs to one of the eight thematic areas (1-8).")
        return cleaned, area
    return cleaned, None


def _codes(session: Session, negotiation: Negotiation) -> set[str]:
    return set(session.scalars(select(Section.code).where(
        Section.negotiation_id == negotiation.id)))


def add_section(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    now: datetime,
    *,
    title: str,
    kind: SectionKind,
    area: int | None = None,
    code: str | None = None,
    counted_apart: bool = False,
) -> Section:
    """Add a section (an item of a thematic area, an entity or an instrument) at the end."""
    require_drafting(session, negotiation, actor, "add a section")
    title, area = check_section_fields(title, kind, area,
                                       thematic_areas=negotiation.thematic_areas)
    taken = _codes(session, negotiation)
    if code is not None and code in taken:
        raise InvalidSubmission("The draft already has a section with the code %(code)r.",
                                code=code)
    last = session.scalar(select(func.max(Section.position)).where(
        Section.negotiation_id == negotiation.id))
    section = Section(
        negotiation_id=negotiation.id, code=code or section_code(title, taken), kind=kind,
        area=area, title=title, position=(last or 0) + 1, counted_apart=counted_apart,
    )
    session.add(section)
    session.flush()
    record(session, negotiation.id, actor, now, "draft_section_added",
           says(N_("Section added: %(section)s"), section=_describe(section)),
           subject=f"section:{section.id}")
    return section


#: A section as the record describes it, by its kind.
_DESCRIBED = {
    SectionKind.ITEM: N_("%(title)s (item)"),
    SectionKind.ENTITY: N_("%(title)s (entity)"),
    SectionKind.INSTRUMENT: N_("%(title)s (instrument)"),
}


def _describe(section: Section) -> Wording:
    """The section as the record describes it: "Trafficking (item, thematic area 2)"."""
    if section.kind is SectionKind.ITEM and section.area is not None:
        said = says(N_("%(title)s (item, thematic area %(area)s)"), title=section.title,
                    area=section.area)
    else:
        said = says(_DESCRIBED[section.kind], title=section.title)
    if section.counted_apart:
        return says(N_("%(section)s, counted apart from the caps"), section=said)
    return said


def edit_section(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    section: Section,
    now: datetime,
    *,
    title: str,
    kind: SectionKind,
    area: int | None = None,
    counted_apart: bool | None = None,
) -> Section:
    """Change a section's title, kind or thematic area, and whether it is counted apart
    from the caps (None: as it was)."""
    require_own(negotiation, section)
    require_drafting(session, negotiation, actor, "change a section")
    title, area = check_section_fields(title, kind, area,
                                       thematic_areas=negotiation.thematic_areas)
    before = _describe(section)
    section.title, section.kind, section.area = title, kind, area
    if counted_apart is not None:
        section.counted_apart = counted_apart
    session.flush()
    record(session, negotiation.id, actor, now, "draft_section_changed",
           says(N_("Section changed: %(before)s → %(after)s"), before=before,
                after=_describe(section)), subject=f"section:{section.id}")
    return section


def move_section(
    session: Session, negotiation: Negotiation, actor: Actor, section: Section, step: int,
    now: datetime,
) -> None:
    """Move a section one place up (``step`` -1) or down (+1) in the draft."""
    require_own(negotiation, section)
    require_drafting(session, negotiation, actor, "move a section")
    ordered = sections_of(session, negotiation)
    index = ordered.index(section)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(ordered):
        if step > 0:
            raise InvalidSubmission("%(section)s is already the last section.",
                                    section=section.title)
        raise InvalidSubmission("%(section)s is already the first section.",
                                section=section.title)
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, each in enumerate(ordered, start=1):
        each.position = position
    session.flush()
    record(session, negotiation.id, actor, now, "draft_section_moved",
           says(N_("Section %(section)s moved to place %(place)s"), section=section.title,
                place=target + 1),
           subject=f"section:{section.id}")


def remove_section(
    session: Session, negotiation: Negotiation, actor: Actor, section: Section, now: datetime
) -> None:
    """Remove an empty section that no deadline or late acceptance refers to."""
    require_own(negotiation, section)
    require_drafting(session, negotiation, actor, "remove a section")
    if session.scalar(select(exists().where(Paragraph.section_id == section.id))):
        raise InvalidSubmission(
            "%(section)s still has paragraphs: remove or move them first.",
            section=section.title)
    if session.scalar(select(exists().where(Milestone.section_id == section.id))) or \
            session.scalar(select(exists().where(LateLeave.section_id == section.id))):
        raise InvalidSubmission(
            "The calendar has a deadline or a late acceptance for %(section)s: the "
            "secretariat removes it there first.", section=section.title)

    session.delete(section)
    session.flush()
    record(session, negotiation.id, actor, now, "draft_section_removed",
           says(N_("Section removed: %(section)s"), section=_describe(section)),
           subject=f"section:{section.id}")
