"""The domain's words on pages in the reader's language: member states' names, lists of
delegations in the order of that language's alphabet (negotiation.text.delegations), and
what the notices and the record of a negotiation say (negotiation.notices.wording,
negotiation.record.wording)::

    {{ delegation | delegation_name }}             México, Mexique, Mexico
    {{ _("Reply to %(delegation)s", delegation=d | delegation_name) }}   Réponse au Mexique
    {{ _("…by %(delegations)s", delegations=ds | delegation_names) }}  par le Canada, le Mexique
    {% for d in delegations | by_name %}           Ecuador, El Salvador, Estados Unidos...
    {{ notice | notice_title }}                    Fecha modificada: ...
    {{ entry | record_line }}                      Propuesta 3 de México aceptada
    {{ entry | record_reason }}                    Solicitud de supresión de México aceptada
    {{ report | cap_summary }}                     preambulares 2/3, resolutivos 3/3
    {{ breach | in_words }}                        a cap's breach, a Term, a refusal's Moment

A delegation's ``name`` stays its English name (the record, CSV exports, the API)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Flask

from negotiation.models import Notice, RecordEntry
from negotiation.notices.wording import notice_in
from negotiation.record.wording import entry_in, reason_in
from negotiation.text.delegations import D, Named, Names, StateName, by_name, state_name
from negotiation.text.footnotes import Footnote, notes_of, pieces
from rules.caps import CapReport
from web.words.languages import current_language, gettext_now
from web.words.timefmt import page_language


def name_on_page(delegation: Named | None) -> StateName | str:
    """The delegation's name in the page's language ("" for none): written as it is, and
    with its article where a French or Portuguese message puts it ("au Mexique")."""
    return state_name(delegation, page_language()) if delegation is not None else ""


def names_on_page(states: Iterable[Named | StateName]) -> Names:
    """Member states listed in a message ("joined by Canada, Mexico"), delegations or their
    names as :class:`StateName`: in the page's language and its alphabetical order, each
    with its article where a French or Portuguese message puts one ("par le Canada, le
    Mexique")."""
    return Names.of((state.names if isinstance(state, StateName) else state_name(state).names
                     for state in states), page_language())


def sorted_on_page(delegations: Iterable[D]) -> list[D]:
    """The delegations in the alphabetical order of their names in the page's language."""
    return by_name(delegations, page_language())


def in_words(value: object) -> str:
    """What the domain or the rules phrased (a cap's breach, a ``Term``: anything with
    ``translated``) in the page's language; anything else (a name, a number) as it is."""
    translated = getattr(value, "translated", None)
    return translated(gettext_now, current_language()) if translated else str(value)


def cap_summary(report: CapReport) -> str:
    """A section's counts against its caps in the page's language ("preambular 2/3, ...")."""
    return ", ".join(in_words(part) for part in report.summary_parts())


def notice_title(notice: Notice) -> str:
    """What a notice's title says, in the page's language."""
    return notice_in(notice, page_language())[0]


def notice_body(notice: Notice) -> str:
    """What a notice's body says, in the page's language."""
    return notice_in(notice, page_language())[1]


def record_line(entry: RecordEntry) -> str:
    """What a record entry says, in the page's language."""
    return entry_in(entry, page_language())


def record_reason(entry: RecordEntry) -> str:
    """A record entry's reason: the app's own in the page's language, a person's as typed."""
    return reason_in(entry, page_language())


def footnote_marks(text: str, notes: Sequence[Footnote], first: int = 1
                   ) -> list[tuple[str, int | None]]:
    """A paragraph's text cut at its footnote markers, for the pages: ``(words, None)`` and
    ``("", the note's number)``, numbered from ``first`` (1 under the paragraph; the import
    preview numbers them through the draft, as its list of notes does)."""
    out, number = [], first - 1
    for words, note in pieces(text, notes):
        if note is None:
            out.append((words, None))
        else:
            number += 1
            out.append(("", number))
    return out


def init_app(app: Flask) -> None:
    app.add_template_global(footnote_marks, "footnote_marks")
    app.add_template_global(notes_of, "notes_of")
    app.add_template_filter(name_on_page, "delegation_name")
    app.add_template_global(name_on_page, "delegation_name")
    app.add_template_filter(names_on_page, "delegation_names")
    app.add_template_filter(sorted_on_page, "by_name")
    app.add_template_filter(in_words, "in_words")
    app.add_template_filter(cap_summary, "cap_summary")
    app.add_template_filter(notice_title, "notice_title")
    app.add_template_filter(notice_body, "notice_body")
    app.add_template_filter(record_line, "record_line")
    app.add_template_filter(record_reason, "record_reason")
