"""The deadline rush as users make it: an open loop. Submissions arrive at a stated rate
(Poisson arrivals, seeded), each sent when it arrives whether or not the earlier ones were
answered, as 35 delegations' people do on the eve of a deadline; the closed loop of
:mod:`benchmarks.rush` (each client waiting for its answer) measures throughput instead.

The mix is what a deadline hour brings: modifications (a changed text, stored with its
word diff), new paragraphs, comments and joins of another delegation's proposal. Latency
runs from the moment a submission arrives (so a server falling behind shows in it), p50
and p99 beside the trivial INSERT endpoint's at the same rate; one app worker is killed
halfway; then the database is checked: every acknowledged submission stored exactly once.

    python -m benchmarks.rush_open --rate 100 --seconds 20

The goal: p99 under 300 ms at 100 submissions a second, a hundred times a real deadline
hour. Load
goes to 127.0.0.1 only, bounded in count (rate x seconds), in flight and in time.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import re
import signal
import time
from collections.abc import Coroutine
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from benchmarks.rush import PRODUCT, gunicorn
from benchmarks.rush_clients import REQUEST_TIMEOUT, Response, http, sign_in, workers_of
from benchmarks.rush_cpu import CpuMeter, Spent
from benchmarks.rush_database import (
    DEFAULT_URL,
    MARK,
    PASSWORD,
    prepare,
    stored_exactly_once,
    usernames,
)
from negotiation.enums import AmendmentKind, AmendmentState
from negotiation.models import (
    Account,
    Amendment,
    AmendmentSupport,
    Paragraph,
    ParagraphVersion,
)
from negotiation.record.database import make_engine, make_session_factory
from web.plumbing.replays import new_form_key

RATE, SECONDS = 100.0, 20.0
#: Arrivals beyond this many unanswered are not sent and counted: the run stays bounded
#: even against a server that stopped answering.
IN_FLIGHT = 2000
#: Out of 20 submissions: what a deadline hour brings, the texts first.
MIX = ("modify",) * 6 + ("new",) * 3 + ("comment",) * 7 + ("join",) * 4


@dataclass
class Targets:
    """What the rush's delegations can act on, each act used once (one open modification
    per delegation and paragraph; one join per delegation and proposal)."""

    prefix: str
    texts: list[tuple[int, int, str]]  # (paragraph, current version, its text)
    sections: list[int]
    joinable: list[tuple[int, int]]  # (proposal, its delegation)
    delegation_of: dict[str, int]  # username: delegation id
    taken: set[tuple[int, int]] = field(default_factory=set)  # (delegation, paragraph)


def targets(url: str, prefix: str, open_paragraphs: list[tuple[int, int]]) -> Targets:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        ids = [pid for pid, _version in open_paragraphs]
        texts = [(pid, vid, text) for pid, vid, text in session.execute(
            select(Paragraph.id, ParagraphVersion.id, ParagraphVersion.text)
            .join(ParagraphVersion, ParagraphVersion.paragraph_id == Paragraph.id)
            .where(ParagraphVersion.id.in_([vid for _pid, vid in open_paragraphs])))]
        sections = sorted(set(session.scalars(
            select(Paragraph.section_id).where(Paragraph.id.in_(ids)))))
        joinable = [(aid, did) for aid, did in session.execute(
            select(Amendment.id, Amendment.delegation_id).where(
                Amendment.paragraph_id.in_(ids), Amendment.state == AmendmentState.SUBMITTED,
                Amendment.kind.in_([AmendmentKind.MODIFY, AmendmentKind.DELETE,
                                    AmendmentKind.NEW])))]
        taken = {(did, pid) for did, pid in session.execute(
            select(Amendment.delegation_id, Amendment.paragraph_id)
            .where(Amendment.kind == AmendmentKind.MODIFY,
                   Amendment.state == AmendmentState.SUBMITTED))}
        joined = {(aid, did) for aid, did in session.execute(
            select(AmendmentSupport.amendment_id, AmendmentSupport.delegation_id))}
        delegation_of = {name: did for name, did in session.execute(
            select(Account.username, Account.delegation_id)
            .where(Account.username.like(f"{MARK}-%")))}
    engine.dispose()
    # A join is kept in ``taken`` as (-delegation, proposal), beside the modifications.
    return Targets(prefix, texts, sections, joinable, delegation_of,
                   taken | {(-did, aid) for aid, did in joined})


def refusal_message(page: str) -> str:
    """What a refused submission's page told the person (its first error or notice)."""
    said = re.search(r'<p class="(?:flash [a-z]+|field-error)"[^>]*>(.*?)</p>', page, re.S)
    return html.unescape(said.group(1)).strip() if said else page[:120]


def changed(text: str, token: str) -> str:
    """A delegation's modification: a word replaced and the token added, so the stored
    diff has a deletion and insertions."""
    words = text.split()
    if len(words) > 3:
        words[len(words) // 2] = "strengthened"
    return " ".join(words) + f" ({token})"


@dataclass
class Seen:
    """What the submissions of one side met."""

    sent: int = 0
    not_sent: int = 0  # over IN_FLIGHT
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # tokens (comments)
    joins: list[tuple[int, int]] = field(default_factory=list)  # (proposal, delegation)
    refused: dict[int, int] = field(default_factory=dict)
    #: Each refusal's message once, with the kind of submission that met it first.
    refusals: dict[str, str] = field(default_factory=dict)
    server_errors: int = 0
    no_answer: int = 0
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    answered_in: float = 0.0  # from the first arrival to the last answer

    def percentile(self, share: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.latencies if values is None else values)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def open_loop(send: object, rate: float, seconds: float, seed: str,
                    kill_master: int | None) -> Seen:
    """Arrivals at ``rate`` a second for ``seconds``; each ``send(number, rng)`` returns
    (kind, the request's coroutine, what an acknowledgement stores) or None when nothing
    is left to act on."""
    seen = Seen()
    rng = random.Random(seed)
    start = time.monotonic()
    moments: list[float] = []
    moment = 0.0
    while True:  # the schedule, fixed before the run (a seeded Poisson process)
        moment += rng.expovariate(rate)
        if moment >= seconds:
            break
        moments.append(moment)
    in_flight: set[asyncio.Task[None]] = set()

    async def one(number: int, due: float) -> None:
        made = send(number, rng)  # type: ignore[operator]
        if made is None:
            seen.not_sent += 1
            return
        kind, request, stored = made
        try:
            answer: Response = await asyncio.wait_for(request, REQUEST_TIMEOUT)
        except (TimeoutError, OSError, ConnectionError, IndexError, ValueError):
            seen.no_answer += 1
            return
        latency = time.monotonic() - due
        seen.answered_in = max(seen.answered_in, time.monotonic() - start)
        seen.latencies.append(latency)
        seen.by_kind.setdefault(kind, []).append(latency)
        if answer.status in (302, 303):
            if isinstance(stored, tuple):
                seen.joins.append(stored)
            else:
                seen.acknowledged.append(stored)
        elif answer.status >= 500:
            seen.server_errors += 1
        else:
            seen.refused[answer.status] = seen.refused.get(answer.status, 0) + 1
            seen.refusals.setdefault(refusal_message(answer.body), kind)

    async def kill_one_worker() -> None:
        await asyncio.sleep(seconds / 2)
        victims = workers_of(kill_master) if kill_master else []
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            print(f"    killed worker {victims[0]} at {seconds / 2:.0f} s", flush=True)

    killer = asyncio.ensure_future(kill_one_worker()) if kill_master else None
    for number, due_in in enumerate(moments):
        wait = start + due_in - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        if len(in_flight) >= IN_FLIGHT:
            seen.not_sent += 1
            continue
        seen.sent += 1
        task = asyncio.ensure_future(one(number, start + due_in))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
    if in_flight:
        await asyncio.gather(*in_flight)
    if killer is not None:
        await killer
    return seen


def _line(name: str, seen: Seen, rate: float) -> None:
    print(f"  {name:<24} {rate:5.0f}/s offered, {seen.sent} sent   "
          f"p50 {seen.percentile(0.5) * 1e3:6.0f} ms   p99 {seen.percentile(0.99) * 1e3:6.0f} ms"
          f"   5xx {seen.server_errors}   no answer {seen.no_answer}   "
          f"refused {seen.refused or 0}   not sent {seen.not_sent}   "
          f"all answered in {seen.answered_in:.1f} s", flush=True)
    for message, kind in seen.refusals.items():
        print(f"    refused ({kind}): {message}", flush=True)


def run_open(url: str, rate: float = RATE, seconds: float = SECONDS,
             peer: Path | None = None, peer_last: bool = False) -> int:
    """The open-loop rush; returns 0 when nothing acknowledged was lost or doubled.
    ``peer``: another checkout of the product (an earlier version), served beside this one
    and sent the same load, in the same run, before this one (after it with
    ``peer_last``: run both orders, the second side meets a fuller database)."""
    print(f"Open-loop rush on {make_url(url).render_as_string(hide_password=True)}: "
          f"{rate:.0f} submissions/s for {seconds:.0f} s (modifications, new paragraphs, "
          "comments, joins), the trivial INSERT at the same rate"
          + (f", the product as checked out in {peer}" if peer else "")
          + ", one app worker killed halfway.", flush=True)
    prefix, open_paragraphs = prepare(url)
    found = targets(url, prefix, open_paragraphs)
    names = usernames(url)
    database = make_url(url).database or ""
    with gunicorn(PRODUCT, url) as (port, server), \
            gunicorn("benchmarks.trivial_insert:create_app()", url) as (limit, trivial_server), \
            (gunicorn(PRODUCT, url, root=peer) if peer else nullcontext((0, None))) as (
                peer_port, peer_server):
        async def sessions(at: int) -> list[tuple[str, str]]:
            page = f"{prefix}/draft/paragraph/{found.texts[0][0]}"
            return await asyncio.gather(*(sign_in(at, name, PASSWORD, page)
                                          for name in names))

        signed_at = {port: asyncio.run(sessions(port))}
        if peer_server is not None:
            signed_at[peer_port] = asyncio.run(sessions(peer_port))

        signed_port = port

        def ours(number: int, rng: random.Random, port: int = port
                 ) -> tuple[str, object, object] | None:
            who = number % len(names)
            cookie, token = signed_at[port][who]
            delegation = found.delegation_of[names[who]]
            headers = {"X-CSRFToken": token}
            mark = f"{MARK} open-{'peer-' if port != signed_port else ''}{number}"
            kind = rng.choice(MIX)
            if kind == "modify":
                free = [t for t in found.texts if (delegation, t[0]) not in found.taken]
                if not free:
                    kind = "comment"
                else:
                    pid, vid, text = rng.choice(free)
                    found.taken.add((delegation, pid))
                    return kind, http(port, "POST", f"{prefix}/proposals/paragraph/{pid}",
                                      cookie=cookie, headers=headers, form={
                                          "kind": "modify", "written_on": str(vid),
                                          "text": changed(text, mark), "comment": mark,
                                          "form_key": new_form_key()}), mark
            if kind == "join":
                # Beside a peer, each side joins its own half of the proposals: the side
                # that runs second must not find them all joined already.
                side = int(port != signed_port) if peer else None
                free_joins = [(aid, did) for aid, did in found.joinable
                              if did != delegation and (-delegation, aid) not in found.taken
                              and (side is None or aid % 2 == side)]
                if not free_joins:
                    kind = "comment"
                else:
                    aid, _owner = rng.choice(free_joins)
                    found.taken.add((-delegation, aid))
                    return kind, http(port, "POST", f"{prefix}/proposals/{aid}/join",
                                      cookie=cookie, headers=headers,
                                      form={"form_key": new_form_key()}), (aid, delegation)
            if kind == "new":
                section = rng.choice(found.sections)
                return kind, http(port, "POST", f"{prefix}/proposals/section/{section}/new",
                                  cookie=cookie, headers=headers, form={
                                      "kind": "operative", "comment": mark,
                                      "text": f"To welcome the work of the rush, {mark}.",
                                      "form_key": new_form_key()}), mark
            pid, vid, _text = rng.choice(found.texts)
            return "comment", http(port, "POST", f"{prefix}/proposals/paragraph/{pid}",
                                   cookie=cookie, headers=headers, form={
                                       "kind": "comment", "written_on": str(vid),
                                       "comment": mark, "form_key": new_form_key()}), mark

        def trivial(number: int, _rng: random.Random) -> tuple[str, object, object]:
            mark = f"trivial open-{number}"
            return "insert", http(limit, "POST", "/insert", form={"comment": mark}), mark

        limit_seen, limit_cpu = asyncio.run(_metered(
            open_loop(trivial, rate, seconds, "open-trivial", None), trivial_server.pid,
            database))
        def earlier(number: int, rng: random.Random) -> tuple[str, object, object] | None:
            return ours(number, rng, peer_port)

        def run_peer() -> tuple[Seen, Spent]:
            assert peer_server is not None
            return asyncio.run(_metered(
                open_loop(earlier, rate, seconds, "open-peer", peer_server.pid),
                peer_server.pid, database))

        if peer_server is not None and not peer_last:
            peer_seen, peer_cpu = run_peer()
        ours_seen, ours_cpu = asyncio.run(_metered(
            open_loop(ours, rate, seconds, "open-ours", server.pid), server.pid, database))
        if peer_server is not None and peer_last:
            peer_seen, peer_cpu = run_peer()
    _line("trivial INSERT", limit_seen, rate)
    if peer_server is not None:
        _line("the peer checkout's", peer_seen, rate)
    _line("the app's submissions", ours_seen, rate)
    cores = os.cpu_count() or 1
    print(f"  CPU per answered request, ms (the {cores} cores give "
          f"{cores * 1e3 / rate:.1f} ms a request at {rate:.0f}/s, for all three together):")
    sides = [("trivial INSERT", limit_seen, limit_cpu)]
    if peer_server is not None:
        sides.append(("the peer checkout's", peer_seen, peer_cpu))
    sides.append(("the app's submissions", ours_seen, ours_cpu))
    for name, seen, spent in sides:
        shares = spent.per(len(seen.latencies))
        print(f"    {name:<24} " + "   ".join(f"{party} {ms:5.2f}"
                                                for party, ms in shares.items()), flush=True)
    for kind, values in sorted(ours_seen.by_kind.items()):
        print(f"    {kind:<10} {len(values):5d} answered   "
              f"p50 {ours_seen.percentile(0.5, values) * 1e3:6.0f} ms   "
              f"p99 {ours_seen.percentile(0.99, values) * 1e3:6.0f} ms")
    p99 = ours_seen.percentile(0.99)
    print(f"  p99 {p99 * 1e3:.0f} ms at {rate:.0f}/s (goal < 300 ms): "
          f"{'met' if p99 < 0.3 else 'not met'}")

    # Both versions of the product stored into the same database: each acknowledged
    # submission of either must be there once.
    acknowledged = ours_seen.acknowledged + (peer_seen.acknowledged if peer else [])
    joins = ours_seen.joins + (peer_seen.joins if peer else [])
    lost, duplicated, unacknowledged = stored_exactly_once(url, acknowledged)
    joins_lost, joins_doubled = _joins_stored(url, joins)
    print(f"  acknowledged {len(acknowledged)} proposals and "
          f"{len(joins)} joins: lost {lost + joins_lost}, duplicated "
          f"{duplicated + joins_doubled}; stored but never acknowledged (answer lost with "
          f"the killed worker): {unacknowledged}", flush=True)
    return 0 if lost == duplicated == joins_lost == joins_doubled == 0 else 1


async def _metered(load: Coroutine[Any, Any, Seen], master: int, database: str
                   ) -> tuple[Seen, Spent]:
    """The load's outcome, and the CPU the server ``master``, the database's backends and
    this process spent while it ran."""
    meter = CpuMeter(master, database)
    meter.start()
    seen = await load
    return seen, await meter.stop()


def _joins_stored(url: str, acknowledged: list[tuple[int, int]]) -> tuple[int, int]:
    """(lost, duplicated) among the acknowledged joins."""
    engine = make_engine(url)
    with engine.connect() as connection:
        counts = {(aid, did): count for aid, did, count in connection.execute(
            select(AmendmentSupport.amendment_id, AmendmentSupport.delegation_id,
                   func.count()).group_by(AmendmentSupport.amendment_id,
                                          AmendmentSupport.delegation_id))}
    engine.dispose()
    lost = sum(1 for pair in acknowledged if pair not in counts)
    return lost, sum(1 for count in counts.values() if count > 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rush_open")
    parser.add_argument("--rate", type=float, default=RATE, help="submissions a second")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--peer", type=Path, help="another checkout of the product (e.g. "
                        "`git worktree add` of an earlier commit) sent the same load, beside "
                        "this one")
    parser.add_argument("--peer-last", action="store_true",
                        help="send the peer its load after this checkout's, not before")
    args = parser.parse_args(argv)
    return run_open(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL), args.rate,
                    args.seconds, args.peer.resolve() if args.peer else None, args.peer_last)


if __name__ == "__main__":
    raise SystemExit(main())
