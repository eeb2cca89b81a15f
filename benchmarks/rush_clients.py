"""The clients of the deadline rush: HTTP requests each on its own connection, a sign-in
through the forms, and a load of clients submitting for a while (one server worker
killed halfway if asked), with what they saw."""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HOST = "127.0.0.1"
#: A delegate's browser waits this long before giving up (bounded: the run always ends).
REQUEST_TIMEOUT = 60.0


def workers_of(master: int) -> list[int]:
    """The worker processes of a gunicorn master (its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(entry.name))
    return found


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: str


async def http(port: int, method: str, path: str, *, form: dict[str, str] | None = None,
               cookie: str = "", headers: dict[str, str] | None = None) -> Response:
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close it)."""
    body = urlencode(form).encode() if form is not None else b""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close",
             f"Content-Length: {len(body)}"]
    if form is not None:
        lines.append("Content-Type: application/x-www-form-urlencoded")
    if cookie:
        lines.append(f"Cookie: {cookie}")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    if not status_line.startswith("HTTP/"):
        raise ConnectionError("no HTTP answer")
    parsed: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        parsed.setdefault(name.strip().lower(), []).append(value.strip())
    return Response(int(status_line.split()[1]), parsed, rest.decode("utf-8", "replace"))


def session_cookie(response: Response, previous: str) -> str:
    for value in response.headers.get("set-cookie", []):
        if value.startswith("session="):
            return value.split(";", 1)[0]
    return previous


async def sign_in(port: int, username: str, password: str, page: str
                  ) -> tuple[str, str]:
    """Sign in through the form; returns the session cookie and a CSRF token for forms."""
    form = await http(port, "GET", "/auth/login")
    cookie = session_cookie(form, "")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.body)
    signed = await http(port, "POST", "/auth/login", cookie=cookie, form={
        "username": username, "password": password, "csrf_token": token.group(1) if token
        else ""})
    if signed.status not in (302, 303):
        raise RuntimeError(f"{username} could not sign in: {signed.status}")
    cookie = session_cookie(signed, cookie)
    reading = await http(port, "GET", page, cookie=cookie)
    cookie = session_cookie(reading, cookie)
    token = re.search(r'name="csrf_token" value="([^"]+)"', reading.body)
    if token is None:
        raise RuntimeError(f"{username}: no form on {page} ({reading.status})")
    return cookie, token.group(1)


@dataclass
class Outcome:
    """What the clients saw."""

    acknowledged: list[str] = field(default_factory=list)
    elapsed: float = 0.0  # from the first request to the last answer
    latencies: list[float] = field(default_factory=list)
    refused: dict[int, int] = field(default_factory=dict)  # 4xx by status: nothing stored
    server_errors: int = 0  # 5xx
    lost_connections: int = 0  # no answer in time (the killed worker's request among them)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return self.server_errors + self.lost_connections

    def throughput(self) -> float:
        """Acknowledged submissions per second, over the time the server took to answer
        everything it was sent (requests queued at the end of the window count)."""
        return len(self.acknowledged) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def load(port: int, master: int, submit: Any, seconds: float, *, clients: int,
               mark: str, tag: str, kill: bool) -> Outcome:
    """``clients`` clients submitting for ``seconds``, each comment made unique by ``mark``
    and ``tag`` (the round); with ``kill``, one worker of the server SIGKILLed halfway."""
    outcome = Outcome(seconds=seconds)
    start = time.monotonic()
    stop = start + seconds

    async def client(number: int) -> None:
        rng = random.Random(f"{tag}{number}")
        sent = 0
        while time.monotonic() < stop:
            sent += 1
            comment = f"{mark} {tag}{number}-{sent}"
            started = time.monotonic()
            try:
                answer = await asyncio.wait_for(submit(number, rng, comment), REQUEST_TIMEOUT)
            except (TimeoutError, OSError, ConnectionError, IndexError, ValueError):
                outcome.lost_connections += 1
                continue
            finished = time.monotonic()
            outcome.latencies.append(finished - started)
            outcome.elapsed = max(outcome.elapsed, finished - start)
            if answer.status in (302, 303):
                outcome.acknowledged.append(comment)
            elif answer.status >= 500:
                outcome.server_errors += 1
            else:
                outcome.refused[answer.status] = outcome.refused.get(answer.status, 0) + 1

    async def kill_one_worker() -> None:
        await asyncio.sleep(seconds / 2)
        victims = workers_of(master)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            print(f"  killed worker {victims[0]} at {seconds / 2:.0f} s of round {tag}",
                  flush=True)

    await asyncio.gather(*([kill_one_worker()] if kill else []),
                         *(client(n) for n in range(clients)))
    return outcome


def together(rounds: list[Outcome]) -> Outcome:
    """The rounds of one side as one load: what was acknowledged, refused or lost in any of
    them, over the time they took in all."""
    whole = Outcome(seconds=sum(r.seconds for r in rounds),
                    elapsed=sum(r.elapsed for r in rounds))
    for one in rounds:
        whole.acknowledged += one.acknowledged
        whole.latencies += one.latencies
        whole.server_errors += one.server_errors
        whole.lost_connections += one.lost_connections
        for status, count in one.refused.items():
            whole.refused[status] = whole.refused.get(status, 0) + count
    return whole
