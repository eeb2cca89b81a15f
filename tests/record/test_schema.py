"""The migrations build exactly the schema the models describe, on this engine."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from negotiation.models import Base


def test_migrations_upgrade_to_the_models_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_model_table_exists_with_its_constraints(engine: Engine) -> None:
    inspector = inspect(engine)
    tables = set(inspector.get_table_names())
    assert set(Base.metadata.tables) <= tables
    checks = {c["name"] for c in inspector.get_check_constraints("amendment")}
    assert {"ck_amendment_amendment_state", "ck_amendment_text_proposals_have_text"} <= checks
