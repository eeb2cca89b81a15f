"""How every benchmark measures and prints: ours against a baseline or a peer, side by side
in the same run, the median of several repeats, and the ratio.

A benchmark is a module ``benchmarks/measure_<what>.py`` with a function
``measure(bench: Bench) -> None`` that calls :meth:`Bench.compare` once per figure (usually
once per scale in ``bench.scales``); ``python -m benchmarks`` finds and runs them all.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event


@dataclass(frozen=True)
class Result:
    """One figure: our time and the baseline's, each the median of the repeats."""

    name: str
    scale: int | None
    ours: float
    peer: float
    peer_name: str
    queries: int | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        """How many times the baseline's time ours takes (1.0: as fast; below 1: faster)."""
        return self.ours / self.peer if self.peer else float("inf")


def _seconds(value: float) -> str:
    return f"{value * 1e3:9.1f} ms" if value < 10 else f"{value:9.2f} s "


@dataclass
class Bench:
    """The run's settings and its results so far."""

    scales: tuple[int, ...] = (1, 3, 10)
    repeat: int = 5
    results: list[Result] = field(default_factory=list)

    def compare(
        self,
        name: str,
        ours: Callable[[], object],
        peer: Callable[[], object],
        peer_name: str,
        *,
        scale: int | None = None,
        number: int = 1,
        repeat: int | None = None,
        queries: int | None = None,
        note: str = "",
    ) -> Result:
        """Time ``ours`` and ``peer`` alternately (so a busy moment of the machine falls on
        both), ``number`` calls per repeat, and print the medians and the ratio."""
        ours(), peer()  # warm both: imports, caches a real server would hold
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(repeat or self.repeat):
            mine.append(_timed(ours, number))
            theirs.append(_timed(peer, number))
        result = Result(name, scale, statistics.median(mine), statistics.median(theirs),
                        peer_name, queries, note)
        self.results.append(result)
        self.print(result)
        return result

    def print(self, result: Result) -> None:
        scale = f"{result.scale}x" if result.scale is not None else ""
        queries = f"  {result.queries} queries" if result.queries is not None else ""
        note = f"  ({result.note})" if result.note else ""
        print(f"{result.name:<36} {scale:>4}  ours {_seconds(result.ours)}  "
              f"{result.peer_name} {_seconds(result.peer)}  ours/peer {result.ratio:6.2f}"
              f"{queries}{note}", flush=True)


def _timed(function: Callable[[], object], number: int) -> float:
    started = time.perf_counter()
    for _ in range(number):
        function()
    return (time.perf_counter() - started) / number


class QueryCount:
    """The number of statements sent to the database while it was counting."""

    def __init__(self) -> None:
        self.count = 0


@contextmanager
def counting_queries(engine: Engine) -> Iterator[QueryCount]:
    """Count the SQL statements ``engine`` executes inside the block."""
    counter = QueryCount()

    def count(*_: object) -> None:
        counter.count += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", count)
