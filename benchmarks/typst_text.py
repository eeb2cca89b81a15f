"""The consolidated comparison text as Typst source, for measuring Typst (through its PyPI
binding, ``typst``) as a way to make the PDF straight from the text's own parts, against
LibreOffice converting the Word file.

It lays the text out as the Word file does: US letter, Times (or the serif that stands for
it), the header table and centred title, headings for the groups and sections, each
paragraph's label in bold before a hanging indent, each proposal under it with its
proposers, its insertions bold, underlined and blue, its deletions struck through and red,
the notes as real footnotes at the foot of the page, numbered through the document, and
page numbers at the foot. Everything people typed goes in as a Typst string (``#"..."``),
so no character of theirs is read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from negotiation.documents.parts import ComparisonText, ParagraphView
from negotiation.documents.printable import printable
from negotiation.documents.tabled import ProposalView
from negotiation.documents.wording import Words, older_base_note
from negotiation.enums import AmendmentKind, ParagraphState
from negotiation.text.diffs import DELETE, INSERT, Change
from negotiation.text.footnotes import Footnote, pieces
from negotiation.text.languages import N_, translate

ROMAN = ("", "I", "II", "III", "IV", "V")

# The page, the fonts and the few styles the body calls by name, as the Word frame sets
# them (frame.py): letter, 2.5 cm margins, 12 pt Times New Roman, headings 13 and 12 pt.
PREAMBLE = """\
#set document(title: %(title)s)
#set page(paper: "us-letter", margin: 2.5cm,
  footer: context align(center, text(size: 10pt, counter(page).display())))
#set text(font: ("Times New Roman", "Liberation Serif", "DejaVu Serif"), size: 12pt,
  lang: %(lang)s)
#set par(spacing: 0.45em, leading: 0.6em)
#show heading: set text(size: 12pt)
#show heading.where(level: 1): set text(size: 13pt)
#show heading: set block(above: 1.2em, below: 0.7em)
#set footnote.entry(separator: line(length: 30%%, stroke: 0.5pt))
#show footnote.entry: set text(size: 9pt)
#let ins(s) = text(fill: rgb("#0b3d91"), underline(strong(s)))
#let del(s) = text(fill: rgb("#9b1c1c"), strike(s))
#let flag(s) = text(fill: rgb("#9b1c1c"), emph(s))
#let labelled(indent, label, body) = block(above: 1.1em, below: 0.7em,
  pad(left: indent - 1.5cm, par(hanging-indent: 1.5cm, box(width: 1.5cm, strong(label)) + body)))
#let under(indent, body) = block(above: 0.6em, pad(left: indent, body))
"""
TEXT_INDENT = "1.5cm"
SUBPARAGRAPH_INDENT = "3cm"


def string(text: str) -> str:
    """``text`` as a Typst string literal (made printable)."""
    text = printable(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def plain(text: str) -> str:
    """``text`` as it stands, in the markup (an embedded string: never read as markup)."""
    return f"#{string(text)}" if text else ""


_CHANGE = {INSERT: "#ins({})", DELETE: "#del({})"}


def changes(items: Sequence[Change]) -> str:
    """Tracked changes: insertions and deletions marked, the rest as it stands."""
    return "".join(_CHANGE.get(op, "#{}").format(string(text)) for op, text in items if text)


def footnote(note: Footnote) -> str:
    return f"#footnote({string(note.text)})"


def noted(text: str, notes: Sequence[Footnote]) -> str:
    """A paragraph's text with a footnote at each marker."""
    if not notes:
        return plain(text)
    return "".join(plain(words) if note is None else footnote(note)
                   for words, note in pieces(text, notes))


_SLOT = "\x00{}\x00"
_SLOTS = re.compile("\x00([a-z]+)\x00")


def sentence(message: str, language: str, style: str, **params: str) -> str:
    """A sentence of the document's wording, translated whole, its own words in ``style``
    (a Typst function's name, or "" for none) and its parameters' markup in place."""
    text = translate(message, language, **{name: _SLOT.format(name) for name in params})
    out = []
    for index, piece in enumerate(_SLOTS.split(text)):
        if not piece:
            continue
        if index % 2:
            out.append(params[piece])
        else:
            out.append(f"#{style}({string(piece)})" if style else plain(piece))
    return "".join(out)


def _header(text: ComparisonText) -> list[str]:
    header = text.header
    left = "#linebreak()".join(f"#strong({string(line.upper())})"
                               for line in (header.council, header.committee_name) if line)
    right = "#linebreak()".join(plain(line) for line in (
        *header.lines_above, header.symbol, header.date, header.original))
    draft = translate(N_("Draft resolution"), header.language).upper()
    out = [f"#grid(columns: (1fr, auto), column-gutter: 2em, [{left}], [{right}])",
           "#v(1em)",
           f"#align(center)[#strong({string(header.document.upper())})#linebreak()"
           f"{plain(draft)}#linebreak()#strong({string(header.title.upper())})]"]
    for line in (header.scope, header.standing):
        if line:
            out.append(f"#align(center, emph({string(line)}))")
    legend_ins = f"#ins({string(translate(N_('bold and underlined'), header.language))})"
    legend_del = f"#del({string(translate(N_('struck through'), header.language))})"
    out.append(sentence(N_("Proposed insertions are shown %(inserted)s, deletions "
                           "%(deleted)s."), header.language, "emph",
                        inserted=legend_ins, deleted=legend_del))
    return out


def _names(names: list[str], language: str) -> str:
    marked = [f"#strong({string(name)})" for name in names]
    if len(marked) == 1:
        return marked[0]
    return sentence(N_("%(names)s and %(last)s"), language, "",
                    names=plain(", ").join(marked[:-1]), last=marked[-1])


def _proposal(proposal: ProposalView, words: Words, indent: str) -> str:
    language = words.language
    delegation = f"#strong({string(proposal.delegation)})"
    who = (sentence(N_("%(first)s, joined by %(names)s"), language, "", first=delegation,
                    names=_names(proposal.supporters, language))
           if proposal.supporters else delegation)
    kind = f" — {words.kinds[proposal.kind]}" + (f" {words.late}" if proposal.late else "")
    if proposal.fate_label:
        kind += f" [{words.fate(proposal)}]"
    lines = [plain(words.proposal(proposal.number) + " ") + who + f"#emph({string(kind)})"]
    if proposal.set_aside_reason:
        reason = translate(N_("Reason: %(reason)s"), language,
                           reason=proposal.set_aside_reason)
        lines.append(f"#emph({string(reason)})")
    if note := older_base_note(proposal, language):
        lines.append(f"#flag({string(note)})")
    if proposal.kind is AmendmentKind.MODIFY:
        lines.append(changes(proposal.changes))
    elif proposal.kind is AmendmentKind.DELETE:
        lines.append(f"#strong({string(words.deletion_asked)})")
    elif proposal.kind is AmendmentKind.SUPPORT:
        lines.append(plain(words.supported))
    if proposal.comment:
        lines.append(f"#emph({string(words.comment(proposal.comment))})")
    return f"#under({indent})[{'#parbreak()'.join(line for line in lines if line)}]"


def _paragraph(view: ParagraphView, words: Words) -> list[str]:
    indent = SUBPARAGRAPH_INDENT if view.is_subparagraph else TEXT_INDENT
    new = next((p for p in view.proposals if p.kind is AmendmentKind.NEW), None)
    if view.state is ParagraphState.NEW and new is not None:
        shown = changes(new.changes) + "".join(footnote(n) for n in view.all_notes)
    else:
        shown = noted(view.text, view.all_notes)
    state = f"#emph({string(f'[{words.states[view.state]}] ')})"
    out = [f"#labelled({indent}, {string(view.label)})[{state}{shown}]"]
    if view.proposed_by:
        out.append(f"#under({indent}, emph({string(words.proposed_by(view.proposed_by))}))")
    out.extend(_proposal(proposal, words, indent) for proposal in view.proposals)
    return out


def comparison_typst(text: ComparisonText) -> str:
    """The whole comparison text as one Typst source."""
    language = text.header.language
    words = text.words
    out = [PREAMBLE % {"title": string(f"{text.header.document}: {text.header.title}"),
                       "lang": string(language)}]
    out.extend(_header(text))
    for number, group in enumerate(text.groups, start=1):
        title = translate(N_("%(number)s. %(title)s"), language, number=ROMAN[number],
                          title=group.title)
        out.append(f"#heading(level: 1, {string(title)})")
        if not group.sections:
            out.append(plain(translate(N_("None."), language)))
        for section in group.sections:
            title = section.title + (f" ({section.cap_summary})" if section.cap_summary else "")
            out.append(f"#heading(level: 2, {string(title)})")
            for breach in section.breaches:
                over = translate(N_("Over the cap: %(breach)s"), language, breach=breach)
                out.append(f"#emph({string(over)})")
            for view in section.paragraphs:
                out.extend(_paragraph(view, words))
    return "\n\n".join(out) + "\n"
