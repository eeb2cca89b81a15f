"""The deadline rush, run once whatever the scales, on the app served by gunicorn on
PostgreSQL against a trivial INSERT endpoint: the closed loop (:mod:`benchmarks.rush`, 350
clients each waiting for its answer: throughput), then the open loop
(:mod:`benchmarks.rush_open`, submissions arriving at 100 a second: latency)."""

from __future__ import annotations

import os

from sqlalchemy.exc import OperationalError

from benchmarks.harness import Bench
from benchmarks.rush import run
from benchmarks.rush_database import DEFAULT_URL
from benchmarks.rush_open import run_open


def measure(bench: Bench) -> None:
    """Skipped, with the reason, when no PostgreSQL server answers."""
    del bench  # the rush prints its own figures: throughput, latencies, errors, ratio
    try:
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL)
        run(url)
        run_open(url)
    except OperationalError as exc:
        print(f"  skipped: PostgreSQL not reachable ({exc.orig})")
