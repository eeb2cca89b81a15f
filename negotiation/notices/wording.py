"""What a notice says, kept as words to be written in each reader's language.

An act writes one notice for everyone it concerns, before anyone's language is known; the
sender writes one message per person later. So the notice keeps its title and body as
*wording*: the English message (the catalogs' msgid) and its parameters, JSON in the
notice's row. A parameter is people's own text or a number (never translated), another
wording (a phrase of the app's, translated too), a delegation (named in the reader's
language), a moment (written as the reader's language writes dates) or a list of these
(written one after another, separated by semicolons)::

    says("Date moved: %(title)s", title=milestone.title)
    says("%(title)s moved from %(before)s to %(after)s.", title=..., before=moment(at, zone))

The notice's ``title`` and ``body`` columns keep the English as well, for the record and
for what reads them without a language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from negotiation.errors import Term
from negotiation.models import Notice
from negotiation.text.delegations import Named, delegation_name
from negotiation.text.languages import DEFAULT_LANGUAGE, LANGUAGES, translate

Wording = dict[str, Any]


def says(message: str, **params: object) -> Wording:
    """``message`` (an English msgid, marked for the catalogs where it is written) with its
    parameters."""
    return {"m": message, "p": params}


def moment(at: datetime, zone: str) -> Wording:
    """A moment, written at headquarters' time as the reader's language writes it."""
    return {"at": at.isoformat(), "zone": zone}


def phrase(term: Term, *, capitalised: bool = False) -> Wording:
    """A phrase of the app's that the domain made (a paragraph's spoken name, as
    ``negotiation.errors.Term``), kept as wording; ``capitalised`` where it opens a title
    ("Operative paragraph 4 approved")."""
    params = {name: phrase(value) if isinstance(value, Term) else value
              for name, value in term.params.items()}
    wording: Wording = {"m": term.message, "p": params}
    if term.lower:
        wording["lower"] = True
    if capitalised:
        wording["capitalised"] = True
    return wording


def delegation(named: Named) -> Wording:
    """A member state, named in the reader's language."""
    return {"names": {language: delegation_name(named, language) for language in LANGUAGES}}


def written(wording: Wording, language: str) -> str:
    """The wording in ``language`` (English for a language the app does not speak)."""
    params = {name: _value(value, language) for name, value in wording["p"].items()}
    text = translate(wording["m"], language, **params) if params else translate(
        wording["m"], language)
    if wording.get("lower"):
        text = text.lower()
    return text[:1].upper() + text[1:] if wording.get("capitalised") else text


def written_in_english(words: str | Wording) -> str:
    """People's own text as typed, or the app's wording in English (for the record)."""
    return words if isinstance(words, str) else written(words, DEFAULT_LANGUAGE)


def notice_in(notice: Notice, language: str) -> tuple[str, str]:
    """The notice's title and body in ``language`` (a notice written before notices kept
    their wording is in English)."""
    if not notice.wording:
        return notice.title, notice.body
    return (written(notice.wording["title"], language),
            written(notice.wording["body"], language))


def _value(value: object, language: str) -> object:
    if isinstance(value, list):
        # A list of phrases (what changed in an agenda): each written, one after another.
        return "; ".join(str(_value(item, language)) for item in value)
    if not isinstance(value, dict):
        return value
    if "m" in value:
        return written(value, language)
    if "names" in value:
        names = value["names"]
        return names.get(language) or names[DEFAULT_LANGUAGE]
    return headquarters_time(datetime.fromisoformat(value["at"]), value["zone"], language)


def headquarters_time(at: datetime, zone: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A moment with its weekday, as messages give it: "Monday 22 April 2024, 18:00
    (America/New_York)", "lunes, 22 de abril de 2024, 18:00 (America/New_York)"."""
    local = at.astimezone(ZoneInfo(zone))
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return f"{local:%A %d %B %Y, %H:%M} ({zone})"
    return f"{format_date(local, 'full', locale=language)}, {local:%H:%M} ({zone})"
