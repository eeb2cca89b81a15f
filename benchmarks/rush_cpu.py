"""Whose CPU a rush spends: the app's gunicorn workers, PostgreSQL's backends serving its
database, and the load generator itself, read from the processes' own counters (Linux
``/proc``) while the load runs, so that a figure per submission can be set beside the
machine's cores: at a rate r on c cores, the three together can spend at most c / r of CPU
time per submission.

The processes are sampled every half second: a worker killed mid-run counts up to its last
sample, and the one gunicorn starts in its place from its first.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path

#: Clock ticks a second, the unit of /proc/<pid>/stat's CPU times.
_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far, or None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process that can be read."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace")
        except (OSError, ValueError, IndexError):
            continue
        found.append((int(entry.name), parent, command))
    return found


@dataclass
class Spent:
    """CPU seconds each party spent while the load ran."""

    app: float = 0.0
    database: float = 0.0
    load: float = 0.0
    _first: dict[int, float] = field(default_factory=dict)
    _last: dict[int, float] = field(default_factory=dict)
    _party: dict[int, str] = field(default_factory=dict)

    def per(self, submissions: int) -> dict[str, float]:
        """Milliseconds of CPU a submission for each party, and their sum."""
        if not submissions:
            return {}
        shares = {"app": self.app, "PostgreSQL": self.database, "load generator": self.load}
        shares["all"] = sum(shares.values())
        return {name: seconds * 1e3 / submissions for name, seconds in shares.items()}


class CpuMeter:
    """Samples the app server's processes (``master`` and its workers) and the PostgreSQL
    backends connected to ``database`` until stopped; the load generator is this process."""

    def __init__(self, master: int, database: str) -> None:
        self.master, self.database = master, database
        self.spent = Spent()
        self._task: asyncio.Task[None] | None = None
        self._self_start = 0.0

    def _sample(self) -> None:
        spent = self.spent
        for pid, parent, command in _processes():
            if pid == self.master or parent == self.master:
                party = "app"
            elif command.startswith("postgres: ") and f" {self.database} " in command:
                party = "database"
            else:
                continue
            seconds = _cpu_seconds(pid)
            if seconds is None:
                continue
            spent._first.setdefault(pid, seconds)
            spent._last[pid] = seconds
            spent._party[pid] = party

    async def _run(self) -> None:
        while True:
            self._sample()
            await asyncio.sleep(0.5)

    def start(self) -> None:
        self._self_start = _own_cpu()
        self._sample()
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> Spent:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._sample()
        spent = self.spent
        for pid, last in spent._last.items():
            used = last - spent._first[pid]
            if spent._party[pid] == "app":
                spent.app += used
            else:
                spent.database += used
        spent.load = _own_cpu() - self._self_start
        return spent


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
