"""The limit the served pages are measured against: the same bytes, read once from files into
memory and answered by a bare WSGI app under the same gunicorn settings as the product.

    BENCH_SAME_BYTES=/folder gunicorn 'benchmarks.same_bytes:app'

``GET /<name>`` answers the file ``<name>`` of the folder (loaded at the first request for it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

_bodies: dict[str, bytes] = {}


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Answer the named file's bytes from memory."""
    name = environ.get("PATH_INFO", "/").lstrip("/")
    body = _bodies.get(name)
    if body is None:
        path = Path(os.environ["BENCH_SAME_BYTES"]) / name
        if "/" in name or not path.is_file():
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        body = _bodies[name] = path.read_bytes()
    start_response("200 OK", [("Content-Type", "application/octet-stream"),
                              ("Content-Length", str(len(body)))])
    return [body]
