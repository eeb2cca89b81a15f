"""Importing the chair's draft from a Word file, an Akoma Ntoso file or pasted text: a
preview first, then only the chair's confirmation writes
(:mod:`negotiation.setup.imports.confirming`).

The preview says what each line was recognised as, what could not be classified and how
the result stands against the caps; the chair corrects the kind of any line (or a
section's kind and thematic area) and confirms. The preview travels as JSON between the
two steps (the confirming request checks it all again: nothing in it is trusted).

Importing twice never duplicates anything:

* the same content as the draft already holds changes nothing (and says so);
* an import into a draft that already has paragraphs replaces that draft, and only when
  the chair explicitly confirms the replacement; sections of the same title are kept (so
  their deadlines stay), paragraphs of the draft replaced are removed;
* once rev. 0 is circulated nothing is imported any more (the draft is frozen).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, object_session

from negotiation.draft.capcheck import day_at_headquarters, rules_for
from negotiation.draft.drafting import paragraphs_of, sections_of
from negotiation.draft.writing import MAX_TEXT_LENGTH
from negotiation.enums import SectionKind
from negotiation.errors import InvalidSubmission, Term
from negotiation.models import Negotiation
from negotiation.setup.imports.akn_reading import is_akn_name, read_akn
from negotiation.setup.imports.classifying import BLOCK_KINDS, PARAGRAPH_KINDS, Block, classify
from negotiation.setup.imports.corrections import area_of, corrected
from negotiation.setup.imports.reading import read_docx, read_text
from negotiation.setup.imports.unwrapping import unwrapped
from negotiation.setup.sections import section_code
from negotiation.text.footnotes import Footnote, carried, from_stored, notes_of, shifted
from negotiation.text.languages import N_
from rules.caps import CapReport, ParagraphShape, SectionShape, check_draft

#: The section that holds paragraphs found before the first heading.
GENERAL_TITLE = "General"
SECTION_KINDS = tuple(k.value for k in SectionKind)


@dataclass
class PlannedParagraph:
    """A paragraph an import would write (a mandates paragraph with its mandates)."""

    kind: str  # preambular, operative, mandates
    text: str
    mandates: list[str] = field(default_factory=list)
    #: The paragraph's footnotes, and each mandate's.
    notes: tuple[Footnote, ...] = ()
    mandate_notes: list[tuple[Footnote, ...]] = field(default_factory=list)


@dataclass
class PlannedSection:
    """A section an import would write, with its paragraphs in order."""

    title: str
    kind: str
    area: int | None
    paragraphs: list[PlannedParagraph] = field(default_factory=list)
    #: The paragraphs before the first heading: the resolution's general preamble (and
    #: operative part), held to no item's caps.
    general: bool = False

    def fingerprint(self) -> tuple[object, ...]:
        return (self.title, self.kind, self.area, tuple(
            (p.kind, p.text, tuple(p.mandates), p.notes, tuple(p.mandate_notes))
            for p in self.paragraphs))


@dataclass
class ImportPreview:
    """What an import would write, before anything is saved."""

    source: str
    blocks: list[Block]
    title: str = ""
    sections: list[PlannedSection] = field(default_factory=list)
    #: What keeps the import from being confirmed, each shown in the reader's language.
    problems: list[Term] = field(default_factory=list)
    caps: list[CapReport] = field(default_factory=list)

    @property
    def unclassified(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "unclassified"]

    @property
    def footnotes(self) -> int:
        """Superscript footnote markers set aside from the text."""
        return sum(b.footnotes for b in self.blocks)

    @property
    def notes(self) -> list[tuple[int, int, Footnote]]:
        """The footnotes kept, as the preview lists them: (line, number, note), numbered
        through the draft as the documents number them."""
        found, number = [], 0
        for line, block in enumerate(self.blocks, start=1):
            if block.kind not in PARAGRAPH_KINDS:  # a heading's or left-out line's is not
                continue
            for note in block.notes:
                number += 1
                found.append((line, number, note))
        return found

    @property
    def line_notes(self) -> list[tuple[tuple[Footnote, ...], int]]:
        """For each line, the notes it keeps and the number the first takes in the list of
        :attr:`notes`, so that its markers read as that list numbers them. Only a paragraph
        keeps its notes (as the list says): a heading, a line left out or not classified yet
        keeps none, and its markers are not shown."""
        lines, number = [], 1
        for block in self.blocks:
            kept = block.notes if block.kind in PARAGRAPH_KINDS else ()
            lines.append((kept, number))
            number += len(kept)
        return lines

    @property
    def paragraph_count(self) -> int:
        return sum(1 + len(p.mandates) for s in self.sections for p in s.paragraphs)

    @property
    def ready(self) -> bool:
        """Whether confirming would write (nothing unclassified, every section complete)."""
        return not self.problems

    def to_json(self) -> str:
        """The lines and their kinds, to carry to the confirming request."""
        return json.dumps({"source": self.source,
                           "blocks": [{**asdict(b), "note": _note_data(b.note)}
                                      for b in self.blocks]}, ensure_ascii=False)


def _note_data(note: object) -> object:
    """A line's note as carried in the preview: its message and parameters, so that it is
    shown again in the reader's language (the English alone would stay English)."""
    if isinstance(note, Term):
        return {"message": note.message, "lower": note.lower,
                "params": {name: _note_data(value) for name, value in note.params.items()}}
    return str(note)


def _note_from(data: object) -> str:
    """A note carried back from the browser (as :func:`_note_data` wrote it)."""
    if isinstance(data, dict):
        params = data.get("params") or {}
        if not isinstance(params, dict):
            raise ValueError("a note's parameters are a mapping")
        return Term(str(data["message"]), lower=bool(data.get("lower")),
                    **{str(name): _note_from(value) for name, value in params.items()})
    return str(data)


def preview_docx(negotiation: Negotiation, data: bytes, name: str, now: datetime
                 ) -> ImportPreview:
    """Read a .docx file and preview what importing it would write."""
    return build_preview(negotiation, name, classify(read_docx(data, name)), now)


def preview_file(negotiation: Negotiation, data: bytes, name: str, now: datetime
                 ) -> ImportPreview:
    """Read an uploaded file by its type (Akoma Ntoso .xml/.akn, else Word) and preview
    what importing it would write."""
    if is_akn_name(name):
        return build_preview(negotiation, name, read_akn(data, name), now)
    return preview_docx(negotiation, data, name, now)


def preview_text(negotiation: Negotiation, text: str, now: datetime) -> ImportPreview:
    """Read pasted text and preview what importing it would write."""
    return build_preview(negotiation, "pasted text", classify(unwrapped(read_text(text))), now)


def preview_from_json(negotiation: Negotiation, carried: str, now: datetime,
                      corrections: dict[int, dict[str, str]] | None = None) -> ImportPreview:
    """The preview carried between requests, checked again, with the chair's corrections
    applied: ``{line index: {"kind": ..., "section_kind": ..., "area": ..., "text": ...,
    "join": ..., "split": ...}}`` (:mod:`negotiation.setup.imports.corrections`)."""
    try:
        data = json.loads(carried)
        raw_blocks = data["blocks"]
        source = str(data.get("source", ""))[:200]
        blocks = [Block(kind=str(b["kind"]), text=str(b["text"]), source=str(b["source"]),
                        number=str(b.get("number", "")),
                        section_kind=str(b.get("section_kind", "")),
                        area=area_of(b.get("area")), note=_note_from(b.get("note", "")),
                        footnotes=max(0, min(int(b.get("footnotes", 0)), 999)))
                  for b in raw_blocks]
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        raise InvalidSubmission("The preview could not be read back; import the file again."
                                ) from exc
    # The texts come back from the browser: read them again as pasted lines would be.
    checked = read_text("\n".join(b.text for b in blocks))
    if len(checked) != len(blocks) or any(b.kind not in BLOCK_KINDS for b in blocks):
        raise InvalidSubmission("The preview could not be read back; import the file again.")
    for block, line, raw in zip(blocks, checked, raw_blocks, strict=True):
        block.text = line.text
        block.notes = from_stored(raw.get("notes"), block.text) if isinstance(raw, dict) else ()
    return build_preview(negotiation, source, corrected(blocks, corrections or {}), now)


def build_preview(negotiation: Negotiation, source: str, blocks: list[Block], now: datetime
                  ) -> ImportPreview:
    """The sections and paragraphs the blocks make, what is missing, and the caps."""
    preview = ImportPreview(source, blocks)
    with_areas = negotiation.thematic_areas
    area: int | None = None
    items = 0  # lettered items of the preambular paragraph before
    current: PlannedSection | None = None
    for index, block in enumerate(blocks, start=1):
        text = block.text.strip()
        if len(text) > MAX_TEXT_LENGTH:
            preview.problems.append(Term(N_("Line %(index)s is longer than %(limit)s characters."),
                                         index=index, limit=MAX_TEXT_LENGTH))
            continue
        if block.kind == "title":
            preview.title = preview.title or text
        elif block.kind == "area":
            area = block.area
        elif block.kind == "section":
            section_area = block.area if block.area is not None else area
            current = PlannedSection(text, block.section_kind or "item",
                                     section_area if (block.section_kind or "item") == "item"
                                     else None)
            preview.sections.append(current)
        elif block.kind in ("preambular", "operative", "mandates"):
            if current is None:
                current = PlannedSection(GENERAL_TITLE, "item", (area or 1) if with_areas
                                         else None, general=True)
                preview.sections.append(current)
            current.paragraphs.append(PlannedParagraph(
                block.kind, text, notes=carried(block.text, text, block.notes)))
            items = 0
        elif block.kind == "subparagraph":
            holder = current.paragraphs[-1] if current and current.paragraphs else None
            if holder is None:
                preview.problems.append(Term(
                    N_("Line %(index)s is a lettered mandate but follows no operative "
                       "paragraph."), index=index))
            elif holder.kind == "preambular":
                # A preamble's lettered list is part of its paragraph's text, letters kept.
                items += 1
                item = _with_letter(block, items)
                start = len(holder.text) + 1 + len(item) - len(text)
                holder.notes = holder.notes + shifted(
                    carried(block.text, text, block.notes), start)
                holder.text = f"{holder.text} {item}"
            else:
                holder.kind = "mandates"
                holder.mandates.append(text)
                holder.mandate_notes.append(carried(block.text, text, block.notes))
        elif block.kind == "unclassified":
            preview.problems.append(Term(
                N_("Line %(index)s could not be classified: say what it is, or leave it out."),
                index=index))
    for section in preview.sections:
        # The preamble comes before the operative part, as in the editor.
        section.paragraphs.sort(key=lambda p: p.kind != "preambular")
        if section.kind == "item" and section.area is None and with_areas:
            preview.problems.append(Term(
                N_("Section “%(title)s”: choose its thematic area (1-8)."), title=section.title))
    if not any(s.paragraphs for s in preview.sections):
        preview.problems.append(Term(N_("No paragraph was recognised.")))
    # The negotiation's own caps, read in the session it was loaded in (a preview writes
    # nothing, so it asks for no session of its own). Every section is listed, the general
    # preamble as "counted apart", as the draft will count it once written.
    session = object_session(negotiation)
    assert session is not None, "the negotiation is loaded from the database"
    preview.caps = check_draft(_shapes(preview.sections), rules_for(session, negotiation),
                               day_at_headquarters(negotiation, now))
    return preview


def _with_letter(block: Block, position: int) -> str:
    """A lettered item as the preamble prints it: its letter as typed ("(a)", "a)"), or
    Word's automatic letter ("(a)") when the letter is no part of the text."""
    text = block.text.strip()
    if block.source.endswith(text) and block.source != text:
        return f"{block.source[:-len(text)].strip()} {text}"
    return f"({chr(ord('a') + (position - 1) % 26)}) {text}"


def _shapes(sections: list[PlannedSection]) -> list[SectionShape]:
    """The planned sections as the caps see them, numbered as the draft will be."""
    shapes, counts = [], {"preambular": 0, "operative": 0}
    for section in sections:
        paragraphs = []
        for p in section.paragraphs:
            kind = "preambular" if p.kind == "preambular" else "operative"
            counts[kind] += 1
            label = f"PP{counts[kind]}" if kind == "preambular" else str(counts[kind])
            paragraphs.append(ParagraphShape(label, kind, p.kind == "mandates", len(p.mandates)))
        shapes.append(SectionShape(section_code(section.title, set()), section.kind,
                                   section.title, tuple(paragraphs),
                                   counted_apart=section.general))
    return shapes


def current_plan(session: Session, negotiation: Negotiation) -> list[PlannedSection]:
    """The draft as it stands, in the shape of an import (to tell a repeated import)."""
    everything = paragraphs_of(session, negotiation)
    plan = []
    for section in sections_of(session, negotiation):
        planned = PlannedSection(section.title, section.kind.value, section.area,
                                 general=section.counted_apart)
        for p in everything:
            if p.section_id != section.id or p.parent_id is not None:
                continue
            kind = "mandates" if p.is_mandates else p.kind.value
            subs = [s for s in everything if s.parent_id == p.id]
            planned.paragraphs.append(PlannedParagraph(
                kind, p.text, [s.text for s in subs], notes_of(p.current_version),
                [notes_of(s.current_version) for s in subs]))
        plan.append(planned)
    return plan
