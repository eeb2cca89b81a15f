"""The pages in Spanish against the same pages in English, served end to end by
``scripts/serve-production`` on PostgreSQL, in one run (goal: within 1.1x).

A Spanish reader's page goes through the catalogs (every label looked up), dates in Spanish
and the delegations' Spanish names; an English reader's goes through the same code with the
messages' own words. Same readers, same cycle, alternately.

    scripts/bench --only languages --scales 1 10
"""

from __future__ import annotations

import os

from benchmarks.cycle import cycle
from benchmarks.harness import Bench
from benchmarks.measure_served import Reader
from benchmarks.rush import PRODUCT, gunicorn
from benchmarks.served_database import CHAIR, DEFAULT_URL, DELEGATE, served_copy


def measure(bench: Bench) -> None:
    url = os.environ.get("BENCH_SERVED_URL", DEFAULT_URL)
    for scale in bench.scales:
        prefix = served_copy(cycle(scale), url)
        with gunicorn(PRODUCT, url) as (port, _):
            readers = {language: (Reader(port, DELEGATE, language), Reader(port, CHAIR, language))
                       for language in ("en", "es")}
            pages = (
                ("draft page, first screen", 0, f"{prefix}/draft/"),
                ("chair's desk, first screen", 1, f"{prefix}/chair/"),
                ("comparison text page", 0, f"{prefix}/documents/comparison"),
            )
            for name, who, path in pages:
                spanish, english = readers["es"][who], readers["en"][who]
                body = spanish.get(path)
                if b'<html lang="es">' not in body:
                    raise RuntimeError(f"{path} did not answer in Spanish")
                bench.compare(f"in Spanish: {name}", lambda r=spanish, p=path: r.get(p),
                              lambda r=english, p=path: r.get(p), "the same page in English",
                              scale=scale, note=f"{len(body) / 1024:.0f} kB")
