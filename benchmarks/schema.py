"""The benchmarks' databases get their schema as every database of the app does."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent


def migrated(url: str) -> None:
    """Build the schema with the migrations, quietly."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    logging.getLogger("alembic").setLevel(logging.WARNING)
    command.upgrade(config, "head")
