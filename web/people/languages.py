"""The language switcher on every page: kept with the account, or with this browser's session
before signing in."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort, request, session
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from negotiation.people.accounts import choose_language
from negotiation.text.languages import LANGUAGES
from web.plumbing.access import SignedIn
from web.plumbing.dbsession import db
from web.plumbing.redirects import redirect_back
from web.words.languages import SESSION_KEY

bp = Blueprint("language", __name__, url_prefix="/language")


@bp.post("")
def choose() -> Response:
    """Read every page in the chosen language from now on, back on the page it was chosen on."""
    language = request.form.get("language", "")
    if language not in LANGUAGES:
        abort(400, gettext("Choose English, Español, Français or Português."))
    session[SESSION_KEY] = language
    if current_user.is_authenticated:
        choose_language(db(), cast(SignedIn, current_user).account, language)
    return redirect_back(request.form.get("back"), "start.index")
