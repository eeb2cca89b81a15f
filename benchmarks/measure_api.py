"""The API's draft read against the HTML draft page, each end to end through the app, at
1x, 3x and 10x: a script reading the whole draft as JSON (every section, every paragraph
with its label, state and current text) against a delegate opening the draft page (its
first screen, later sections arriving as the reader scrolls).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from benchmarks.cycle import Cycle, scratch_copy
from benchmarks.harness import Bench, counting_queries
from benchmarks.measure_pages import _signed_in
from benchmarks.synthetic import NOW
from negotiation.models import Account, Negotiation
from negotiation.people.apitokens import issue_token
from negotiation.record.database import make_engine, make_session_factory


def _draft(bench: Bench, built: Cycle) -> None:
    engine = make_engine(built.url)
    with make_session_factory(engine)() as session:
        page_client, _chair, app_engine, prefix = _signed_in(built, session)
        account = session.scalars(
            select(Account).where(Account.username == "bench-delegate")).one()
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        _token, secret = issue_token(session, account, negotiation, "bench", NOW)
        session.commit()
    bearer = {"Authorization": f"Bearer {secret}"}

    def api() -> bytes:
        answer = page_client.get("/api/v1/draft", headers=bearer)
        assert answer.status_code == 200, answer.status_code
        return answer.data

    def page() -> bytes:
        answer = page_client.get(f"{prefix}/draft/")
        assert answer.status_code == 200, answer.status_code
        return answer.data

    with counting_queries(app_engine) as queries:
        body = api()
    bench.compare("API draft (whole draft, JSON)", api, page, "HTML draft page",
                  scale=built.scale, queries=queries.count,
                  note=f"{len(body) / 1024:.0f} kB vs {len(page()) / 1024:.0f} kB")
    engine.dispose()


def measure(bench: Bench) -> None:
    """At each scale, on a scratch copy of the cycle."""
    with tempfile.TemporaryDirectory() as folder:
        for scale in bench.scales:
            with scratch_copy(scale, Path(folder)) as built:
                _draft(bench, built)
