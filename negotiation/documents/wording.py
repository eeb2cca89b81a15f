"""The documents' own words in the reader's language: dates, names of languages, the
headings of the procedure's groups, how proposers are named.

A document is written in one of the four languages (its ``Header.language``); everything the
app writes in it (headings, legends, labels, the "Original:" line, dates) is in that language,
while what people typed (paragraphs, comments, titles) stays as they wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup, escape

from negotiation.documents.sponsors import Piece, Sponsors, sponsor_pieces
from negotiation.enums import AmendmentKind, ParagraphState
from negotiation.text import languages
from negotiation.text.languages import N_, gettext_in, known_language, translate
from rules.caps import CapReport

if TYPE_CHECKING:
    from negotiation.documents.tabled import ProposalView

#: The headings of the procedure's groups, as the documents print them (keyed as
#: :data:`negotiation.draft.circulation.GROUPS`), marked here so they reach the catalogs.
GROUP_TITLES = {
    "proposed": N_("Paragraphs of the draft not yet triaged"),
    "consensus": N_("Paragraphs in consensus in principle"),
    "amended": N_("Paragraphs with proposed modifications"),
    "new": N_("New paragraphs proposed by delegations"),
    "draft": N_("The draft with every proposal in place"),
}

#: The line under a delegation's paragraph naming its sponsors.
PROPOSED_BY = N_("Proposed by %(proposers)s")


def document_date(day: date, language: str) -> str:
    """A date as printed on OAS documents in ``language``: "22 April 2024", "22 de abril de
    2024", "22 avril 2024" (months in lower case, as those languages write them)."""
    language = known_language(language)
    # Babel's long English form is American ("April 22, 2024"); OAS documents put the day first.
    pattern = "d MMMM y" if language == "en" else "long"
    return format_date(day, pattern, locale=language)


def language_name(code: str, language: str) -> str:
    """The language ``code`` named in ``language``, as an "Original:" line names it:
    "Spanish", "español", "espagnol", "espanhol"; an unknown code as it is."""
    names = Locale.parse(known_language(language)).languages
    return str(names.get(code, code)) if code else code


def cap_summary(counts: list[tuple[str, int, int | None]], language: str) -> str:
    """A section's counts against its caps, "preambular 2/3, operative 4/5", in ``language``
    (``counts`` as :meth:`rules.caps.CapReport.counts` gives them)."""
    parts = []
    for what, count, cap in counts:
        if cap is None:
            parts.append(translate(_UNCAPPED[what], language, count=count))
        else:
            parts.append(translate(_CAPPED[what], language, count=count, cap=cap))
    return ", ".join(parts)


def cap_breaches(report: CapReport, language: str) -> list[str]:
    """Each cap a section goes over, in ``language``: the breaches
    :func:`rules.caps.check_section` found, one sentence each."""
    gettext = gettext_in(language)
    return [breach.translated(gettext, language) for breach in report.breaches]


def older_base_note(proposal: ProposalView, language: str) -> str:
    """What the printed documents say under an open proposal written on an older version of
    its paragraph ("" for any other): only an open proposal waits on the current text; a
    decided one was read on its own."""
    if not (proposal.written_on_older_version and proposal.is_open):
        return ""
    note = translate(N_("Written on version %(number)s of the paragraph, which has changed "
                        "since; shown against its own base."), language,
                     number=proposal.base_version_number)
    if proposal.conflicts_with_current:
        note += " " + translate(
            N_("It could not be re-applied to the current text (conflict)."), language)
    return note


_CAPPED = {
    "preambular": N_("preambular %(count)s/%(cap)s"),
    "operative": N_("operative %(count)s/%(cap)s"),
    "paragraphs": N_("paragraphs %(count)s/%(cap)s"),
}
_UNCAPPED = {
    "preambular": N_("preambular %(count)s"),
    "operative": N_("operative %(count)s"),
    "paragraphs": N_("paragraphs %(count)s"),
}


class Words:
    """The words a comparison text repeats on every paragraph and proposal, in one language,
    translated once per process rather than once per line (at a big committee's size, a
    translation per line doubled the time the HTML text takes)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.states = {state: translate(state.label, language) for state in ParagraphState}
        self.kinds = {kind: translate(kind.label, language) for kind in AmendmentKind}
        self.late = translate(N_("(accepted late)"), language)
        self.deletion_asked = translate(N_("Requests the deletion of the paragraph."), language)
        self.supported = translate(N_("Supports the paragraph as drafted."), language)
        self._proposal = translate(N_("Proposal %(number)s:"), language, number="\x00")
        self._fates: dict[str, str] = {}
        self._comment = translate(N_("Comment: %(comment)s"), language, comment="\x00")
        self._proposed_by = translate(PROPOSED_BY, language, proposers="\x00")
        # Each set of sponsors written once: the same states sponsor proposal after
        # proposal, and each is written as its sentence asks (its article, in French and
        # Portuguese).
        self._sponsors: dict[tuple[str, tuple[str, ...]], list[Piece]] = {}
        self._sponsors_html: dict[tuple[str, tuple[str, ...]], Markup] = {}
        self._proposed: dict[tuple[str, tuple[str, ...]], str] = {}

    def comment(self, comment: str) -> str:
        """"Comment: ..." before a delegation's comment."""
        return self._comment.replace("\x00", comment)

    def proposed_by(self, proposers: str) -> str:
        """"Proposed by Peru, joined by Mexico" ("Proposé par le Pérou, conjointement avec
        le Mexique"): the sponsors of a delegation's paragraph (:class:`Sponsors`; any
        other name as it is)."""
        if not isinstance(proposers, Sponsors):
            return self._proposed_by.replace("\x00", proposers)
        key = (proposers.first, proposers.joined)
        found = self._proposed.get(key)
        if found is None:
            found = self._proposed[key] = "".join(text for text, _ in sponsor_pieces(
                proposers.first, proposers.joined, self.language, PROPOSED_BY))
        return found

    def sponsors(self, delegation: str, supporters: Sequence[str]) -> list[Piece]:
        """A proposal's sponsors after its number ("Proposal 3: Mexico, joined by Canada
        and Chile"), as pieces, each name apart (:func:`sponsor_pieces`)."""
        key = (delegation, tuple(supporters))
        found = self._sponsors.get(key)
        if found is None:
            found = self._sponsors[key] = sponsor_pieces(delegation, supporters, self.language,
                                                         label=True)
        return found

    def proposal_html(self, proposal: ProposalView) -> Markup:
        """The line that opens a proposal in the HTML text: "Proposal 1: Mexico, joined by
        Canada — Proposed modification (accepted late) [Accepted]", marked up; made in one
        call, as the template's calls into Python cost more than the line itself."""
        line = _PROPOSAL_LINE % (self.proposal(proposal.number),
                                 self.proposers_html(proposal.delegation, proposal.supporters),
                                 self.kinds[proposal.kind])
        if proposal.late:
            line += _LATE % self.late
        if proposal.fate_label:
            line += _FATE % self.fate(proposal)
        return line

    def proposers_html(self, delegation: str, supporters: Sequence[str]) -> Markup:
        """"Mexico, joined by Canada and Chile", each name in its own span (HTML)."""
        key = (delegation, tuple(supporters))
        found = self._sponsors_html.get(key)
        if found is None:
            # Our words made safe, the names (people's text) escaped into their spans.
            found = self._sponsors_html[key] = Markup("").join(
                _DELEGATION % text if name else escape(text)
                for text, name in self.sponsors(delegation, supporters))
        return found

    def proposal(self, number: int) -> str:
        """"Proposal 23:", as the line of each proposal opens."""
        return self._proposal.replace("\x00", str(number))

    def fate(self, proposal: ProposalView) -> str:
        """What became of a proposal, in the language ("" while it is open)."""
        label = proposal.fate_label
        if label not in self._fates:
            self._fates[label] = translate(label, self.language) if label else ""
        return self._fates[label]


_DELEGATION = Markup('<span class="delegation">%s</span>')
_PROPOSAL_LINE = Markup('<span class="number">%s</span> %s          — <span class="kind">%s</span>')
_LATE = Markup(' <span class="flag">%s</span>')
_FATE = Markup(' <span class="fate">[%s]</span>')


def words_in(language: str) -> Words:
    """The repeated words of the documents in ``language``, made once per language and
    catalog (the one the process reads now)."""
    language = known_language(language)
    return _words(language, languages.translations(language))


@cache
def _words(language: str, _catalog: object) -> Words:
    return Words(language)
