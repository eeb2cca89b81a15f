"""The proposals on the table as Akoma Ntoso amendments: each one's metadata, proponents,
heading and tracked changes, written from parts made once per file or per paragraph (a big
committee's file holds thousands of them: whatever is formatted per amendment is paid
thousands of times)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from negotiation.documents.akn.markup import (
    PAD,
    WORK,
    as_is,
    element,
    escaped,
    escaped_attribute,
    escaped_name,
    identification,
)
from negotiation.documents.akn.statement import (
    COUNTRY,
    DOCUMENT_NAME,
    LANGUAGE_CODES,
    AknDraft,
    delegation_eid,
    symbol_slug,
)
from negotiation.enums import AmendmentKind, ParagraphKind
from negotiation.text.diffs import DELETE, EQUAL, INSERT


def write_amendments(
    write: Callable[[Iterable[bytes]], object],
    draft: AknDraft,
    eids: Mapping[int, str],
    code_of: Mapping[str, str],
    originals: Mapping[int, str],
    language: str,
) -> None:
    """The proposals on the table, as amendments against the paragraphs' eIds, in the file's
    attachments, given to ``write`` (a file's ``writelines``) part by part; ``originals``
    are the texts they change where the file is a translation (the amendments are the
    original's very own), ``language`` the one they are written against."""
    if not draft.proposals:
        return
    work = f"/akn/{COUNTRY}/amendment/{DOCUMENT_NAME}/{draft.work_date.isoformat()}/" \
           f"{symbol_slug(draft.work_symbol)}-proposal-"

    def opening_in(code: str) -> list[bytes]:
        # The expression's IRI ends in "@" (its original version) for a proposal, in the
        # language its delegation wrote it in; a translation's file holds the very
        # amendments of the original's.
        meta = identification(5, WORK, f"{WORK}/{code}@", draft.work_date,
                              draft.issued, code, draft.revision_number)
        return [part.encode() for part in (
            f'{PAD[3]}<attachment eId="att_{WORK}">{PAD[4]}<amendment '
            f'name="proposal" contains="originalVersion">'
            f"{meta.replace(WORK, work + WORK)}{PAD[5]}</meta>{PAD[5]}<preface>"
            f"{PAD[6]}<p>").split(WORK)]

    # An amendment is the same text for every proposal but for a few parts: the text
    # up to its proponents, cut where the proposal's number goes, is made once per
    # language here and joined with each number; the rest comes from tables made once per
    # file or per paragraph. All of them are made as bytes, so the file copies each part
    # once: joined into one text per amendment and encoded, its 3 kB were copied four times.
    openings: dict[str, list[bytes]] = {}
    # A proposal whose language is not known is taken as written against the file's.
    codes = {**LANGUAGE_CODES, "": language}
    authors = _Made(lambda named: _proponent(named[0], named[1], _AUTHOR))
    supporters = _Made(lambda name: _proponent(name, code_of.get(name, name), _SUPPORTER))
    write((f"{PAD[2]}<attachments>".encode(),))
    for row in draft.rows:
        proposals = draft.proposals.get(row.paragraph_id)
        if not proposals:
            continue
        what = "preambular paragraph" if row.kind is ParagraphKind.PREAMBULAR \
            else "paragraph"
        # What follows the proposal's kind in its heading, down to its content.
        on = (f', on <ref href="#{escaped_attribute(eids[row.paragraph_id])}">'
              f'{escaped(f"{what} {row.label}")}</ref></p>{_HEADED}').encode()
        # The text the proposals change: the original's, in a translation's file too.
        text = escaped(originals.get(row.paragraph_id, row.text))
        unchanged = _Made(lambda deleted, text=text: _unchanged(deleted, text))
        for proposal in proposals:
            number = b"%d" % proposal.number
            code = codes.get(proposal.language, language)
            opening = openings.get(code) or openings.setdefault(code, opening_in(code))
            kind = proposal.kind
            proponents = authors[proposal.delegation, proposal.delegation_code]
            if proposal.supporters:
                proponents += b"".join([supporters[name] for name in proposal.supporters])
            changes = proposal.changes
            if kind is _DELETE or not changes:
                content = unchanged[kind is _DELETE]
            else:
                content = _content(changes).encode()
            if proposal.comment:
                write((number.join(opening), proponents, _HEADING, number, _KIND_LABELS[kind],
                       on, content, _JUSTIFIED, escaped(proposal.comment).encode(),
                       _JUSTIFICATION_END))
            else:
                write((number.join(opening), proponents, _HEADING, number, _KIND_LABELS[kind],
                       on, content, _ENDING))
    write((f"{PAD[2]}</attachments>".encode(),))


class _Made(dict[Any, bytes]):
    """Parts of the file made once, when first asked for by their key."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> bytes:
        made = self[key] = self.make(key).encode()
        return made


_AUTHOR = ' as="#author"'
_SUPPORTER = ' class="supporter"'
_DELETE = AmendmentKind.DELETE
# What an amendment holds between its parts, each written once here.
_HEADING = (f"{PAD[6]}</p>{PAD[5]}</preface>{PAD[5]}<amendmentBody>"
            f"{PAD[6]}<amendmentHeading>{PAD[7]}<p>Proposal ").encode()
_HEADED = f"{PAD[6]}</amendmentHeading>{PAD[6]}<amendmentContent>"
_CLOSED = f"{PAD[5]}</amendmentBody>{PAD[4]}</amendment>{PAD[3]}</attachment>"
_ENDING = f"{PAD[6]}</amendmentContent>{_CLOSED}".encode()
_JUSTIFIED = (f"{PAD[6]}</amendmentContent>{PAD[6]}<amendmentJustification>"
              f"{PAD[7]}<p>").encode()
_JUSTIFICATION_END = f"</p>{PAD[6]}</amendmentJustification>{_CLOSED}".encode()
_KIND_LABELS = {kind: f", {escaped(kind.label.lower())}".encode() for kind in AmendmentKind}
_CONTENT_OPEN = f"{PAD[7]}<p>"
_TEXT = itemgetter(1)
# A marked piece of tracked changes on a line of its own, and its closing tag.
_CLOSE = {INSERT: "</ins>", DELETE: "</del>"}
_MARKED_LINE = {INSERT: PAD[8] + "<ins>", DELETE: PAD[8] + "<del>"}


def _unchanged(deleted: bool, text: str) -> str:
    """The content of a proposal with no tracked changes: the paragraph's (escaped) text,
    all of it struck through when the proposal deletes the paragraph."""
    if deleted:
        return f"{PAD[7]}<p>{PAD[8]}<del>{text}</del>{PAD[7]}</p>"
    return f"{PAD[7]}<p>{text}</p>"


def _content(changes: Sequence[tuple[int, str]]) -> str:
    """The proposed text as tracked changes, in the amendment's content paragraph."""
    # Most proposals' words need no escaping: checked once on all of them together.
    if not as_is("".join(map(_TEXT, changes))):
        changes = [(op, escaped(part)) for op, part in changes]
    # Written piece by piece in one pass (a thousand proposals' worth of calls saved).
    parts = [_CONTENT_OPEN]
    kept = False
    for op, part in changes:
        if op == EQUAL:
            parts.append(part)
            kept = True
        elif op == INSERT:
            parts.append(f"<ins>{part}</ins>")
        elif op == DELETE:
            parts.append(f"<del>{part}</del>")
        else:
            raise ValueError(f"not a change: {op!r}")
    if kept:
        parts.append("</p>")
        return "".join(parts)
    # Only marked pieces, no text around them (not even an empty one): each on a line of
    # its own, as lxml's pretty printer puts a paragraph's elements when it holds no text.
    return (_CONTENT_OPEN
            + "".join([f"{_MARKED_LINE[op]}{part}{_CLOSE[op]}" for op, part in changes])
            + f"{PAD[7]}</p>")


@lru_cache(maxsize=4096)
def _proponent(name: str, code: str, attribute: str) -> str:
    return element(7, "docProponent", escaped_name(name),
                    f' refersTo="#{escaped_attribute(delegation_eid(code))}"{attribute}')
