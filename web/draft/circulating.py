"""The confirmation page before a circulation (rev. 0 from the draft editor, later revisions
from the chair's desk): what will go out, and the form that posts the real act with the
stamp of the draft shown. It works without JavaScript: a plain page and a plain form."""

from __future__ import annotations

from flask import render_template, url_for

from negotiation.draft.outgoing import GROUPS, KINDS, what_goes_out
from web.plumbing.access import negotiation, now
from web.plumbing.dbsession import db


def confirmation_page(
    endpoint: str, back: str, *, note: str, renumber: bool = False, error: str = "",
    status: int = 200,
) -> tuple[str, int]:
    """The next revision as it would go out now; "Circulate" posts to ``endpoint``, and
    ``back`` is the page the chair came from."""
    return render_template(
        "draft/circulate.html", outgoing=what_goes_out(db(), negotiation(), now()),
        groups=GROUPS, kinds=KINDS, action=url_for(endpoint), back=back, note=note,
        renumber=renumber, error=error,
    ), status
