"""The chair's confirmation of an imported draft (previewed by
:mod:`negotiation.setup.imports.importing`): the only step of an import that writes, and only into a
draft not yet circulated. The same content again changes nothing; a draft that already has
paragraphs is replaced only when the chair confirms the replacement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.drafting import sections_of
from negotiation.draft.writing import add_paragraph
from negotiation.enums import ParagraphKind, SectionKind
from negotiation.errors import InvalidSubmission, RefusedTransition, Term
from negotiation.models import LateLeave, Milestone, Negotiation, Paragraph, Section
from negotiation.record.journal import record
from negotiation.record.wording import Wording, says
from negotiation.setup.entities import drafter_of
from negotiation.setup.imports.importing import ImportPreview, current_plan
from negotiation.setup.sections import check_section_fields, section_code
from negotiation.setup.structure import discard_uncirculated, require_drafting
from negotiation.text.languages import N_


@dataclass(frozen=True)
class ImportOutcome:
    """What confirming did."""

    changed: bool
    sections: int
    paragraphs: int
    replaced: int = 0
    kept_sections: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if not self.changed:
            return "The draft already holds exactly this text: nothing was changed."
        said = f"Imported {self.sections} sections and {self.paragraphs} paragraphs"
        if self.replaced:
            said += f", replacing the {self.replaced} paragraphs of the previous draft"
        if self.kept_sections:
            said += (f"; kept (empty) because the calendar refers to them: "
                     f"{', '.join(self.kept_sections)}")
        return said + "."

    @property
    def said(self) -> Wording:
        """:attr:`message` as words, for the record in each reader's language."""
        if not self.changed:
            return says(N_("The draft already holds exactly this text: nothing was changed."))
        counts = {"sections": self.sections, "paragraphs": self.paragraphs}
        kept = ", ".join(self.kept_sections)
        if self.replaced and self.kept_sections:
            return says(N_("Imported %(sections)s sections and %(paragraphs)s paragraphs, "
                           "replacing the %(replaced)s paragraphs of the previous draft; kept "
                           "(empty) because the calendar refers to them: %(kept)s."),
                        **counts, replaced=self.replaced, kept=kept)
        if self.replaced:
            return says(N_("Imported %(sections)s sections and %(paragraphs)s paragraphs, "
                           "replacing the %(replaced)s paragraphs of the previous draft."),
                        **counts, replaced=self.replaced)
        if self.kept_sections:
            return says(N_("Imported %(sections)s sections and %(paragraphs)s paragraphs; "
                           "kept (empty) because the calendar refers to them: %(kept)s."),
                        **counts, kept=kept)
        return says(N_("Imported %(sections)s sections and %(paragraphs)s paragraphs."),
                    **counts)


def confirm_import(
    session: Session,
    negotiation: Negotiation,
    actor: Actor,
    preview: ImportPreview,
    now: datetime,
    *,
    replace: bool = False,
    use_title: bool = False,
) -> ImportOutcome:
    """Write the previewed draft: refused while anything is unclassified or incomplete, and
    into a draft that already has paragraphs only when ``replace`` is confirmed. The title
    the administrator gave stays unless the chair chose the imported one (``use_title``)."""
    require_drafting(session, negotiation, actor, "import a draft")
    if preview.problems:
        raise InvalidSubmission("The import is not complete yet: %(problems)s",
                                problems=_one_after_another(preview.problems))
    for planned in preview.sections:
        check_section_fields(planned.title, SectionKind(planned.kind), planned.area,
                             thematic_areas=negotiation.thematic_areas)
    new_title = preview.title if use_title and preview.title else negotiation.title
    existing = current_plan(session, negotiation)
    if [s.fingerprint() for s in existing if s.paragraphs] == [
            s.fingerprint() for s in preview.sections] and new_title == negotiation.title:
        return ImportOutcome(False, len(preview.sections), preview.paragraph_count)
    old = list(session.scalars(select(Paragraph).where(
        Paragraph.negotiation_id == negotiation.id)))
    if old and not replace:
        raise RefusedTransition(
            "The draft already has %(count)s paragraphs. Importing replaces the draft that has "
            "not been circulated: confirm that you want to replace it.", count=len(old))

    discard_uncirculated(session, sorted(old, key=lambda p: p.parent_id is None))
    kept = _write_sections(session, negotiation, actor, preview, now)
    if new_title != negotiation.title:
        negotiation.title = new_title[:400]
    session.flush()
    outcome = ImportOutcome(True, len(preview.sections), preview.paragraph_count,
                            replaced=len(old), kept_sections=tuple(kept))
    record(session, negotiation.id, actor, now, "draft_imported",
           says(N_("Draft imported from %(source)s: %(outcome)s"), source=preview.source,
                outcome=outcome.said))
    return outcome


def _write_sections(
    session: Session, negotiation: Negotiation, actor: Actor, preview: ImportPreview,
    now: datetime,
) -> list[str]:
    """Sections of the import in order, reusing those of the same title; returns the titles
    of former sections kept only because the calendar refers to them."""
    existing = {s.title: s for s in sections_of(session, negotiation)}
    ordered: list[Section] = []
    taken = {s.code for s in existing.values()}
    for planned in preview.sections:
        section = existing.get(planned.title)
        if section is None or section in ordered:
            section = Section(negotiation_id=negotiation.id,
                              code=section_code(planned.title, taken), title=planned.title,
                              kind=SectionKind(planned.kind), area=planned.area, position=0)
            taken.add(section.code)
            session.add(section)
        section.kind, section.area = SectionKind(planned.kind), planned.area
        # The paragraphs before the first heading: the general preamble, counted apart.
        section.counted_apart = planned.general
        ordered.append(section)
    kept: list[str] = []
    for section in existing.values():
        if section in ordered:
            continue
        if _referred_to(session, section):
            kept.append(section.title)
            ordered.append(section)
        else:
            session.delete(section)
    for position, section in enumerate(ordered, start=1):
        section.position = position
    session.flush()
    for planned, section in zip(preview.sections, ordered, strict=False):
        proposer, entity = drafter_of(actor)
        for p in planned.paragraphs:
            kind = ParagraphKind.PREAMBULAR if p.kind == "preambular" else ParagraphKind.OPERATIVE
            paragraph = add_paragraph(session, section, kind, p.text, actor, now,
                                      is_mandates=p.kind == "mandates", reason="Imported draft",
                                      proposer=proposer, proposer_entity=entity,
                                      footnotes=p.notes)
            for index, mandate in enumerate(p.mandates):
                add_paragraph(session, section, ParagraphKind.SUBPARAGRAPH, mandate, actor, now,
                              parent=paragraph, reason="Imported draft",
                              proposer=proposer, proposer_entity=entity,
                              footnotes=p.mandate_notes[index]
                              if index < len(p.mandate_notes) else ())
    return kept


def _referred_to(session: Session, section: Section) -> bool:
    return bool(
        session.scalar(select(exists().where(Milestone.section_id == section.id)))
        or session.scalar(select(exists().where(LateLeave.section_id == section.id))))


def _one_after_another(problems: list[Term]) -> Term:
    """The preview's problems quoted in one refusal, each in the reader's language (the
    space between them is no word: no message of the catalogs)."""
    together = problems[0]
    for problem in problems[1:]:
        together = Term("%(first)s %(then)s", first=together, then=problem)
    return together
