"""Calendar feeds: a person's secret address that calendar programs poll with no sign-in,
a negotiation's calendar and a single date as .ics files for the signed-in person, and the
page where a person makes and revokes their addresses."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from negotiation.calendar.feed import Feed, calendar_feed, event_feed
from negotiation.calendar.subscriptions import (
    NewSubscription,
    create_subscription,
    revoke_subscription,
    subscribed_negotiations,
    subscriber,
    subscriptions_of,
)
from negotiation.enums import Role
from negotiation.errors import InvalidSetting
from negotiation.models import Milestone
from negotiation.text.languages import N_, known_language, translate
from web.plumbing.access import negotiation, roles_required, wall_clock_now
from web.plumbing.dbsession import db
from web.plumbing.replays import answer_again_with
from web.words.languages import current_language, refusal

#: The person's own addresses, outside any negotiation: /calendar/...
personal = Blueprint("calendar_links", __name__, url_prefix="/calendar",
                     template_folder="templates")
#: A negotiation's calendar files, under its own address: /<committee>/<cycle>/calendar...
bp = Blueprint("calendar_files", __name__)


def _ics(feed: Feed, filename: str, disposition: str = "inline") -> Response:
    """The file with what a polling program needs to ask cheaply: ETag and Last-Modified,
    and 304 Not Modified when it already holds these bytes."""
    response = Response(feed.body, content_type="text/calendar; charset=utf-8")
    response.set_etag(feed.etag)
    if feed.last_modified is not None:
        response.last_modified = feed.last_modified
    # Kept by the program but asked again each time (the default for pages is no-store).
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response.make_conditional(request)


@personal.get("/<token>.ics")
def subscription_feed(token: str) -> Response:
    """Every date of every negotiation the address's owner takes part in; no sign-in (the
    address is the key), 404 for an address unknown or revoked."""
    session = db()
    account = subscriber(session, token)
    if account is None:
        abort(404, gettext("There is no such calendar address: it was revoked, or never "
                           "made."))
    # Read by a calendar program, not at a page: in its owner's language.
    language = known_language(account.language)
    feed = calendar_feed(session, subscribed_negotiations(session, account),
                         translate(N_("Negotiations of %(name)s"), language,
                                   name=account.display_name), language)
    return _ics(feed, "negotiations.ics")


def _links_page(new: NewSubscription | None = None, error: str = "",
                status: int = 200) -> tuple[str, int]:
    account = current_user.account
    address = (url_for("calendar_links.subscription_feed", token=new.token, _external=True)
               if new is not None else None)
    return render_template(
        "calendar/links.html", subscriptions=subscriptions_of(db(), account), address=address,
        negotiations=subscribed_negotiations(db(), account), error=error,
        sent_again="again" in request.args), status


@personal.get("/")
@login_required
def links() -> tuple[str, int]:
    """The person's calendar addresses in force, and the button to make one."""
    return _links_page()


@personal.post("/")
@login_required
def create_link() -> tuple[str, int]:
    """Make an address and show it, this once: only its hash is kept (a second click of the
    same form is sent to the list, not to a kept copy of this answer)."""
    new = create_subscription(db(), current_user.account, wall_clock_now())
    answer_again_with(url_for("calendar_links.links", again=1))
    return _links_page(new, status=201)


@personal.post("/<int:link_id>/revoke")
@login_required
def revoke_link(link_id: int) -> Response | tuple[str, int]:
    """The address opens nothing from now on, whichever program still polls it."""
    try:
        revoke_subscription(db(), current_user.account, link_id, wall_clock_now())
    except InvalidSetting as exc:
        return _links_page(error=refusal(exc), status=404)
    flash(gettext("The calendar address was revoked: it shows nothing any more."), "success")
    return redirect(url_for("calendar_links.links"), 303)


@bp.get("/calendar.ics")
@roles_required(*Role)
def negotiation_feed() -> Response:
    """This negotiation's calendar, for the signed-in person (everyone in it reads it)."""
    current = negotiation()
    committee, cycle = current.slug
    feed = calendar_feed(db(), [current],
                         f"{current.committee} {current.cycle}: {current.committee_name}",
                         current_language())
    return _ics(feed, f"{committee}-{cycle}.ics")


@bp.get("/calendar/<int:milestone_id>.ics")
@roles_required(*Role)
def date_file(milestone_id: int) -> Response:
    """One date as a file to open in a calendar program ("Add to calendar")."""
    current = negotiation()
    milestone = db().get(Milestone, milestone_id)
    if milestone is None or milestone.negotiation_id != current.id:
        abort(404)
    committee, cycle = current.slug
    return _ics(event_feed(db(), current, milestone, current_language()),
                f"{committee}-{cycle}-date-{milestone.id}.ics", "attachment")
