"""The language of the API's answers: its refusals' messages and what the record's entries
say (``text``); what people typed stays as typed, and the record's English stays beside.

A client that names a language it wants (``Accept-Language``) gets it when it is one of the
four; otherwise the token's owner reads the API as they read the pages, in their account's
language; otherwise English. The session's cookie is never read here (web.api.blueprint).
"""

from __future__ import annotations

from flask import g, request
from flask_babel import refresh

from negotiation.models import Account
from negotiation.text.languages import DEFAULT_LANGUAGE, LANGUAGES, best_language, known_language


def _asked() -> str | None:
    """The best of the languages the request asks for, if it asks for one of the four."""
    accepted = [(code, quality) for code, quality in request.accept_languages if quality > 0]
    if not any(code.split("-", 1)[0].lower() in LANGUAGES for code, _ in accepted):
        return None
    return best_language(accepted)


def answer_in_language_of(owner: Account | None) -> None:
    """Answer this request in the language it asks for, else in ``owner``'s, else English."""
    language = _asked()
    if language is None and owner is not None and owner.language in LANGUAGES:
        language = known_language(owner.language)
    g.language = language or DEFAULT_LANGUAGE
    refresh()  # a message translated before this hook is not kept in another language
