"""How the pages that must not grow with the cycle grow: the draft page's first screen,
a section arriving as the reader scrolls, the poll of a reader who scrolled to the end,
the draft filtered to one section, the paragraph page and the meeting page, each at
every scale against the same page at the smallest, timed alternately in one run (a busy
moment of the machine falls on both), with the queries and the bytes. Goal: at 100x within
twice the 1x time.

    python -m benchmarks --only page_growth --scales 1 10 30 100
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlencode

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks.cycle import Cycle, scratch_copy
from benchmarks.harness import Bench, counting_queries
from benchmarks.measure_pages import _signed_in
from negotiation.models import Amendment, Section
from negotiation.record.database import make_engine, make_session_factory

#: The pages whose cost must not grow with the cycle: at 100x within twice their 1x time.
GOAL = 2.0


def _steady_pages(built: Cycle, session: Session, client: FlaskClient, chair: FlaskClient,
                  prefix: str) -> list[tuple[str, FlaskClient, str, dict[str, str] | None]]:
    """(name, client, address, headers) of each page that must not grow with the cycle."""
    busiest = session.scalar(
        select(Amendment.paragraph_id).where(Amendment.negotiation_id == built.negotiation_id)
        .group_by(Amendment.paragraph_id).order_by(func.count().desc()).limit(1))
    lasts = session.scalars(select(Section.code).where(
        Section.negotiation_id == built.negotiation_id).order_by(Section.position.desc())
        .limit(3)).all()
    last = lasts[0]
    # A reader who scrolled to the end polls with the last sections in full; each marker
    # differs from the section's, as after a change, so all three come back.
    poll = f"{prefix}/draft/?seen=0&" + urlencode(
        [("m", f"{code}:changed") for code in reversed(lasts)])
    htmx = {"HX-Request": "true"}
    return [("draft page (first screen)", client, f"{prefix}/draft/", None),
            ("draft page, the last section", client, f"{prefix}/draft/section/{last}", htmx),
            ("draft page's poll, the last three sections changed", client, poll, htmx),
            ("draft page filtered to the last section", client,
             f"{prefix}/draft/?section={last}", None),
            ("paragraph page (most proposals)", client,
             f"{prefix}/draft/paragraph/{busiest}", None),
            ("meeting page", chair, f"{prefix}/meeting/", None)]


def _side_by_side(bench: Bench, folder: Path) -> None:
    """Each steady page at each scale against the same page at the smallest, timed
    alternately in one run (a busy moment of the machine falls on both): the ratio is how
    much it grew with the cycle."""
    first = min(bench.scales)
    for scale in sorted(bench.scales):
        if scale == first:
            continue
        with scratch_copy(first, folder) as small, scratch_copy(scale, folder) as big:
            engines = [make_engine(small.url), make_engine(big.url)]
            with make_session_factory(engines[0])() as one, \
                    make_session_factory(engines[1])() as other:
                pages = []
                for built, session in ((small, one), (big, other)):
                    client, chair, app_engine, prefix = _signed_in(built, session)
                    pages.append((app_engine, _steady_pages(built, session, client, chair,
                                                            prefix)))
                for (name, c1, url1, h1), (_n, c2, url2, h2) in zip(pages[0][1], pages[1][1],
                                                                     strict=True):
                    def at_small(c: FlaskClient = c1, u: str = url1,
                                 h: dict[str, str] | None = h1) -> bytes:
                        return _ok(c, u, h)

                    def at_big(c: FlaskClient = c2, u: str = url2,
                               h: dict[str, str] | None = h2) -> bytes:
                        return _ok(c, u, h)

                    with counting_queries(pages[1][0]) as queries:
                        size = len(at_big())
                    bench.compare(f"{name}, grown", at_big, at_small, f"same at {first}x",
                                  scale=scale, queries=queries.count,
                                  note=f"{size / 1024:.0f} kB vs {len(at_small()) / 1024:.0f} "
                                       f"kB; goal: within {GOAL:.0f}x")
            for engine in engines:
                engine.dispose()


def _ok(client: FlaskClient, url: str, headers: dict[str, str] | None) -> bytes:
    answer = client.get(url, headers=headers)
    assert answer.status_code == 200, (url, answer.status_code)
    return answer.data


def measure(bench: Bench) -> None:
    """Every scale above the smallest against the smallest, on scratch copies."""
    with tempfile.TemporaryDirectory() as folder:
        _side_by_side(bench, Path(folder))
