"""The pages a delegation reads during a rush, the chair's desk and the meeting page, the
draft page's poll, a new paragraph and circulating a revision, each at 1x, 3x and 10x
against the limit measured in the same run (how the steady pages grow with the cycle:
:mod:`benchmarks.measure_page_growth`).

- A page, end to end through the app (session, negotiation, queries, template), against
  the same bytes served by a bare Flask route from memory: what is left is our work.
- The draft page's poll after one comment: the changed section alone, against the whole
  list re-rendered (what the poll answered before).
- The meeting page's poll after one decision: the changed section of the agenda alone,
  against the whole agenda re-rendered (what the poll answered before).
- A new paragraph against a modification, both through the domain (rolled back).
- Circulating a revision through the domain, against the same entries copied by one
  INSERT ... SELECT in SQL (rolled back).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from benchmarks.cycle import Cycle, scratch_copy
from benchmarks.harness import Bench, counting_queries
from benchmarks.synthetic import NOW
from negotiation.actors import Actor
from negotiation.chairing.agenda import order_of_consideration
from negotiation.chairing.decisions import decide
from negotiation.draft.circulation import circulate_revision
from negotiation.enums import AmendmentKind, ParagraphKind, Role
from negotiation.models import Amendment, Delegation, Negotiation, Paragraph, Section
from negotiation.people.accounts import create_account
from negotiation.people.appointments import admit_delegations, appoint
from negotiation.proposals.submissions import (
    OPEN_TO_PROPOSALS,
    submit_new_paragraph,
    submit_proposal,
)
from negotiation.record.clock import FixedClock
from negotiation.record.database import make_engine, make_session_factory
from web import create_app

PASSWORD = "benchmark-password"
#: After the deadline for proposals, when the meeting decides.
AT_THE_MEETING = NOW + timedelta(days=3)


def _memory_client(body: bytes) -> FlaskClient:
    """A bare Flask app answering the same bytes from memory."""
    app = Flask("from_memory")

    @app.get("/")
    def page() -> bytes:
        return body

    return app.test_client()


def _signed_in(built: Cycle, session: Session) -> tuple[FlaskClient, FlaskClient, Engine, str]:
    """A delegate's client and the chair's, on the app, with the app's engine and the
    negotiation's address."""
    negotiation = session.get(Negotiation, built.negotiation_id)
    assert negotiation is not None
    delegation = session.scalars(
        select(Delegation).join(Amendment, Amendment.delegation_id == Delegation.id)
        .where(Amendment.negotiation_id == negotiation.id)).first()
    assert delegation is not None
    # The cycle's delegations take part in it (a mission's account acts only where its state
    # is admitted).
    admit_delegations(session, negotiation, session.scalars(select(Delegation)).all())
    create_account(session, "bench-delegate", PASSWORD, NOW, delegation_code=delegation.code)
    chair = create_account(session, "bench-chair", PASSWORD, NOW)
    appoint(session, negotiation, Actor(Role.ADMIN, "Bench"), chair, Role.CHAIR, NOW)
    session.commit()
    app = create_app({"DATABASE_URL": built.url, "SECRET_KEY": "bench", "TESTING": False,
                      "WTF_CSRF_ENABLED": False, "CLOCK": FixedClock(NOW),
                      "CLOCK_ADJUSTABLE": False})
    clients = []
    for username in ("bench-delegate", "bench-chair"):
        clients.append(app.test_client())
        clients[-1].post("/auth/login", data={"username": username, "password": PASSWORD})
    engine: Engine = app.config["SESSION_FACTORY"].kw["bind"]
    return clients[0], clients[1], engine, f"/{negotiation.committee.lower()}/{negotiation.cycle}"


def _page(bench: Bench, name: str, client: FlaskClient, engine: Engine, url: str,
          scale: int, headers: dict[str, str] | None = None) -> bytes:
    def ours() -> bytes:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200, (url, answer.status_code)
        return answer.data

    body = ours()
    memory = _memory_client(body)
    with counting_queries(engine) as queries:
        ours()
    bench.compare(name, ours, lambda: memory.get("/").data, "same bytes from memory",
                  scale=scale, queries=queries.count, note=f"{len(body) / 1024:.0f} kB")
    return body


def _pages(bench: Bench, built: Cycle) -> None:
    engine = make_engine(built.url)
    with make_session_factory(engine)() as session:
        client, chair, app_engine, prefix = _signed_in(built, session)
        busiest = session.scalar(
            select(Amendment.paragraph_id).where(Amendment.negotiation_id == built.negotiation_id)
            .group_by(Amendment.paragraph_id).order_by(func.count().desc()).limit(1))
        page = _page(bench, "draft page (first screen)", client, app_engine,
                     f"{prefix}/draft/", built.scale).decode()
        deferred = page.count('hx-trigger="revealed"')
        shown = page.count('class="section-marker"')
        print(f"    {shown} sections in full, {deferred} arrive as the reader scrolls")
        last = re.findall(r'id="section-([^"]+)"', page)[-1]
        _page(bench, "draft page, a later section", client, app_engine,
              f"{prefix}/draft/section/{last}", built.scale, headers={"HX-Request": "true"})
        _page(bench, "paragraph page (most proposals)", client, app_engine,
              f"{prefix}/draft/paragraph/{busiest}", built.scale)
        _page(bench, "chair's desk (first screen)", chair, app_engine, f"{prefix}/chair/",
              built.scale)
        _page(bench, "meeting page", chair, app_engine,
              f"{prefix}/meeting/", built.scale)
        _poll(bench, built, session, client, page)
        _meeting_poll(bench, built, session, chair, prefix)
    engine.dispose()


def _poll(bench: Bench, built: Cycle, session: Session, client: FlaskClient, page: str) -> None:
    poll = re.search(r'<div id="draft-poll" hx-get="([^"]+)"', page)
    assert poll is not None
    markers = re.findall(r'class="section-marker" name="m" value="([^"]+)"', page)
    whole = poll.group(1).replace("&amp;", "&")
    changed_only = whole + "&" + urlencode([("m", m) for m in markers])
    # One comment on a paragraph of the first section: the record moves, one section changes.
    first = session.scalars(
        select(Paragraph).join(Section, Paragraph.section_id == Section.id)
        .where(Paragraph.negotiation_id == built.negotiation_id,
               Paragraph.state.in_(list(OPEN_TO_PROPOSALS)))
        .order_by(Section.position, Paragraph.position)).first()
    assert first is not None
    author = session.scalars(select(Delegation).where(Delegation.code == "ARG")).first() \
        or session.scalars(select(Delegation)).first()
    assert author is not None
    submit_proposal(session, session.get(Negotiation, built.negotiation_id),  # type: ignore[arg-type]
                    Actor(Role.DELEGATION, "Bench", author.id), first, AmendmentKind.COMMENT,
                    NOW, written_on=first.current_version.id, comment="One more comment.")
    session.commit()
    htmx = {"HX-Request": "true"}

    def ours() -> bytes:
        return client.get(changed_only, headers=htmx).data

    def everything() -> bytes:
        return client.get(whole, headers=htmx).data

    bench.compare("draft poll after one comment", ours, everything, "whole list re-rendered",
                  scale=built.scale,
                  note=f"{len(ours()) / 1024:.1f} kB vs {len(everything()) / 1024:.0f} kB")


def _meeting_poll(bench: Bench, built: Cycle, session: Session, client: FlaskClient,
                  prefix: str) -> None:
    negotiation = session.get(Negotiation, built.negotiation_id)
    assert negotiation is not None
    chair = Actor(Role.CHAIR, "Bench chair")

    def defer_the_next() -> None:
        # Deferred rather than approved: the cycle's paragraphs still have open proposals.
        first = order_of_consideration(session, negotiation)[0]
        decide(session, negotiation, chair, first, "return_to_consultations", AT_THE_MEETING,
               reason="Bench")
        session.commit()

    defer_the_next()  # the first decision sets the agenda's frame (its decided list)
    page = client.get(f"{prefix}/meeting/").data.decode()
    poll = re.search(r'<div id="meeting-poll" hx-get="([^"]+)"', page)
    assert poll is not None
    # What the page sends with each poll (hx-include="#agenda-markers"): the agenda's shape
    # and each section's marker.
    shape = re.search(r'<input type="hidden" name="shape" value="([^"]+)">', page)
    markers = re.findall(r'class="agenda-marker" name="m" id="[^"]+" value="([^"]+)"', page)
    assert shape is not None and markers
    whole = poll.group(1).replace("&amp;", "&")
    changed_only = whole + "&" + urlencode([("shape", shape.group(1))]
                                           + [("m", m) for m in markers])
    defer_the_next()
    htmx = {"HX-Request": "true"}

    def ours() -> bytes:
        return client.get(changed_only, headers=htmx).data

    def everything() -> bytes:
        return client.get(whole, headers=htmx).data

    bench.compare("meeting poll after one decision", ours, everything,
                  "whole agenda re-rendered", scale=built.scale,
                  note=f"{len(ours()) / 1024:.1f} kB vs {len(everything()) / 1024:.0f} kB")


def _rolled_back(session: Session, act: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        savepoint = session.begin_nested()
        try:
            act()
        finally:
            savepoint.rollback()
            session.expire_all()

    return run


def _acts(bench: Bench, built: Cycle) -> None:
    engine = make_engine(built.url)
    with make_session_factory(engine)() as session:
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        section = session.scalars(select(Section).where(
            Section.negotiation_id == negotiation.id).order_by(Section.position.desc())).first()
        delegation = session.scalars(select(Delegation).order_by(Delegation.code.desc())).first()
        assert section is not None and delegation is not None
        # A paragraph this delegation has no open modification on (one open per paragraph).
        target = session.scalars(select(Paragraph).where(
            Paragraph.negotiation_id == negotiation.id,
            Paragraph.state.in_(list(OPEN_TO_PROPOSALS)),
            Paragraph.id.not_in(select(Amendment.paragraph_id).where(
                Amendment.delegation_id == delegation.id,
                Amendment.kind == AmendmentKind.MODIFY)))).first()
        assert target is not None
        delegate = Actor(Role.DELEGATION, "Bench delegate", delegation.id)
        chair = Actor(Role.CHAIR, "Bench chair")

        def new_paragraph() -> None:
            submit_new_paragraph(session, negotiation, delegate, section,
                                 ParagraphKind.OPERATIVE, "To invite a benchmark.", NOW)

        def modification() -> None:
            paragraph = session.get(Paragraph, target.id)
            assert paragraph is not None
            submit_proposal(session, negotiation, delegate, paragraph, AmendmentKind.MODIFY,
                            NOW, written_on=paragraph.current_version.id,
                            text=paragraph.current_version.text + " Benchmarked.")

        bench.compare("new paragraph vs a modification", _rolled_back(session, new_paragraph),
                      _rolled_back(session, modification), "a modification",
                      scale=built.scale)

        def circulate() -> None:
            circulate_revision(session, negotiation, chair, NOW, note="Benchmark")

        def copy_in_sql() -> None:
            # The limit: the same entries copied by the database alone (no labels).
            revision = session.execute(text(
                "INSERT INTO revision (negotiation_id, number, symbol, circulated_at, "
                "circulated_by, note) SELECT :n, max(number) + 1, 'bench', :at, 'bench', '' "
                "FROM revision WHERE negotiation_id = :n RETURNING id"),
                {"n": negotiation.id, "at": NOW}).scalar_one()
            session.execute(text(
                "INSERT INTO revision_entry (revision_id, paragraph_id, version_id, section_id, "
                "parent_id, kind, is_mandates, state, position, label) "
                "SELECT :r, p.id, (SELECT max(v.id) FROM paragraph_version v "
                "WHERE v.paragraph_id = p.id), p.section_id, p.parent_id, p.kind, "
                "p.is_mandates, p.state, p.position, '' FROM paragraph p "
                "WHERE p.negotiation_id = :n"), {"r": revision, "n": negotiation.id})

        bench.compare("circulating a revision", _rolled_back(session, circulate),
                      _rolled_back(session, copy_in_sql), "INSERT ... SELECT",
                      scale=built.scale)
    engine.dispose()


def measure(bench: Bench) -> None:
    """Each figure at each scale, on a scratch copy of the cycle."""
    with tempfile.TemporaryDirectory() as folder:
        for scale in bench.scales:
            with scratch_copy(scale, Path(folder)) as built:
                _pages(bench, built)
                _acts(bench, built)
