"""The reader's language on every page: Flask-Babel over the domain's catalogs.

The language is the account's choice, else the one chosen on this browser before signing in,
else the best of the browser's Accept-Language, else English. Pages say so in ``Vary``.

Messages are filled in as the domain fills its own (``negotiation.filling``), in templates
(``_()``, ``{% trans %}``) and in views (``gettext``) alike: a member state's name passed
as such (the ``delegation_name`` filter, ``name_on_page``) takes its article where French or
Portuguese put one ("Réponse au Mexique", "Resposta aos Estados Unidos").
"""

from __future__ import annotations

from functools import cached_property
from typing import cast

from babel.support import NullTranslations
from flask import Flask, Response, g, has_request_context, request, session
from flask_babel import Babel, Domain, get_locale, get_translations
from flask_login import current_user
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

from negotiation.errors import NegotiationError
from negotiation.filling import filled
from negotiation.text.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    best_language,
    known_language,
    translations,
)

SESSION_KEY = "language"


def current_language() -> str:
    """The language of this request's answer ("en", "es", "fr" or "pt")."""
    if "language" not in g:
        g.language = _chosen_language()
    return cast(str, g.language)


def _chosen_language() -> str:
    account = getattr(current_user, "account", None) if current_user else None
    if account is not None and account.language in LANGUAGES:
        return cast(str, account.language)
    chosen = session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return cast(str, chosen)
    return best_language(request.accept_languages)


def gettext_now(message: str) -> str:
    """``message`` in the reader's language, unformatted (its parameters are filled later)."""
    return translations(current_language()).gettext(message)


def refusal(error: NegotiationError) -> str:
    """A domain refusal in the reader's language."""
    return error.translated(gettext_now, current_language())


class _CatalogDomain(Domain):
    """Flask-Babel reading the domain's own catalogs (compiled in memory, once), its
    messages filled in as the domain fills its own."""

    def get_translations(self) -> NullTranslations:
        return cast(NullTranslations, translations(known_language(str(get_locale()))))

    def gettext(self, string: str, **variables: object) -> str:
        text = cast(str, self.get_translations().ugettext(string))
        return filled(text, variables, _reading_language()) if variables else text


@pass_context
def _page_gettext(context: Context, message: str, /, **variables: object) -> str:
    """A template's ``_()`` and ``{% trans %}``, as Jinja's own (a message safe for the page,
    its parameters escaped into it, always formatted), filled in as the domain fills."""
    text = cast(str, get_translations().ugettext(message))
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return filled(text, variables, _reading_language())


def _reading_language() -> str:
    # A template rendered outside a request (a command, a test) reads English.
    return current_language() if has_request_context() else DEFAULT_LANGUAGE


class _Babel(Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return _CatalogDomain()


def init_app(app: Flask) -> None:
    _Babel(app, locale_selector=current_language, default_locale=DEFAULT_LANGUAGE)
    # After Flask-Babel's own, which formats with ``%`` alone.
    app.jinja_env.globals["gettext"] = _page_gettext

    @app.context_processor
    def _languages() -> dict[str, object]:
        return {"current_language": current_language(), "languages": LANGUAGES}

    @app.after_request
    def _vary_on_language(response: Response) -> Response:
        # The same URL answers in the reader's language: the browser's, or the one the
        # session's cookie names (signed in or chosen before).
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
        return response
