"""The installation's own record: acts on accounts, which belong to no negotiation
(administrators)."""

from __future__ import annotations

from flask import Blueprint, render_template

from negotiation.enums import Role
from negotiation.record.queries import installation_entries
from negotiation.text.languages import N_
from web.plumbing.access import roles_required
from web.plumbing.dbsession import db
from web.record.names import ROLES, act_words

bp = Blueprint("installation_record", __name__, url_prefix="/accounts/record",
               template_folder="templates")

#: The newest entries the page shows, as the negotiation's record page does.
PAGE_SIZE = 200


@bp.get("/")
@roles_required(Role.ADMIN, refusal=N_("Only an administrator manages accounts."))
def index() -> str:
    """Accounts created, suspended and restored, sign-in locks and their lifting, passwords
    reset and addresses changed: newest first, each in the reader's language."""
    return render_template("record/installation.html",
                           entries=installation_entries(db(), PAGE_SIZE), page_size=PAGE_SIZE,
                           role_names=ROLES, act_words=act_words)
