"""The web app: Flask + htmx over the negotiation domain. ``flask --app web run``."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask_babel import lazy_gettext

from web.calendar import rehearsal
from web.plumbing import (
    access,
    conflicts,
    dbsession,
    errors,
    flashes,
    navigation,
    replays,
    requestlimits,
    requestvalues,
    security,
)
from web.plumbing.extensions import csrf, htmx, login_manager
from web.plumbing.navigation import NavLink, add_nav_link
from web.words import languages, timefmt, wording

NEGOTIATION_PREFIX = "/<committee>/<cycle>"


def _secret_key(instance: Path) -> str:
    """NEGOTIATION_SECRET_KEY, or a random key kept in the instance folder.

    Sessions are signed with it: a key known to anyone would let anyone sign in as the chair.
    """
    configured = os.environ.get("NEGOTIATION_SECRET_KEY")
    if configured:
        return configured
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (DATABASE_URL, CLOCK, ...)."""
    from negotiation.record.clock import SystemClock, clock_from_setting
    from negotiation.record.database import database_url

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE_URL=database_url(),
        CLOCK=clock_from_setting(),
        # Sessions and sign-in limits run on real time, whatever the rehearsal clock says.
        WALL_CLOCK=SystemClock(),
        # A clock set by NEGOTIATION_CLOCK is a rehearsal: the chair may move it
        # (web.calendar.rehearsal).
        CLOCK_ADJUSTABLE=bool(os.environ.get("NEGOTIATION_CLOCK")),
        # A session factory may be handed over by tests (bound to a rolled-back transaction).
        SESSION_FACTORY=None,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None,
        MEETING_POLL_SECONDS=2,
        DRAFT_POLL_SECONDS=5,
        # Word and PDF are built outside the request; it waits this long for a quick one
        # before sending the reader to the build's progress page (polled every few seconds).
        DOCUMENT_WAIT_SECONDS=2.0,
        BUILD_POLL_SECONDS=1,
        # True: build every document inside the request (tests whose database session is
        # one connection shared with the test, which a thread must not use).
        DOCUMENT_BUILDS_INLINE=False,
        # The draft page and the chair's desk show sections in full until this many
        # paragraphs; later sections arrive as the reader scrolls to them (the desk links to
        # each section's own desk).
        DRAFT_FIRST_ROWS=60,
        # A long draft's page lists this many sections (its table of contents and the
        # placeholders of those not shown in full) and links to the next ones: its first
        # screen costs the same whatever the draft's length.
        DRAFT_SECTIONS_PER_PAGE=50,
        # The meeting page lists this many items of the agenda (the first ones in full, up
        # to DRAFT_FIRST_ROWS) and links to the next ones: a long agenda's page costs the
        # same whatever its length.
        MEETING_ITEMS_PER_PAGE=100,
        NAV_LINKS=[],
        # Served over HTTPS: Secure cookies and HSTS. Behind N reverse proxies: trust their
        # X-Forwarded-For/-Proto (the client's address counts for the sign-in limits).
        HTTPS=os.environ.get("NEGOTIATION_HTTPS", "").lower() in {"1", "true", "yes"},
        PROXY_HOPS=int(os.environ.get("NEGOTIATION_PROXY_HOPS") or 0),
    )
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))

    requestvalues.init_app(app)  # before any route: ``<int:...>`` reads row ids
    security.init_app(app)
    dbsession.init_app(app)
    htmx.init_app(app)  # sets the request class that requestlimits extends
    requestlimits.init_app(app)  # before CSRF protection reads the form
    access.init_app(app)
    login_manager.init_app(app)
    languages.init_app(app)  # after sign-in: the account's choice comes first
    csrf.init_app(app)
    timefmt.init_app(app)
    wording.init_app(app)
    navigation.init_app(app)
    errors.init_app(app)
    flashes.init_app(app)
    conflicts.init_app(app)
    replays.init_app(app)

    from web import health, home, setup, start
    from web.api import document as api_document
    from web.api import tokens as api_tokens
    from web.calendar import feeds
    from web.chairing import agendas, desk, late, meeting
    from web.documents import views as documents
    from web.draft import language_versions
    from web.draft import views as draft
    from web.notices import mailpage, settings, unsubscribe
    from web.people import accounts, appointments, auth, inviting, joining, resets
    from web.people import languages as language_switcher
    from web.proposals import invitations, late_requests
    from web.proposals import views as proposals
    from web.record import installation as installation_record
    from web.record import views as record
    from web.setup import drafting

    # Documents adds its own link when registered, after these.
    for link in (
        NavLink("home.index", lazy_gettext("Home")),
        NavLink("draft.index", lazy_gettext("Draft")),
        NavLink("proposals.mine", lazy_gettext("My proposals"), roles=("delegation",)),
        NavLink("late_requests.index", lazy_gettext("Late leave"), roles=("delegation",)),
        NavLink("chair.index", lazy_gettext("Chair's desk"), roles=("chair",)),
        NavLink("late.index", lazy_gettext("Late submissions"), roles=("chair", "secretariat")),
        NavLink("meeting.index", lazy_gettext("Meeting")),
        NavLink("setup.calendar", lazy_gettext("Calendar")),
        NavLink("setup.caps", lazy_gettext("Caps"), roles=("chair", "secretariat")),
        NavLink("setup.delegations", lazy_gettext("Delegations"),
                roles=("admin", "chair", "secretariat")),
        NavLink("record.index", lazy_gettext("Record"), roles=("chair", "secretariat")),
        NavLink("people.index", lazy_gettext("People"), roles=("admin", "chair", "secretariat")),
        NavLink("mail.index", lazy_gettext("Mail"), roles=("admin", "secretariat")),
        NavLink("start.index", lazy_gettext("Negotiations"), in_negotiation=False),
        NavLink("accounts.index", lazy_gettext("Accounts"), roles=("admin",), in_negotiation=False),
    ):
        add_nav_link(app, link)
    for module in (health, auth, resets, joining, start, accounts, installation_record,
                   settings, unsubscribe, api_tokens, language_switcher):
        app.register_blueprint(module.bp)
    # The API: a token's requests, never a cookie's, so no CSRF token (web.api.blueprint).
    app.register_blueprint(api_document.api.blueprint)
    csrf.exempt(api_document.api.blueprint)
    # A negotiation's pages live under its own address: /<committee>/<cycle>/...
    for module in (home, draft, proposals, invitations, late_requests, desk, drafting, late,
                   agendas, meeting, record,
                   documents, appointments, inviting, setup, rehearsal, mailpage,
                   language_versions):
        app.register_blueprint(
            module.bp, url_prefix=NEGOTIATION_PREFIX + (module.bp.url_prefix or ""))
    rehearsal.init_app(app)
    # Calendar feeds: the person's own addresses, and each negotiation's calendar files.
    app.register_blueprint(feeds.personal)
    app.register_blueprint(feeds.bp, url_prefix=NEGOTIATION_PREFIX)

    icon = (Path(app.static_folder or "static") / "favicon.ico").read_bytes()

    @app.get("/favicon.ico")
    def favicon() -> Response:
        # Browsers ask for it at the root, and drop the request when the page moves on before
        # it is answered: it is answered from memory, so no file is ever left open by a
        # request cut off half way.
        answer = Response(icon, mimetype="image/vnd.microsoft.icon")
        answer.cache_control.public = True
        answer.cache_control.max_age = 86_400
        return answer

    @app.after_request
    def _vary_on_htmx(response: Response) -> Response:
        # The same URL answers a page or a fragment: caches must keep them apart.
        response.vary.add("HX-Request")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app
