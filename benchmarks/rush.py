"""The deadline rush: 35 delegations x 10 clients send comments through HTTP to the app
served by gunicorn (4 workers) on PostgreSQL, and the same load goes to a trivial INSERT
endpoint (the limit) served the same way, in alternating rounds of 10 s (three each, so a
busy moment of the machine falls on both); in the middle round one worker of each is
killed. It prints throughput, p50/p99, errors, the statements one submission sends (counted
and named), the ratio to the trivial insert, round by round and in all, and checks in the
database that every acknowledged submission is stored exactly once.

    python -m benchmarks.rush                     # BENCH_POSTGRES_URL names the database

The database (default ``postgresql+psycopg://postgres@127.0.0.1:5432/bench_rush``) is
created if missing and wiped: never point it at a database that matters. Load goes to
127.0.0.1 only, bounded in clients, time and per-request timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from benchmarks.rush_clients import (
    HOST,
    Outcome,
    Response,
    http,
    load,
    sign_in,
    together,
)
from benchmarks.rush_database import (
    DEFAULT_URL,
    DELEGATIONS,
    MARK,
    PASSWORD,
    any_account,
    prepare,
    stored_exactly_once,
    usernames,
)
from negotiation.record.clock import SystemClock
from web.plumbing.replays import new_form_key

ROOT = Path(__file__).resolve().parent.parent
CLIENTS_EACH, SECONDS, WORKERS = 10, 30.0, 4
#: Each side's load comes in this many rounds, the two sides alternating.
ROUNDS = 3
PRODUCT = "web:create_app()"

#: Why each statement of one submission reads or writes its table (what a person checks the
#: count by), by its first word and its table.
WHY = {
    "SELECT account": "who is signed in (the session's account), with the negotiation the "
                      "URL names and their part in it (appointment, mission admitted)",
    "SELECT delegation": "the delegation they act for, when not their own mission (active?)",
    "SELECT paragraph": "the paragraph proposed on: locked first, then read with its section "
                        "and current version (a stale text is refused)",
    "SELECT negotiation": "proposals open: the first draft (rev. 0) circulated, and the "
                          "submission deadlines (the section's own or the draft's)",
    "SELECT late_leave": "the chair's late leave, once the deadline has passed",
    "UPDATE negotiation": "the next proposal number, on SQLite (UPDATE ... RETURNING)",
    "WITH proposal": "the next proposal number (the negotiation row's UPDATE ... RETURNING, "
                     "under its lock), the proposal stored with it (a duplicate open one is "
                     "refused) and the record of the act: one statement on PostgreSQL",
    "INSERT amendment": "the proposal stored (a duplicate open one is refused)",
    "INSERT record_entry": "the record of the act",
    "INSERT form_receipt": "the form's one-time key claimed: a form sent twice (a double "
                           "click, a replay) answers as the first did instead of acting again",
    "UPDATE form_receipt": "the answer kept with the key, in the transaction of the act",
}


# --- The servers ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(app: str, url: str, root: Path | None = None
             ) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """gunicorn serving ``app`` with 4 sync workers on 127.0.0.1, stopped on leaving; the
    product through ``scripts/serve-production`` when the checkout has it. ``root`` is
    another checkout of the product (an earlier version, to measure beside this one): it is
    served with its own code, by this environment's gunicorn with the same settings."""
    port = _free_port()
    env = dict(os.environ, NEGOTIATION_DATABASE_URL=url,
               NEGOTIATION_SECRET_KEY="rush-benchmark-key-" + str(port),
               NEGOTIATION_BIND=f"{HOST}:{port}", NEGOTIATION_WORKERS=str(WORKERS))
    env.pop("NEGOTIATION_CLOCK", None)  # the real clock, as in production (see EVE)
    production = ROOT / "scripts" / "serve-production"
    if root is not None:
        # Its settings by file, not as a module: importing ``web`` in the master would
        # give the workers this checkout's package instead of the other's.
        arguments = [str(Path(sys.executable).with_name("gunicorn")), "--config",
                     str(root / "web" / "gunicorn_settings.py"), "--chdir", str(root), app]
    elif app == PRODUCT and production.exists():
        # The README's production command itself (it execs gunicorn: its pid is the master).
        arguments = [str(production)]
    else:
        arguments = [str(Path(sys.executable).with_name("gunicorn")), app, "--workers",
                     str(WORKERS), "--bind", f"{HOST}:{port}", "--timeout", "30",
                     "--log-level", "warning"]
    # Its access log (a line per request) is not the benchmark's output; errors still are.
    server = subprocess.Popen(arguments, cwd=root or ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn {app} did not start")
        yield port, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- Queries of one submission --------------------------------------------------------


def statements_of_one_submission(url: str, prefix: str, target: tuple[int, int]) -> list[str]:
    """The statements one comment sends, counted in this process on the same database."""
    from web import create_app

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "rush", "WTF_CSRF_ENABLED": False,
                      "CLOCK": SystemClock()})
    client = app.test_client()
    signed = client.post("/auth/login", data={"username": f"{MARK}-arg", "password": PASSWORD})
    if signed.status_code not in (302, 303):
        username = any_account(url)
        client.post("/auth/login", data={"username": username, "password": PASSWORD})
    engine: Engine = app.config["SESSION_FACTORY"].kw["bind"]
    client.get(f"{prefix}/draft/paragraph/{target[0]}")
    statements: list[str] = []

    def note(_c: Any, _cu: Any, statement: str, *_a: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        answer = client.post(f"{prefix}/proposals/paragraph/{target[0]}", data={
            "kind": "comment", "written_on": str(target[1]), "comment": f"{MARK} counted",
            "form_key": new_form_key()})
    finally:
        event.remove(engine, "before_cursor_execute", note)
    if answer.status_code not in (302, 303):
        raise RuntimeError(f"the counted submission was refused: {answer.status_code}")
    engine.dispose()
    return statements


def _table_of(statement: str) -> str:
    # The statement's own table, not one of a subquery (EXISTS (SELECT ... FROM ...)).
    while re.search(r"\([^()]*\)", statement):
        statement = re.sub(r"\([^()]*\)", "", statement)
    found = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement)
    return found.group(1) if found else "?"


# --- The run --------------------------------------------------------------------------


def _report(name: str, outcome: Outcome) -> None:
    print(f"  {name:<22} {outcome.throughput():7.1f} acknowledged/s "
          f"({len(outcome.acknowledged)} in {outcome.elapsed:.0f} s)   "
          f"p50 {outcome.percentile(0.5) * 1e3:7.0f} ms   "
          f"p99 {outcome.percentile(0.99) * 1e3:7.0f} ms   "
          f"5xx {outcome.server_errors}   no answer {outcome.lost_connections}   "
          f"refused {outcome.refused or 0}", flush=True)


def run(url: str, seconds: float = SECONDS) -> int:
    """The whole benchmark; returns 0 when nothing acknowledged was lost or doubled."""
    print(f"Deadline rush on {make_url(url).render_as_string(hide_password=True)}: "
          f"{DELEGATIONS} delegations x {CLIENTS_EACH} clients, {seconds:.0f} s each in "
          f"{ROUNDS} alternating rounds, gunicorn {WORKERS} workers, one killed in the "
          "middle round.", flush=True)
    prefix, targets = prepare(url)

    statements = statements_of_one_submission(url, prefix, targets[0])
    print(f"  one submission sends {len(statements)} statements:")
    for statement in statements:
        verb, table = statement.split()[0], _table_of(statement)
        print(f"    {verb:<7} {table:<18} {WHY.get(f'{verb} {table}', '')}")

    with gunicorn(PRODUCT, url) as (port, server), \
            gunicorn("benchmarks.trivial_insert:create_app()", url) as (limit, trivial_server):
        async def sessions() -> list[tuple[str, str]]:
            page = f"{prefix}/draft/paragraph/{targets[0][0]}"
            return await asyncio.gather(*(
                sign_in(port, name, PASSWORD, page) for name in usernames(url)))

        signed = asyncio.run(sessions())

        async def submit(number: int, rng: random.Random, comment: str) -> Response:
            cookie, token = signed[number % len(signed)]
            paragraph_id, version_id = rng.choice(targets)
            # As a browser sends the form: with the one-time key of the page it came from.
            return await http(port, "POST", f"{prefix}/proposals/paragraph/{paragraph_id}",
                              cookie=cookie, headers={"X-CSRFToken": token},
                              form={"kind": "comment", "written_on": str(version_id),
                                    "comment": comment, "form_key": new_form_key()})

        async def insert(_number: int, _rng: random.Random, comment: str) -> Response:
            return await http(limit, "POST", "/insert", form={"comment": comment})

        sides = {"ours": (port, server.pid, submit), "trivial": (limit, trivial_server.pid,
                                                                 insert)}
        rounds: dict[str, list[Outcome]] = {"ours": [], "trivial": []}
        each = seconds / ROUNDS
        for number in range(ROUNDS):
            # Alternating which side goes first, so neither always follows the other.
            for side in (("ours", "trivial") if number % 2 == 0 else ("trivial", "ours")):
                address, master, act = sides[side]
                rounds[side].append(asyncio.run(load(
                    address, master, act, each, clients=DELEGATIONS * CLIENTS_EACH,
                    mark=MARK, tag=f"r{number + 1}.", kill=number == ROUNDS // 2)))
            ratio = rounds["ours"][-1].throughput() / max(rounds["trivial"][-1].throughput(),
                                                          1e-9)
            print(f"  round {number + 1}: the app {rounds['ours'][-1].throughput():.0f}/s, "
                  f"trivial INSERT {rounds['trivial'][-1].throughput():.0f}/s, "
                  f"ratio {ratio:.2f}", flush=True)
    ours, trivial = together(rounds["ours"]), together(rounds["trivial"])
    _report("the app's submissions", ours)
    _report("trivial INSERT", trivial)

    lost, duplicated, unacknowledged = stored_exactly_once(url, ours.acknowledged)
    ratio = ours.throughput() / trivial.throughput() if trivial.throughput() else 0.0
    print(f"  ratio to the trivial INSERT: {ratio:.2f} (goal >= 0.50)")
    print(f"  acknowledged {len(ours.acknowledged)}: lost {lost}, duplicated {duplicated}; "
          f"stored but never acknowledged (answer lost with the killed worker): "
          f"{unacknowledged}", flush=True)
    return 0 if lost == duplicated == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rush")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    args = parser.parse_args(argv)
    return run(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL), args.seconds)


if __name__ == "__main__":
    raise SystemExit(main())
