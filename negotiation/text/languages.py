"""The four working languages of the OAS and the catalogs of the app's own wording in each.

The catalogs (``negotiation/translations/<language>/LC_MESSAGES/messages.po``) serve the web
pages through Flask-Babel and, without Flask, everything the domain writes for a reader who
is not at a page: e-mails, calendar texts, documents. They are read from the ``.po`` files
and compiled in memory once per process, so there is no build step to forget.
"""

from __future__ import annotations

import gettext as gettext_module
import io
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from negotiation.filling import filled

# Each language named in itself: that is how a reader finds their own in a list.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "pt": "Português",
}
DEFAULT_LANGUAGE = "en"
CATALOGS = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is written; it is translated where shown."""
    return message


def known_language(code: str | None) -> str:
    """``code`` if it is one of the four languages (``es-AR`` counts as ``es``), else English."""
    if code:
        base = code.replace("_", "-").split("-", 1)[0].lower()
        if base in LANGUAGES:
            return base
    return DEFAULT_LANGUAGE


def best_language(accepted: Iterable[tuple[str, float]]) -> str:
    """The first of the reader's accepted languages (best quality first) that we speak."""
    for code, quality in sorted(accepted, key=lambda pair: -pair[1]):
        if quality > 0 and known_language(code) != DEFAULT_LANGUAGE:
            return known_language(code)
        if quality > 0 and code.split("-", 1)[0].lower() == DEFAULT_LANGUAGE:
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    """The app's wording in ``language``: English (the messages' own words) reads none."""
    language = known_language(language)
    path = CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    # A fuzzy entry is a guess the translators have not confirmed: the English is shown.
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext_in(language: str) -> Callable[[str], str]:
    """``gettext`` for ``language``, for what the domain writes outside a request."""
    return translations(language).gettext


def translate(message: str, language: str, **params: object) -> str:
    """``message`` in ``language``, its ``%(name)s`` parameters filled in (a member state's
    name with its article where French or Portuguese put one: ``negotiation.filling``)."""
    text = translations(language).gettext(message)
    return filled(text, params, language) if params else text
