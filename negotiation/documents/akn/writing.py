"""Writing the draft read by :mod:`negotiation.documents.akn.statement` as Akoma Ntoso 3.0 XML."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from io import BytesIO
from typing import Any

from negotiation.documents.akn.statement import (
    AREA_CONTAINER,
    COUNTRY,
    DOCUMENT_NAME,
    LANGUAGE_CODES,
    MEDIA_TYPE,
    NAMESPACE,
    ROMAN,
    AknDraft,
    Grouping,
    Printed,
    delegation_eid,
    eid_of,
    eid_token,
    section_eid,
    symbol_slug,
)
from negotiation.documents.comparison import LANGUAGE_NAMES
from negotiation.documents.printable import printable
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.text.diffs import DELETE, EQUAL, INSERT
from negotiation.text.footnotes import from_stored, pieces

# The file is written as text, not built as a tree: an element object per node cost about
# 7 µs each, twenty times what serialising the same tree costs, and a big committee's file
# has a hundred thousand of them (most in the amendments' FRBR metadata). The text is what
# lxml's pretty printer writes for that tree, byte for byte (the tests compare the two).

_PAD = tuple("\n" + "  " * depth for depth in range(16))


def _text(value: str) -> str:
    """Element content escaped as lxml escapes it (a carriage return kept as a reference,
    which a parser would otherwise read as a line feed)."""
    value = printable(value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


# Names, labels and headings come back on every amendment: each escaped once per file.
@lru_cache(maxsize=4096)
def _name(value: str) -> str:
    return _text(value)


@lru_cache(maxsize=4096)
def _attribute(value: str) -> str:
    """An attribute's value escaped as lxml escapes it (white space other than the space as
    references, which a parser would otherwise read as spaces)."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    for white, reference in (("\n", "&#10;"), ("\t", "&#9;")):
        if white in value:
            value = value.replace(white, reference)
    return value


def _element(depth: int, tag: str, text: str, attributes: str = "") -> str:
    """An element holding only its (escaped) text, on a line of its own; empty, it is still
    written open and closed, as lxml writes an element whose text is set."""
    return f"{_PAD[depth]}<{tag}{attributes}>{text}</{tag}>"


def _identification(depth: int, work: str, expression: str, work_date: date, issued: date,
                    language: str, revision_number: int | None, translation: str = "") -> str:
    """The FRBR block of a document at ``depth`` (its ``meta``'s), ``meta`` left open;
    ``translation`` is the expression's ``FRBRtranslation``, when it is one."""
    inner, leaf = _PAD[depth + 2], _PAD[depth + 3]
    parts = [f'{_PAD[depth]}<meta>{_PAD[depth + 1]}<identification source="#secretariat">']
    for level, this, uri, when in (
        ("FRBRWork", f"{work}/!main", work, work_date),
        ("FRBRExpression", f"{expression}/!main", expression, issued),
        ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", issued),
    ):
        parts.append(
            f'{inner}<{level}>{leaf}<FRBRthis value="{this}"/>{leaf}<FRBRuri value="{uri}"/>'
            f'{leaf}<FRBRdate date="{when.isoformat()}" '
            f'name="{"circulation" if level == "FRBRWork" else "version"}"/>'
            f'{leaf}<FRBRauthor href="#committee" as="#author"/>')
        if level == "FRBRWork":
            parts.append(f'{leaf}<FRBRcountry value="{COUNTRY}"/>'
                         f'{leaf}<FRBRname value="{DOCUMENT_NAME}"/>')
        elif level == "FRBRExpression":
            if revision_number is not None:
                parts.append(f'{leaf}<FRBRversionNumber value="{revision_number}"/>')
            parts.append(f'{leaf}<FRBRlanguage language="{language}"/>{translation}')
        else:
            parts.append(f'{leaf}<FRBRformat value="{MEDIA_TYPE}"/>')
        parts.append(f"{inner}</{level}>")
    parts.append(f"{_PAD[depth + 1]}</identification>")
    return "".join(parts)


# Where an amendment's own IRI goes in its metadata, which is otherwise the same for all.
_WORK = "\x00"


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
            mark = f' class="%s" xml:lang="{_attribute(original)}"'
            self.kept = {**{id_: mark % "untranslated" for id_ in draft.translation.missing},
                         **{id_: mark % "untranslated outdated"
                            for id_ in draft.translation.outdated}}
            self.originals = draft.translation.originals
            self.note_mark = mark % "untranslated"
            code = LANGUAGE_CODES.get(original, "und")
            self.amended_language = code
            # Made by the secretariat's language services, from the original's expression.
            self.translation_of = (f'{_PAD[5]}<FRBRtranslation href="'
                                   f'{_attribute(self._expression(code))}" '
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
            return _element(depth, "p", _text(row.text), kept)
        parts = []
        eid = _attribute(self.eids[row.paragraph_id])
        mark = self.note_mark if row.paragraph_id in self.originals else ""
        for words, note in pieces(row.text, notes):
            if note is None:
                parts.append(_text(words))
                continue
            self.notes += 1
            parts.append(f'<authorialNote marker="{self.notes}" placement="bottom" '
                         f'eId="{eid}__authorialNote_{self.notes}"{mark}><p>'
                         f"{_text(note.text)}</p></authorialNote>")
        return f"{_PAD[depth]}<p{kept}>{''.join(parts)}</p>"

    def statement(self) -> bytes:
        draft, out = self.draft, self.out
        out.append(f"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso xmlns=\"{NAMESPACE}\">"
                   f'{_PAD[1]}<statement name="{DOCUMENT_NAME}">')
        out.append(_identification(2, self.work, self.expression, draft.work_date,
                                   draft.issued, self.language, draft.revision_number,
                                   self.translation_of))
        self._references()
        out.append(f"{_PAD[2]}</meta>{_PAD[2]}<preface>")
        if draft.council:
            out.append(f'{_PAD[3]}<p class="council">{_text(draft.council)}</p>')
        if draft.translation is not None:
            original = draft.translation.original_line
        else:
            original = f"Original: {LANGUAGE_NAMES.get(draft.language, draft.language)}"
        out.append(
            _element(3, "p", _text(draft.committee), ' class="committee"')
            + f"{_PAD[3]}<p>{_element(4, 'docNumber', _text(draft.symbol))}{_PAD[3]}</p>"
            f"{_PAD[3]}<p>"
            + _element(4, "docDate", _text(draft.issued_label),
                       f' date="{draft.issued.isoformat()}"')
            + f"{_PAD[3]}</p>"
            + _element(3, "p", _text(original), ' class="original"')
            + f"{_PAD[3]}<longTitle>{_PAD[4]}<p>"
            + _element(5, "docTitle", _text(draft.negotiation_title))
            + f"{_PAD[4]}</p>{_PAD[3]}</longTitle>{_PAD[2]}</preface>")

        sections: list[Grouping] = []
        by_section: dict[int, list[Printed]] = {}
        for row in draft.rows:
            if row.section.id not in by_section:
                sections.append(row.section)
            by_section.setdefault(row.section.id, []).append(row)
        self._preamble(sections, by_section)
        self._body(sections, by_section)
        self._flushed()
        self._amendments()
        out.append(f"{_PAD[1]}</statement>\n</akomaNtoso>\n")
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
        draft, pad = self.draft, _PAD[4]
        out = [f'{_PAD[3]}<references source="#secretariat">',
               f'{pad}<TLCOrganization eId="committee" href="/ontology/organization/{COUNTRY}/'
               f'{_attribute(symbol_slug(draft.committee))}" '
               f'showAs="{_attribute(draft.committee)}"/>',
               f'{pad}<TLCOrganization eId="secretariat" href="/ontology/organization/{COUNTRY}'
               '/secretariat" showAs="Secretariat"/>']
        for code, name in draft.delegations:
            token = eid_token(code)
            out.append(f'{pad}<TLCOrganization eId="delegation_{token}" href="/ontology/'
                       f'organization/{COUNTRY}/{token}" showAs="{_attribute(name)}"/>')
        out.append(f'{pad}<TLCRole eId="author" href="/ontology/role/akn/author" '
                   f'showAs="Author"/>{_PAD[3]}</references>')
        self.out.append("".join(out))

    def _preamble(self, sections: list[Grouping], by_section: dict[int, list[Printed]]) -> None:
        out, opened = self.out, False
        for section in sections:
            recitals = [r for r in by_section[section.id] if r.kind is ParagraphKind.PREAMBULAR]
            if not recitals:
                continue
            if not opened:
                out.append(f"{_PAD[2]}<preamble>")
                opened = True
            eid = _attribute(section_eid(section))
            out.append(f'{_PAD[3]}<recitals eId="{eid}__recitals" refersTo="#{eid}">'
                       + _element(4, "heading", _name(section.title)))
            for row in recitals:
                out.append(f'{_PAD[4]}<recital eId="{_attribute(self.eids[row.paragraph_id])}">'
                           f'{self._p(5, row)}{_PAD[4]}</recital>')
            out.append(f"{_PAD[3]}</recitals>")
        if opened:
            out.append(f"{_PAD[2]}</preamble>")

    def _body(self, sections: list[Grouping], by_section: dict[int, list[Printed]]) -> None:
        out = self.out
        if not sections:
            out.append(f"{_PAD[2]}<mainBody/>")
            return
        out.append(f"{_PAD[2]}<mainBody>")
        area: int | None = None  # the thematic area whose container is open
        for section in sections:
            depth = 3
            if section.kind.value == "item" and section.area is not None:
                if area != section.area:
                    if area is not None:
                        out.append(f"{_PAD[3]}</hcontainer>")
                    area = section.area
                    number = ROMAN[area] if area < len(ROMAN) else str(area)
                    out.append(f'{_PAD[3]}<hcontainer name="{AREA_CONTAINER}" eId="area_{area}">'
                               + _element(4, "num", _text(number)))
                depth = 4
            elif area is not None:
                out.append(f"{_PAD[3]}</hcontainer>")
                area = None
            self._section(section, by_section[section.id], depth)
        if area is not None:
            out.append(f"{_PAD[3]}</hcontainer>")
        out.append(f"{_PAD[2]}</mainBody>")

    def _section(self, section: Grouping, rows: list[Printed], depth: int) -> None:
        out = self.out
        pad, inner, leaf = _PAD[depth + 1], _PAD[depth + 2], _PAD[depth + 3]
        out.append(f'{_PAD[depth]}<hcontainer name="{_attribute(section.kind.value)}" '
                   f'eId="{_attribute(section_eid(section))}">'
                   + _element(depth + 1, "heading", _name(section.title)))
        chapeau = False  # a mandates paragraph is open, its lettered points following it
        for row in rows:
            if row.kind is ParagraphKind.PREAMBULAR:
                continue
            eid = _attribute(self.eids[row.paragraph_id])
            if row.kind is ParagraphKind.SUBPARAGRAPH and chapeau:
                text = self._p(depth + 4, row)
                letter = _text("(" + row.label.rpartition("(")[2])
                out.append(f'{inner}<point eId="{eid}">{_element(depth + 3, "num", letter)}'
                           f"{leaf}<content>{text}{leaf}</content>{inner}</point>")
                continue
            if chapeau:
                out.append(f"{pad}</paragraph>")
            text = self._p(depth + 3, row)
            number = _element(depth + 2, "num", _name(f"{row.label}."))
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
        out.append(f"{_PAD[depth]}</hcontainer>")

    def _amendments(self) -> None:
        draft = self.draft
        if not draft.proposals:
            return
        work = f"/akn/{COUNTRY}/amendment/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
               f"{symbol_slug(draft.work_symbol)}-proposal-"
        # The expression's IRI ends in "@" (its original version) for a proposal; a
        # translation's file holds the very amendments of the original's.
        language = self.amended_language
        meta = _identification(5, _WORK, f"{_WORK}/{language}@", draft.work_date,
                               draft.issued, language, draft.revision_number)
        # An amendment is the same text for every proposal but for a few parts: the text
        # up to its proponents, cut where the proposal's number goes, is made once here
        # and joined with each number; the rest comes from tables made once per file or
        # per paragraph. A big committee's file holds thousands of amendments: whatever
        # is formatted per amendment is paid thousands of times.
        opening = (f'{_PAD[3]}<attachment eId="att_{_WORK}">{_PAD[4]}<amendment '
                   f'name="proposal" contains="originalVersion">'
                   f"{meta.replace(_WORK, work + _WORK)}{_PAD[5]}</meta>{_PAD[5]}<preface>"
                   f"{_PAD[6]}<p>").split(_WORK)
        authors = _Made(lambda named: _proponent(named[0], named[1], _AUTHOR))
        code_of = self.code_of
        supporters = _Made(lambda name: _proponent(name, code_of.get(name, name), _SUPPORTER))
        write = self.file.write
        write(f"{_PAD[2]}<attachments>".encode())
        for row in draft.rows:
            proposals = draft.proposals.get(row.paragraph_id)
            if not proposals:
                continue
            what = "preambular paragraph" if row.kind is ParagraphKind.PREAMBULAR \
                else "paragraph"
            # What follows the proposal's kind in its heading, down to its content.
            on = (f', on <ref href="#{_attribute(self.eids[row.paragraph_id])}">'
                  f'{_text(f"{what} {row.label}")}</ref></p>{_HEADED}')
            # The text the proposals change: the original's, in a translation's file too.
            text = _text(self.originals.get(row.paragraph_id, row.text))
            unchanged = _Made(lambda deleted, text=text: _unchanged(deleted, text))
            for proposal in proposals:
                number = str(proposal.number)
                kind = proposal.kind
                proponents = authors[proposal.delegation, proposal.delegation_code]
                if proposal.supporters:
                    proponents += "".join([supporters[name] for name in proposal.supporters])
                changes = proposal.changes
                if kind is _DELETE or not changes:
                    content = unchanged[kind is _DELETE]
                else:
                    content = _content(changes)
                if proposal.comment:
                    write(f"{number.join(opening)}{proponents}{_HEADING}{number}"
                          f"{_KIND_LABELS[kind]}{on}{content}{_JUSTIFIED}"
                          f"{_text(proposal.comment)}{_JUSTIFICATION_END}".encode())
                else:
                    write(f"{number.join(opening)}{proponents}{_HEADING}{number}"
                          f"{_KIND_LABELS[kind]}{on}{content}{_ENDING}".encode())
        write(f"{_PAD[2]}</attachments>".encode())


class _Made(dict[Any, str]):
    """Parts of the file made once, when first asked for by their key."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        made = self[key] = self.make(key)
        return made


_AUTHOR = ' as="#author"'
_SUPPORTER = ' class="supporter"'
_DELETE = AmendmentKind.DELETE
# What an amendment holds between its parts, each written once here.
_HEADING = (f"{_PAD[6]}</p>{_PAD[5]}</preface>{_PAD[5]}<amendmentBody>"
            f"{_PAD[6]}<amendmentHeading>{_PAD[7]}<p>Proposal ")
_HEADED = f"{_PAD[6]}</amendmentHeading>{_PAD[6]}<amendmentContent>"
_CLOSED = f"{_PAD[5]}</amendmentBody>{_PAD[4]}</amendment>{_PAD[3]}</attachment>"
_ENDING = f"{_PAD[6]}</amendmentContent>{_CLOSED}"
_JUSTIFIED = f"{_PAD[6]}</amendmentContent>{_PAD[6]}<amendmentJustification>{_PAD[7]}<p>"
_JUSTIFICATION_END = f"</p>{_PAD[6]}</amendmentJustification>{_CLOSED}"
_KIND_LABELS = {kind: f", {_text(kind.label.lower())}" for kind in AmendmentKind}
# Each piece of tracked changes between its opening and closing tags (none for kept text).
_OPEN = {EQUAL: "", INSERT: "<ins>", DELETE: "<del>"}
_CLOSE = {EQUAL: "", INSERT: "</ins>", DELETE: "</del>"}
_MARKED_LINE = {INSERT: _PAD[8] + "<ins>", DELETE: _PAD[8] + "<del>"}


def _unchanged(deleted: bool, text: str) -> str:
    """The content of a proposal with no tracked changes: the paragraph's (escaped) text,
    all of it struck through when the proposal deletes the paragraph."""
    if deleted:
        return f"{_PAD[7]}<p>{_PAD[8]}<del>{text}</del>{_PAD[7]}</p>"
    return f"{_PAD[7]}<p>{text}</p>"


def _content(changes: Sequence[tuple[int, str]]) -> str:
    """The proposed text as tracked changes, in the amendment's content paragraph."""
    ops, parts = zip(*changes, strict=True)
    words = "".join(parts)
    # Most proposals' words need no escaping: checked once on all of them together.
    if (not words.isprintable() or "&" in words or "<" in words or ">" in words
            or "\r" in words):
        changes = [(op, _text(part)) for op, part in changes]
    if EQUAL not in ops:
        # Only marked pieces, no text around them (not even an empty one): each on a line
        # of its own, as lxml's pretty printer puts a paragraph's elements when it holds
        # no text.
        return (f"{_PAD[7]}<p>"
                + "".join([f"{_MARKED_LINE[op]}{part}{_CLOSE[op]}" for op, part in changes])
                + f"{_PAD[7]}</p>")
    return (f"{_PAD[7]}<p>"
            + "".join([f"{_OPEN[op]}{part}{_CLOSE[op]}" for op, part in changes])
            + "</p>")


@lru_cache(maxsize=4096)
def _proponent(name: str, code: str, attribute: str) -> str:
    return _element(7, "docProponent", _name(name),
                    f' refersTo="#{_attribute(delegation_eid(code))}"{attribute}')


def akoma_ntoso(draft: AknDraft) -> bytes:
    """The draft's Akoma Ntoso document as a UTF-8 XML file."""
    return _Writer(draft).statement()
