"""The record of every act, filterable (secretariat and chair)."""

from __future__ import annotations

from flask import Blueprint, request
from flask_login import login_required
from sqlalchemy import select

from negotiation.enums import Role
from negotiation.models import RecordEntry
from negotiation.people.permissions import can_read_record, require
from negotiation.setup.delegations import delegations_in_negotiation
from negotiation.text.languages import N_
from web.plumbing.access import actor, negotiation
from web.plumbing.dbsession import db
from web.plumbing.rendering import render
from web.plumbing.requestvalues import parse_id
from web.record.names import ROLES, act_words

bp = Blueprint("record", __name__, url_prefix="/record", template_folder="templates")

PAGE_SIZE = 200


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    """Entries newest first, filtered by act, role, delegation and words."""
    require(can_read_record(actor()), N_("Only the chair and the secretariat read the record."))
    session, current = db(), negotiation()
    action = request.args.get("action", "")
    role = request.args.get("role", "")
    delegation = request.args.get("delegation", "")
    q = request.args.get("q", "").strip()
    query = select(RecordEntry).where(RecordEntry.negotiation_id == current.id)
    if action:
        query = query.where(RecordEntry.action == action)
    if role in {r.value for r in Role}:
        query = query.where(RecordEntry.actor_role == Role(role))
    delegation_id = parse_id(delegation)
    if delegation_id is not None:
        query = query.where(RecordEntry.delegation_id == delegation_id)
    if q:
        like = f"%{q}%"
        query = query.where(RecordEntry.summary.ilike(like) | RecordEntry.actor_name.ilike(like)
                            | RecordEntry.reason.ilike(like))
    entries = list(session.scalars(
        query.order_by(RecordEntry.at.desc(), RecordEntry.id.desc()).limit(PAGE_SIZE)))
    actions = sorted(session.scalars(select(RecordEntry.action).distinct().where(
        RecordEntry.negotiation_id == current.id)))
    return render(
        "record/index.html", "record/_entries.html",
        negotiation=current, entries=entries, actions=actions, roles=list(Role),
        delegations=delegations_in_negotiation(session, current),
        filters={"action": action, "role": role, "delegation": delegation, "q": q},
        page_size=PAGE_SIZE, role_names=ROLES, act_words=act_words,
    )
