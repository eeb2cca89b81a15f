"""Writing the draft read by :mod:`negotiation.documents.akn.statement` as Akoma Ntoso 3.0 XML."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO

from negotiation.documents.akn.amendments import write_amendments
from negotiation.documents.akn.markup import (
    PAD,
    element,
    escaped,
    escaped_attribute,
    escaped_name,
    identification,
)
from negotiation.documents.akn.statement import (
    AREA_CONTAINER,
    COUNTRY,
    DOCUMENT_NAME,
    LANGUAGE_CODES,
    NAMESPACE,
    ROMAN,
    AknDraft,
    Grouping,
    Printed,
    eid_of,
    eid_token,
    section_eid,
    symbol_slug,
)
from negotiation.documents.comparison import LANGUAGE_NAMES
from negotiation.enums import ParagraphKind
from negotiation.text.footnotes import from_stored, pieces


class _Writer:
    """Writes the document's text, part by part, joined once at the end."""

    def __init__(self, draft: AknDraft) -> None:
        self.draft = draft
        self.out: list[str] = []
        # The file, in bytes: the parts written so far are encoded into it as they come
        # (see :meth:`_flushed`).
        self.file = BytesIO()
        self.work = f"/akn/{COUNTRY}/statement/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
                    f"{symbol_slug(draft.work_symbol)}"
        self.language = LANGUAGE_CODES.get(draft.language, "und")
        self.expression = self._expression(self.language)
        self.code_of = {name: code for code, name in draft.delegations}
        self.eids = {row.paragraph_id: eid_of(row.label, row.kind) for row in draft.rows}
        self.notes = 0  # the footnotes written so far: their markers number through the text
        # A translation's paragraphs that keep the original's text, and how they are marked.
        self.kept: dict[int, str] = {}
        self.translation_of = ""
        # The language the proposals are written against (the amendments' expression).
        self.amended_language = self.language
        # A translation's paragraphs given in translation, whose notes are the original's
        # words, and how those notes are marked.
        self.originals: Mapping[int, str] = {}
        self.note_mark = ""
        if draft.translation is not None:
            original = draft.translation.original_language
            mark = f' class="%s" xml:lang="{escaped_attribute(original)}"'
            self.kept = {**{id_: mark % "untranslated" for id_ in draft.translation.missing},
                         **{id_: mark % "untranslated outdated"
                            for id_ in draft.translation.outdated}}
            self.originals = draft.translation.originals
            self.note_mark = mark % "untranslated"
            code = LANGUAGE_CODES.get(original, "und")
            self.amended_language = code
            # Made by the secretariat's language services, from the original's expression.
            self.translation_of = (f'{PAD[5]}<FRBRtranslation href="'
                                   f'{escaped_attribute(self._expression(code))}" '
                                   f'fromLanguage="{code}" by="#secretariat"/>')

    def _expression(self, language: str) -> str:
        expression = f"{self.work}/{language}@{self.draft.issued.isoformat()}"
        if self.draft.revision_number is None:
            # Today's text is not circulated: its own expression, not rev. N's.
            expression += "-working"
        return expression

    def _p(self, depth: int, row: Printed) -> str:
        """The paragraph's text, each footnote an ``authorialNote`` where its marker stands
        (placed at the bottom, as the printed resolution has it)."""
        notes = from_stored(row.footnotes or [], row.text)
        kept = self.kept.get(row.paragraph_id, "") if self.kept else ""
        if not notes:
            return element(depth, "p", escaped(row.text), kept)
        parts = []
        eid = escaped_attribute(self.eids[row.paragraph_id])
        mark = self.note_mark if row.paragraph_id in self.originals else ""
        for words, note in pieces(row.text, notes):
            if note is None:
                parts.append(escaped(words))
                continue
            self.notes += 1
            parts.append(f'<authorialNote marker="{self.notes}" placement="bottom" '
                         f'eId="{eid}__authorialNote_{self.notes}"{mark}><p>'
                         f"{escaped(note.text)}</p></authorialNote>")
        return f"{PAD[depth]}<p{kept}>{''.join(parts)}</p>"

    def statement(self) -> bytes:
        draft, out = self.draft, self.out
        out.append(f"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso xmlns=\"{NAMESPACE}\">"
                   f'{PAD[1]}<statement name="{DOCUMENT_NAME}">')
        out.append(identification(2, self.work, self.expression, draft.work_date,
                                   draft.issued, self.language, draft.revision_number,
                                   self.translation_of))
        self._references()
        out.append(f"{PAD[2]}</meta>{PAD[2]}<preface>")
        if draft.council:
            out.append(f'{PAD[3]}<p class="council">{escaped(draft.council)}</p>')
        if draft.translation is not None:
            original = draft.translation.original_line
        else:
            original = f"Original: {LANGUAGE_NAMES.get(draft.language, draft.language)}"
        out.append(
            element(3, "p", escaped(draft.committee), ' class="committee"')
            + f"{PAD[3]}<p>{element(4, 'docNumber', escaped(draft.symbol))}{PAD[3]}</p>"
            f"{PAD[3]}<p>"
            + element(4, "docDate", escaped(draft.issued_label),
                       f' date="{draft.issued.isoformat()}"')
            + f"{PAD[3]}</p>"
            + element(3, "p", escaped(original), ' class="original"')
            + f"{PAD[3]}<longTitle>{PAD[4]}<p>"
            + element(5, "docTitle", escaped(draft.negotiation_title))
            + f"{PAD[4]}</p>{PAD[3]}</longTitle>{PAD[2]}</preface>")

        sections: list[Grouping] = []
        by_section: dict[int, list[Printed]] = {}
        for row in draft.rows:
            if row.section.id not in by_section:
                sections.append(row.section)
            by_section.setdefault(row.section.id, []).append(row)
        self._preamble(sections, by_section)
        self._body(sections, by_section)
        self._flushed()
        write_amendments(self.file.writelines, draft, self.eids, self.code_of, self.originals,
                         self.amended_language)
        out.append(f"{PAD[1]}</statement>\n</akomaNtoso>\n")
        self._flushed()
        return self.file.getvalue()

    def _flushed(self) -> None:
        """The parts written so far encoded into the file, and let go.

        A big committee's file is megabytes: held as text, joined, then encoded, it would be
        three copies of it, each new memory the system hands over a page at a time (and
        that, not the writing, was most of the time). Written into one growing buffer, with
        the amendments encoded one by one, it is the one copy."""
        self.file.write("".join(self.out).encode())
        self.out.clear()

    def _references(self) -> None:
        draft, pad = self.draft, PAD[4]
        out = [f'{PAD[3]}<references source="#secretariat">',
               f'{pad}<TLCOrganization eId="committee" href="/ontology/organization/{COUNTRY}/'
               f'{escaped_attribute(symbol_slug(draft.committee))}" '
               f'showAs="{escaped_attribute(draft.committee)}"/>',
               f'{pad}<TLCOrganization eId="secretariat" href="/ontology/organization/{COUNTRY}'
               '/secretariat" showAs="Secretariat"/>']
        for code, name in draft.delegations:
            token = eid_token(code)
            out.append(f'{pad}<TLCOrganization eId="delegation_{token}" href="/ontology/'
                       f'organization/{COUNTRY}/{token}" showAs="{escaped_attribute(name)}"/>')
        out.append(f'{pad}<TLCRole eId="author" href="/ontology/role/akn/author" '
                   f'showAs="Author"/>{PAD[3]}</references>')
        self.out.append("".join(out))

    def _preamble(self, sections: list[Grouping], by_section: dict[int, list[Printed]]) -> None:
        out, opened = self.out, False
        for section in sections:
            recitals = [r for r in by_section[section.id] if r.kind is ParagraphKind.PREAMBULAR]
            if not recitals:
                continue
            if not opened:
                out.append(f"{PAD[2]}<preamble>")
                opened = True
            eid = escaped_attribute(section_eid(section))
            out.append(f'{PAD[3]}<recitals eId="{eid}__recitals" refersTo="#{eid}">'
                       + element(4, "heading", escaped_name(section.title)))
            for row in recitals:
                eid = escaped_attribute(self.eids[row.paragraph_id])
                out.append(f'{PAD[4]}<recital eId="{eid}">{self._p(5, row)}{PAD[4]}</recital>')
            out.append(f"{PAD[3]}</recitals>")
        if opened:
            out.append(f"{PAD[2]}</preamble>")

    def _body(self, sections: list[Grouping], by_section: dict[int, list[Printed]]) -> None:
        out = self.out
        if not sections:
            out.append(f"{PAD[2]}<mainBody/>")
            return
        out.append(f"{PAD[2]}<mainBody>")
        area: int | None = None  # the thematic area whose container is open
        for section in sections:
            depth = 3
            if section.kind.value == "item" and section.area is not None:
                if area != section.area:
                    if area is not None:
                        out.append(f"{PAD[3]}</hcontainer>")
                    area = section.area
                    number = ROMAN[area] if area < len(ROMAN) else str(area)
                    out.append(f'{PAD[3]}<hcontainer name="{AREA_CONTAINER}" eId="area_{area}">'
                               + element(4, "num", escaped(number)))
                depth = 4
            elif area is not None:
                out.append(f"{PAD[3]}</hcontainer>")
                area = None
            self._section(section, by_section[section.id], depth)
        if area is not None:
            out.append(f"{PAD[3]}</hcontainer>")
        out.append(f"{PAD[2]}</mainBody>")

    def _section(self, section: Grouping, rows: list[Printed], depth: int) -> None:
        out = self.out
        pad, inner, leaf = PAD[depth + 1], PAD[depth + 2], PAD[depth + 3]
        out.append(f'{PAD[depth]}<hcontainer name="{escaped_attribute(section.kind.value)}" '
                   f'eId="{escaped_attribute(section_eid(section))}">'
                   + element(depth + 1, "heading", escaped_name(section.title)))
        chapeau = False  # a mandates paragraph is open, its lettered points following it
        for row in rows:
            if row.kind is ParagraphKind.PREAMBULAR:
                continue
            eid = escaped_attribute(self.eids[row.paragraph_id])
            if row.kind is ParagraphKind.SUBPARAGRAPH and chapeau:
                text = self._p(depth + 4, row)
                letter = escaped("(" + row.label.rpartition("(")[2])
                out.append(f'{inner}<point eId="{eid}">{element(depth + 3, "num", letter)}'
                           f"{leaf}<content>{text}{leaf}</content>{inner}</point>")
                continue
            if chapeau:
                out.append(f"{pad}</paragraph>")
            text = self._p(depth + 3, row)
            number = element(depth + 2, "num", escaped_name(f"{row.label}."))
            if row.is_mandates:
                # The chapeau introduces the lettered mandates that follow it.
                out.append(f'{pad}<paragraph eId="{eid}" class="mandates">{number}'
                           f"{inner}<intro>{text}{inner}</intro>")
                chapeau = True
            else:
                out.append(f'{pad}<paragraph eId="{eid}">{number}'
                           f"{inner}<content>{text}{inner}</content>{pad}</paragraph>")
                chapeau = False
        if chapeau:
            out.append(f"{pad}</paragraph>")
        out.append(f"{PAD[depth]}</hcontainer>")


def akoma_ntoso(draft: AknDraft) -> bytes:
    """The draft's Akoma Ntoso document as a UTF-8 XML file."""
    return _Writer(draft).statement()
