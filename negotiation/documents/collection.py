"""Python's cycle collector held off while a document is built.

A comparison text at a big committee's size is tens of thousands of live objects (views,
lists of changes, template frames). Building it makes the collector run several full passes
over everything the process holds, each finding nothing to free: those objects are freed by
reference counting when the document is done. The passes cost as much as half the build.
The collector is one per process, so the pause covers every thread; it ends when the last
build that asked for it ends, and whatever cycles were made meanwhile are collected then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many blocks hold the collector off, and whether it ran before the first did."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False


_pauses = _Pauses()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Automatic cycle collection off for the block (and any other thread's meanwhile), on
    again as it was once the last such block ends, whether it raised or not."""
    with _pauses.lock:
        if _pauses.holders == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.holders += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.holders -= 1
            if _pauses.holders == 0 and _pauses.was_enabled:
                gc.enable()
