"""The Akoma Ntoso figures of :mod:`benchmarks.measure_akn` as CPU time rather than wall
clock: this thread's, plus the PostgreSQL backend's own (read from
``/proc/<pid>/schedstat``), median and minimum of alternating repeats.

On a machine busy with other work a few milliseconds of wall clock are mostly the wait for
a core, and the medians scatter by several times; the work done does not.

    python -m benchmarks.akn_cpu [repeats]      # default 15; Linux only
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from lxml import etree
from sqlalchemy import text
from sqlalchemy.pool import StaticPool

from benchmarks.cycle import cycle
from benchmarks.measure_akn import postgres_url, serialized
from benchmarks.served_database import served_copy
from benchmarks.synthetic import NOW
from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.producing import DocumentRequest, produce
from negotiation.models import Negotiation
from negotiation.record.database import make_engine, make_session_factory


def _backend_ns(pid: int | None) -> int:
    if pid is None:
        return 0
    with open(f"/proc/{pid}/schedstat") as stat:
        return int(stat.read().split()[0])


def _measure(url: str, negotiation_id: int, repeats: int) -> dict[str, list[float]]:
    # One connection for the whole run, so its backend is the one whose time is read.
    engine = make_engine(url, poolclass=StaticPool)
    sessions = make_session_factory(engine)
    with engine.connect() as connection:
        pid = (connection.execute(text("SELECT pg_backend_pid()")).scalar()
               if engine.dialect.name == "postgresql" else None)
    asked = DocumentRequest.of("akn", "xml", {}, NOW)
    with sessions() as session:
        draft = akn_draft(session, session.get(Negotiation, negotiation_id), NOW, None)
    tree = etree.fromstring(akoma_ntoso(draft))

    def from_database() -> bytes:
        with sessions() as session:
            found = session.get(Negotiation, negotiation_id)
            return produce(session, found, asked, lambda _share, _phase: None)[0]

    figures: dict[str, Callable[[], bytes]] = {
        "ours": from_database, "lxml": lambda: serialized(tree),
        "writer": lambda: akoma_ntoso(draft)}
    spent: dict[str, list[float]] = {name: [] for name in figures}
    from_database()
    for _ in range(repeats):
        for name, figure in figures.items():
            backend, started = _backend_ns(pid), time.thread_time_ns()
            figure()
            spent[name].append(
                (time.thread_time_ns() - started + _backend_ns(pid) - backend) / 1e6)
    engine.dispose()
    return spent


def main(argv: list[str]) -> int:
    repeats = int(argv[0]) if argv else 15
    for scale in (1, 3, 10):
        built = cycle(scale)
        postgres = postgres_url()
        served_copy(built, postgres)
        for engine_name, url in (("SQLite", built.url), ("PostgreSQL", postgres)):
            spent = _measure(url, built.negotiation_id, repeats)
            median = {name: statistics.median(times) for name, times in spent.items()}
            print(f"{scale:>2}x {engine_name:<10}  from the database {median['ours']:6.1f} ms"
                  f"  lxml {median['lxml']:5.1f} ms  ratio {median['ours'] / median['lxml']:4.2f}"
                  f"  (min {min(spent['ours']) / min(spent['lxml']):4.2f});  writer alone "
                  f"{median['writer'] / median['lxml']:4.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
