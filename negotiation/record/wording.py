"""What the domain says, kept as words to be written in each reader's language.

An act writes a notice for everyone it concerns and an entry in the record for everyone
who reads it later, before any reader's language is known. So both keep what they say as
*wording*: the English message (the catalogs' msgid, marked with ``N_`` where it is
written) and its parameters, JSON in the row. A parameter is people's own text or a number
(never translated), another wording (a phrase of the app's, translated too), a delegation
(named in the reader's language, with its article where French or Portuguese put one: "du
Mexique"), a list of delegations (named and sorted in the reader's language), a moment
(written as the reader's language writes dates) or a list of these (written one after
another, separated by semicolons)::

    says("Date moved: %(title)s", title=milestone.title)
    says("%(title)s moved from %(before)s to %(after)s.", title=..., before=moment(at, zone))
    says("Proposal %(number)s by %(delegation)s accepted", number=3, delegation=mexico)

``says`` keeps the domain's own markers as wording: a ``Term`` (a state, a kind, a
paragraph's spoken name) as a phrase, a ``Moment`` as a moment written as pages write it,
a delegation (anything with its four names) by its names, ``Names`` by theirs. The rows keep
the English as well (a notice's ``title`` and ``body``, an entry's ``summary`` and the
``reason`` the app gave itself), for the archive, the exports, the search and what reads
them without a language.

The record sits below the notices, so this lives here and the notices use it too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from negotiation.errors import Moment, Term
from negotiation.filling import filled
from negotiation.models import RecordEntry
from negotiation.record.clock import format_moment
from negotiation.text.delegations import Named, Names, StateName, delegation_name
from negotiation.text.languages import DEFAULT_LANGUAGE, LANGUAGES, translate

Wording = dict[str, Any]


def says(message: str, **params: object) -> Wording:
    """``message`` (an English msgid, marked for the catalogs where it is written) with its
    parameters, the domain's markers among them kept as words (see the module)."""
    return {"m": message, "p": {name: kept(value) for name, value in params.items()}}


def kept(value: object) -> object:
    """A parameter as wording keeps it: JSON, and each marker as words to translate."""
    if isinstance(value, Term) or (isinstance(value, str) and hasattr(value, "message")
                                   and hasattr(value, "params")):
        # A Term, or what the rules phrase alike (a cap's breach): its message and its own
        # parameters.
        return phrase(value)  # type: ignore[arg-type]
    if isinstance(value, Moment):
        return {"at": value.at.isoformat(), "zone": getattr(value.zone, "key", str(value.zone)),
                "form": "page"}
    if isinstance(value, Names):
        return {"each": [dict(names) for names in value.names]}
    if isinstance(value, StateName):
        return {"names": dict(value.names)}
    if isinstance(value, list | tuple):
        return [kept(item) for item in value]
    if not isinstance(value, str | int | float | dict) and hasattr(value, "name_en"):
        return delegation(value)  # type: ignore[arg-type]
    return value


def moment(at: datetime, zone: str) -> Wording:
    """A moment, written at headquarters' time as the reader's language writes it, with its
    weekday (as messages give it)."""
    return {"at": at.isoformat(), "zone": zone}


def phrase(term: Term, *, capitalised: bool = False) -> Wording:
    """A phrase of the app's that the domain made (a paragraph's spoken name, as
    ``negotiation.errors.Term``), kept as wording; ``capitalised`` where it opens a title
    ("Operative paragraph 4 approved")."""
    params = {name: kept(value) for name, value in term.params.items()}
    wording: Wording = {"m": term.message, "p": params}
    # Only a Term has ``lower`` as a flag; on any other str it is the method.
    if isinstance(term, Term) and term.lower:
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
    # Filled in here, not by ``translate``: a message may have a parameter named "language".
    text = translate(wording["m"], language)
    if params:
        # A member state's name takes its article where French or Portuguese put one.
        text = filled(text, params, language)
    if wording.get("lower"):
        text = text.lower()
    return text[:1].upper() + text[1:] if wording.get("capitalised") else text


def written_in_english(words: str | Wording) -> str:
    """People's own text as typed, or the app's wording in English (for the record)."""
    return words if isinstance(words, str) else written(words, DEFAULT_LANGUAGE)


def joined(items: list[object], by: str = ", ") -> Wording:
    """Several parameters written one after another, ``by`` between them (a sign, no word:
    no message of the catalogs)."""
    return {"joined": [kept(item) for item in items], "by": by}


def entry_in(entry: RecordEntry, language: str) -> str:
    """What a record entry says, in ``language`` (an entry written before the record kept
    its words is in English, as it was written)."""
    return written(entry.words, language) if entry.words else entry.summary


def reason_in(entry: RecordEntry, language: str) -> str:
    """An entry's reason in ``language`` when the app gave it (a request to delete accepted);
    a person's reason as they typed it."""
    return written(entry.reason_words, language) if entry.reason_words else entry.reason


class Said(str):
    """What an entry or a notice says, quoted in a refusal ("the record already holds an act
    of ... (Proposal 3 by Mexico accepted)"): the English as a ``str``, written again in the
    reader's language where the refusal is shown (``NegotiationError.translated``)."""

    wording: Wording | None

    def __new__(cls, english: str, wording: Wording | None) -> Said:
        said = super().__new__(cls, english)
        said.wording = wording
        return said

    def translated(self, gettext: object = None, language: str = DEFAULT_LANGUAGE) -> str:
        return written(self.wording, language) if self.wording else str(self)


def _value(value: object, language: str) -> object:
    if isinstance(value, list):
        # A list of phrases (what changed in an agenda): each written, one after another.
        return "; ".join(str(_value(item, language)) for item in value)
    if not isinstance(value, dict):
        return value
    if "m" in value:
        return written(value, language)
    if "names" in value:
        return StateName(value["names"], language)
    if "joined" in value:
        return value["by"].join(str(_value(item, language)) for item in value["joined"])
    if "each" in value:
        # Member states quoted together, in the order of the reader's alphabet.
        return Names.of(value["each"], language)
    at = datetime.fromisoformat(value["at"])
    if value.get("form") == "page":
        return format_moment(at, value["zone"], language)
    return headquarters_time(at, value["zone"], language)


def headquarters_time(at: datetime, zone: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A moment with its weekday, as messages give it: "Monday 22 April 2024, 18:00
    (America/New_York)", "lunes, 22 de abril de 2024, 18:00 (America/New_York)"."""
    local = at.astimezone(ZoneInfo(zone))
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return f"{local:%A %d %B %Y, %H:%M} ({zone})"
    return f"{format_date(local, 'full', locale=language)}, {local:%H:%M} ({zone})"
