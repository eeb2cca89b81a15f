"""What a comparison text is made of: its head, its groups, their sections and paragraphs
with the proposals on them, plain data that the HTML, Word and PDF renderers all read
(built by :mod:`negotiation.documents.comparison`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from negotiation.documents.tabled import ProposalView
from negotiation.documents.wording import Words, words_in
from negotiation.enums import ParagraphKind, ParagraphState
from negotiation.models.negotiation import DEFAULT_HEADER_LINES
from negotiation.text.footnotes import Footnote, pieces
from negotiation.text.languages import N_, translate


@dataclass(frozen=True)
class Header:
    """The head of a document as circulated, its words (but the names people typed) in the
    document's ``language``."""

    council: str
    committee_name: str
    symbol: str
    date: str
    #: The language the draft was written in, named in the document's language.
    original_language: str
    title: str
    document: str
    scope: str = ""
    #: What the text is and when it stands: a revision's proposals up to its circulation,
    #: or the draft as it stands today.
    standing: str = ""
    #: The language the document is written in: "en", "es", "fr" or "pt".
    language: str = "en"
    #: The negotiation's lines printed at the top right above the symbol ("OEA/Ser.G"),
    #: one per line (a string, as every field: the header is a cache key, printable field
    #: by field).
    header_lines: str = DEFAULT_HEADER_LINES

    @property
    def lines_above(self) -> list[str]:
        """The header lines, above the symbol, date and "Original:" line."""
        return [line for line in self.header_lines.splitlines() if line.strip()]

    @property
    def original(self) -> str:
        return translate(N_("Original: %(original)s"), self.language,
                         original=self.original_language)


@dataclass
class ParagraphView:
    """A paragraph of the draft as it stands, with the proposals on it."""

    id: int
    label: str
    kind: ParagraphKind
    state: ParagraphState
    text: str
    version_number: int
    proposer: str
    proposals: list[ProposalView] = field(default_factory=list)
    #: A delegation's paragraph: "Peru, joined by Mexico" (a ``Sponsors``), kept once it is
    #: approved.
    proposed_by: str = ""
    #: The text's footnotes, and the national footnotes accepted on it (each worded with
    #: the state's name, in the document's language).
    notes: tuple[Footnote, ...] = ()
    national: tuple[str, ...] = ()
    #: The number of its first note: the documents number the notes through the text.
    first_note: int = 1

    @property
    def all_notes(self) -> tuple[Footnote, ...]:
        """Every note printed with the paragraph: its own, then the national footnotes
        (their markers at the end of the text)."""
        return self.notes + tuple(Footnote(len(self.text), n) for n in self.national)

    def marked(self) -> list[tuple[str, int | None]]:
        """The text cut at its markers, for the HTML: ``(words, None)`` and ``("", the
        note's number in the document)``."""
        out: list[tuple[str, int | None]] = []
        number = self.first_note
        for words, note in pieces(self.text, self.all_notes):
            if note is None:
                out.append((words, None))
            else:
                out.append(("", number))
                number += 1
        return out

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def is_subparagraph(self) -> bool:
        return self.kind is ParagraphKind.SUBPARAGRAPH


@dataclass
class SectionBlock:
    """The paragraphs of one section within one group, with the section's cap count."""

    code: str
    title: str
    cap_summary: str
    breaches: list[str]
    paragraphs: list[ParagraphView]


@dataclass
class GroupBlock:
    """One of the procedure's three groups."""

    key: str
    title: str
    sections: list[SectionBlock]


@dataclass
class ComparisonText:
    """The consolidated comparison text, for the whole draft, a section or a delegation."""

    header: Header
    groups: list[GroupBlock]

    def paragraphs(self) -> list[ParagraphView]:
        return [p for g in self.groups for s in g.sections for p in s.paragraphs]

    @property
    def words(self) -> Words:
        """The words repeated on every paragraph and proposal, in the text's language."""
        return words_in(self.header.language)
