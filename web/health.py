"""``/health``: whether this server can serve, for a load balancer or a monitor.

No session is needed and nothing is written; 200 when the database answers and its schema
is migrated, 503 otherwise.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> tuple[Response, int]:
    """200 with the schema's revision, or 503 saying what is wrong."""
    try:
        # A session of its own: the request's would commit or roll back a broken connection.
        with current_app.config["SESSION_FACTORY"]() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError as exc:
        current_app.logger.error("health: the database does not answer: %s",
                                 str(exc).splitlines()[0])
        return jsonify(status="unavailable", database="unreachable or not migrated"), 503
    if revision is None:
        return jsonify(status="unavailable", database="not migrated"), 503
    return jsonify(status="ok", database="ok", schema=revision), 200
