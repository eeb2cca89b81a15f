"""The draft as Akoma Ntoso, with its proposals, at 1x, 3x and 10x, against the physical
limit: lxml serialising the very same tree from memory.

- end to end, as its download makes it: the draft and its proposals read from the
  database, the tree built and serialised; on SQLite (the cached cycle itself) and on
  PostgreSQL (the same cycle copied row for row into the database ``BENCH_POSTGRES_URL``
  names with ``_akn`` appended, default ``bench_akn`` on 127.0.0.1: it is wiped);
- the file written from the draft already read (what the writer itself costs).

The limit's tree is the file itself, parsed: the same elements, text and attributes.
"""

from __future__ import annotations

import os

from lxml import etree
from sqlalchemy.engine import make_url

from benchmarks.cycle import Cycle, cycle
from benchmarks.harness import Bench, counting_queries
from benchmarks.served_database import served_copy
from benchmarks.synthetic import NOW
from negotiation.documents.akn.statement import akn_draft
from negotiation.documents.akn.writing import akoma_ntoso
from negotiation.documents.producing import DocumentRequest, produce
from negotiation.models import Negotiation
from negotiation.record.database import make_engine, make_session_factory

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"


def _unheard(_share: float, _phase: str) -> None:
    return None


def serialized(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def postgres_url() -> str:
    base = make_url(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    return base.set(database=f"{base.database}_akn").render_as_string(hide_password=False)


def _from_database(bench: Bench, built: Cycle, url: str, engine_name: str) -> bytes:
    """The download end to end on the database at ``url``; returns its bytes."""
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    asked = DocumentRequest.of("akn", "xml", {}, NOW)
    with sessions() as session:
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        draft = akn_draft(session, negotiation, NOW, None)
    tree = etree.fromstring(akoma_ntoso(draft))
    amendments = sum(len(v) for v in draft.proposals.values())

    def from_database() -> bytes:
        with sessions() as session:
            found = session.get(Negotiation, built.negotiation_id)
            assert found is not None
            return produce(session, found, asked, _unheard)[0]

    with counting_queries(engine) as queries:
        made = from_database()
    note = f"{len(draft.rows)} paragraphs, {amendments} amendments, {len(made) // 1024} kB"
    bench.compare(f"Akoma Ntoso, from {engine_name}", from_database,
                  lambda: serialized(tree), "lxml serialising the same tree",
                  scale=built.scale, queries=queries.count, note=note)
    engine.dispose()
    return made


def _at_scale(bench: Bench, scale: int) -> None:
    built = cycle(scale)  # read only: the cached cycle itself
    on_sqlite = _from_database(bench, built, built.url, "SQLite")
    postgres = postgres_url()
    served_copy(built, postgres)
    on_postgres = _from_database(bench, built, postgres, "PostgreSQL")
    assert on_postgres == on_sqlite, "the same cycle gave another file on PostgreSQL"

    engine = make_engine(built.url)
    with make_session_factory(engine)() as session:
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        draft = akn_draft(session, negotiation, NOW, None)
    engine.dispose()
    tree = etree.fromstring(akoma_ntoso(draft))
    bench.compare("Akoma Ntoso, written from the draft read", lambda: akoma_ntoso(draft),
                  lambda: serialized(tree), "lxml serialising the same tree", scale=scale)


def measure(bench: Bench) -> None:
    """The Akoma Ntoso file at each scale, on both engines."""
    for scale in bench.scales:
        _at_scale(bench, scale)
