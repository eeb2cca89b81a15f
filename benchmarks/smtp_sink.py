"""A local mail server in a process of its own, as a real one is: aiosmtpd accepting every
message and keeping nothing, so that neither side of the mail benchmark shares its
interpreter (and its GIL) with the server.

    python -m benchmarks.smtp_sink PORT
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.smtp import SMTP

HOST = "127.0.0.1"


class Accepting:
    """Accepts every message and counts it (nothing is kept: the benchmark measures sending)."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        return "250 Message accepted for delivery"


async def _serve(port: int) -> None:
    handler = Accepting()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname=HOST), HOST, port)
    stopping = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    async with server:
        await stopping.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def mail_server() -> Iterator[int]:
    """The server started in its own process on a free port (yielded), stopped on leaving."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.smtp_sink", str(port)],
                               env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark's mail server did not start") from None
                time.sleep(0.05)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    asyncio.run(_serve(int(sys.argv[1])))
