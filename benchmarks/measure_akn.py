"""The draft as Akoma Ntoso, with its proposals, at 1x, 3x and 10x, against the physical
limit: lxml serialising the very same tree from memory.

- end to end, as its download makes it: the draft and its proposals read from the
  database, the tree built and serialised;
- the file written from the draft already read (what the writer itself costs).

The limit's tree is the file itself, parsed: the same elements, text and attributes.
"""

from __future__ import annotations

from lxml import etree

from benchmarks.cycle import cycle
from benchmarks.harness import Bench, counting_queries
from benchmarks.synthetic import NOW
from negotiation.documents.akn import akn_draft
from negotiation.documents.akn_writing import akoma_ntoso
from negotiation.documents.builds import DocumentRequest, produce
from negotiation.models import Negotiation
from negotiation.record.database import make_engine, make_session_factory


def _unheard(_share: float, _phase: str) -> None:
    return None


def serialized(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _at_scale(bench: Bench, scale: int) -> None:
    built = cycle(scale)  # read only: the cached cycle itself
    engine = make_engine(built.url)
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
        size = len(from_database())
    note = f"{len(draft.rows)} paragraphs, {amendments} amendments, {size // 1024} kB"
    bench.compare("Akoma Ntoso, from the database", from_database, lambda: serialized(tree),
                  "lxml serialising the same tree", scale=scale, queries=queries.count,
                  note=note)
    bench.compare("Akoma Ntoso, written from the draft read", lambda: akoma_ntoso(draft),
                  lambda: serialized(tree), "lxml serialising the same tree", scale=scale)
    engine.dispose()


def measure(bench: Bench) -> None:
    """The Akoma Ntoso file at each scale."""
    for scale in bench.scales:
        _at_scale(bench, scale)
