"""The physical limit the deadline rush is measured against: a Flask app whose one endpoint
stores what it is sent with a single INSERT and commits, served by the same gunicorn
settings on the same PostgreSQL database.

    gunicorn 'benchmarks.trivial_insert:create_app()'
"""

from __future__ import annotations

import os

from flask import Flask, request
from sqlalchemy import create_engine, text

TABLE = "bench_trivial_insert"


def create_app() -> Flask:
    """The trivial app, on NEGOTIATION_DATABASE_URL (the table must exist)."""
    app = Flask(__name__)
    engine = create_engine(os.environ["NEGOTIATION_DATABASE_URL"])

    @app.post("/insert")
    def insert() -> tuple[str, int]:
        with engine.begin() as connection:
            connection.execute(text(f"INSERT INTO {TABLE} (body) VALUES (:body)"),
                               {"body": request.form.get("comment", "")})
        return "", 303

    return app
