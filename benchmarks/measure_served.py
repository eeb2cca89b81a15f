"""What the user waits for, end to end: the product served by ``scripts/serve-production``
(gunicorn, 4 workers) on PostgreSQL, read over HTTP by a signed-in delegate and chair, at
each scale, against the limit measured in the same run: the very same bytes answered from
memory by a bare WSGI app under the same gunicorn (:mod:`benchmarks.same_bytes`).

- Pages: the draft's first screen, the paragraph with the most proposals, the comparison
  text's page (the delegate); the chair's desk and the meeting page (the chair).
- Documents: the comparison text as HTML, Word and PDF, the first build (what the first
  reader after a change waits for: the stored copies are deleted before each try, one small
  DELETE counted in ours) apart from the stored copy (every reader after the first). A build
  that outlasts the request's short wait sends the reader to its progress page; the time
  counted runs until the file arrives.

The cycle is the synthetic one (:mod:`benchmarks.cycle`), copied into a scratch PostgreSQL
database (``BENCH_SERVED_URL``, default ``bench_served`` on 127.0.0.1: it is wiped).

    scripts/bench --only served --scales 1 3 10 30
"""

from __future__ import annotations

import http.client
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from sqlalchemy import func, select, text

from benchmarks.cycle import cycle
from benchmarks.harness import Bench
from benchmarks.rush import PRODUCT, gunicorn
from benchmarks.rush_clients import HOST
from benchmarks.served_database import CHAIR, DEFAULT_URL, DELEGATE, PASSWORD, served_copy
from negotiation.models import Amendment
from negotiation.record.database import make_engine

#: A document build may take this long before the benchmark calls it failed.
BUILD_LIMIT = 600.0


class Reader:
    """One signed-in person's HTTP client (a connection per request: gunicorn's sync workers
    close it after each answer)."""

    def __init__(self, port: int, username: str, language: str = "") -> None:
        self.port, self.cookie, self.location = port, "", ""
        self.language = language  # sent as Accept-Language: the pages in that language
        form = self.get("/auth/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', form)
        status, _ = self.request("POST", "/auth/login", {
            "username": username, "password": PASSWORD,
            "csrf_token": token.group(1).decode() if token else ""})
        if status != 303:
            raise RuntimeError(f"{username} could not sign in ({status})")

    def request(self, method: str, path: str, form: dict[str, str] | None = None
                ) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=BUILD_LIMIT)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if self.language:
            headers["Accept-Language"] = self.language
        body = urlencode(form) if form is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            if cookie.startswith("session="):
                self.cookie = cookie.split(";", 1)[0]
        self.location = answer.headers.get("Location", "")
        return answer.status, content

    def get(self, path: str) -> bytes:
        status, content = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return content

    def document(self, path: str) -> bytes:
        """A document's file, following the build's progress page until the file is there."""
        started = time.monotonic()
        status, content = self.request("GET", path)
        if status == 200:
            return content
        if status != 303 or "/builds/" not in self.location:
            raise RuntimeError(f"GET {path}: {status} {content[:200]!r}")
        file = urlsplit(self.location).path.rstrip("/") + "/file"
        while time.monotonic() - started < BUILD_LIMIT:
            status, content = self.request("GET", file)
            if status == 200:
                return content
            time.sleep(0.05)
        raise RuntimeError(f"{path}: not built within {BUILD_LIMIT:.0f} s")


def measure(bench: Bench) -> None:
    url = os.environ.get("BENCH_SERVED_URL", DEFAULT_URL)
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as folder:
        os.environ["BENCH_SAME_BYTES"] = folder
        for scale in bench.scales:
            built = cycle(scale)
            prefix = served_copy(built, url)
            with gunicorn(PRODUCT, url) as (port, _), \
                    gunicorn("benchmarks.same_bytes:app", url) as (memory_port, _):
                _measure_scale(bench, scale, url, prefix, port, memory_port, Path(folder))


def _measure_scale(bench: Bench, scale: int, url: str, prefix: str, port: int,
                   memory_port: int, folder: Path) -> None:
    delegate, chair = Reader(port, DELEGATE), Reader(port, CHAIR)
    memory = http.client.HTTPConnection  # one per request, as for ours

    def same_bytes(name: str, body: bytes) -> Callable[[], bytes]:
        (folder / name).write_bytes(body)

        def peer() -> bytes:
            connection = memory(HOST, memory_port, timeout=60)
            try:
                connection.request("GET", f"/{name}")
                return connection.getresponse().read()
            finally:
                connection.close()
        return peer

    engine = make_engine(url)
    with engine.connect() as connection:
        busiest = connection.scalar(
            select(Amendment.paragraph_id).group_by(Amendment.paragraph_id)
            .order_by(func.count().desc()).limit(1))
    pages = (
        ("draft page, first screen", delegate, f"{prefix}/draft/"),
        ("paragraph page, most proposals", delegate, f"{prefix}/draft/paragraph/{busiest}"),
        ("comparison text page", delegate, f"{prefix}/documents/comparison"),
        ("chair's desk, first screen", chair, f"{prefix}/chair/"),
        ("meeting page", chair, f"{prefix}/meeting/"),
    )
    for number, (name, reader, path) in enumerate(pages):
        body = reader.get(path)
        bench.compare(f"served: {name}", lambda r=reader, p=path: r.get(p),
                      same_bytes(f"page-{number}", body), "same bytes from memory, served",
                      scale=scale, note=f"{len(body) / 1024:.0f} kB")

    def forget_builds() -> None:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM document_build"))

    for fmt in ("html", "docx", "pdf"):
        path = f"{prefix}/documents/comparison.{fmt}"

        def first(p: str = path) -> bytes:
            forget_builds()
            return delegate.document(p)

        body = first()
        peer = same_bytes(f"comparison.{fmt}", body)
        slow = fmt == "pdf" and scale >= 10
        bench.compare(f"served: comparison text .{fmt}, first build", first, peer,
                      "same bytes from memory, served", scale=scale,
                      repeat=1 if slow else None, note=f"{len(body) / 1024:.0f} kB")
        bench.compare(f"served: comparison text .{fmt}, stored copy",
                      lambda p=path: delegate.document(p), peer,
                      "same bytes from memory, served", scale=scale)
    engine.dispose()
