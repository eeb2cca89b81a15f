"""The comparison text, end to end from the database, against the same content made from
memory by the plainest means (the limit any implementation approaches)."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, select_autoescape

from benchmarks.cycle import NOW, cycle
from benchmarks.harness import Bench, counting_queries
from negotiation.comparison import ComparisonText, build_comparison
from negotiation.database import make_engine, make_session_factory
from negotiation.documents import TEMPLATES
from negotiation.documents.html import comparison_html
from negotiation.models import Negotiation


def _bare_jinja() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def _html(bench: Bench, scale: int) -> None:
    built = cycle(scale)
    engine = make_engine(built.url)
    sessions = make_session_factory(engine)
    template = _bare_jinja().get_template("documents_shared/standalone.html")

    def ours() -> str:
        with sessions() as session:
            negotiation = session.get(Negotiation, built.negotiation_id)
            assert negotiation is not None
            return comparison_html(build_comparison(session, negotiation, NOW))

    with sessions() as session:
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        in_memory: ComparisonText = build_comparison(session, negotiation, NOW)

    def from_memory() -> str:
        return template.render(header=in_memory.header, comparison=in_memory,
                               content_template="documents_shared/comparison_content.html")

    with counting_queries(engine) as queries:
        ours()
    bench.compare("comparison text, HTML", ours, from_memory, "bare Jinja from memory",
                  scale=scale, queries=queries.count)
    engine.dispose()


def measure(bench: Bench) -> None:
    """Each document at each scale."""
    for scale in bench.scales:
        _html(bench, scale)
