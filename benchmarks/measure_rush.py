"""The deadline rush (see :mod:`benchmarks.rush`), run once whatever the scales: 350 clients
on the app served by gunicorn on PostgreSQL, against a trivial INSERT endpoint."""

from __future__ import annotations

import os

from sqlalchemy.exc import OperationalError

from benchmarks.harness import Bench
from benchmarks.rush import run
from benchmarks.rush_database import DEFAULT_URL


def measure(bench: Bench) -> None:
    """Skipped, with the reason, when no PostgreSQL server answers."""
    del bench  # the rush prints its own figures: throughput, latencies, errors, ratio
    try:
        run(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    except OperationalError as exc:
        print(f"  skipped: PostgreSQL not reachable ({exc.orig})")
