"""The documents' own words in the reader's language: dates, names of languages, the
headings of the procedure's groups, how proposers are named.

A document is written in one of the four languages (its ``Header.language``); everything the
app writes in it (headings, legends, labels, the "Original:" line, dates) is in that language,
while what people typed (paragraphs, comments, titles) stays as they wrote it.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date

from negotiation.text.languages import N_, known_language, translate

#: The headings of the procedure's groups, as the documents print them (keyed as
#: :data:`negotiation.draft.circulation.GROUPS`), marked here so they reach the catalogs.
GROUP_TITLES = {
    "proposed": N_("Paragraphs of the draft not yet triaged"),
    "consensus": N_("Paragraphs in consensus in principle"),
    "amended": N_("Paragraphs with proposed modifications"),
    "new": N_("New paragraphs proposed by delegations"),
    "draft": N_("The draft with every proposal in place"),
}

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


def joined_names(first: str, joined: list[str], language: str = "en") -> str:
    """"Mexico, joined by Canada and Chile", in ``language``."""
    if not joined:
        return first
    if len(joined) == 1:
        names = joined[0]
    else:
        names = translate(N_("%(names)s and %(last)s"), language,
                          names=", ".join(joined[:-1]), last=joined[-1])
    return translate(N_("%(first)s, joined by %(names)s"), language, first=first, names=names)


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
