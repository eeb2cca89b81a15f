"""Backing up and restoring the whole database, with each engine's own means.

PostgreSQL: ``pg_dump`` in its custom format, restored by ``pg_restore`` in one
transaction. SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a
consistent snapshot while the app keeps serving. A restore goes only into an empty
database, so it never mixes with or overwrites what is there.

``python -m negotiation.record.backup create FILE`` and
``python -m negotiation.record.backup restore FILE`` act on the configured database
(NEGOTIATION_DATABASE_URL) or on ``--database URL``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import URL, inspect, make_url

from negotiation.record.database import database_url, make_engine

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupFailed(Exception):
    """The backup or the restore could not be made; the message says why."""


def backup(url: str, target: Path) -> None:
    """Write a backup of the database at ``url`` to the file ``target``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        source = _sqlite_path(parsed)
        if not source.exists():
            raise BackupFailed(f"There is no SQLite database at {source}.")
        _sqlite_copy(source, target)
    elif parsed.get_backend_name() == "postgresql":
        _run_pg("pg_dump", parsed, ["--format=custom", "--no-owner", "--no-privileges",
                                    f"--file={target}"])
    else:
        raise BackupFailed(f"No backup for {parsed.get_backend_name()} databases.")


def restore(source: Path, url: str) -> None:
    """Restore the backup file ``source`` into the empty database at ``url``."""
    parsed = make_url(url)
    header = source.read_bytes()[:16] if source.exists() else b""
    if not header:
        raise BackupFailed(f"There is no backup at {source}.")
    tables = _tables(url) if _exists(parsed) else []
    if tables:
        raise BackupFailed(
            f"The database already holds {len(tables)} tables ({', '.join(tables[:3])}, ...): "
            "a backup is restored only into an empty database."
        )
    if parsed.get_backend_name() == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupFailed(f"{source} is not a SQLite backup.")
        _sqlite_copy(source, _sqlite_path(parsed))
    elif parsed.get_backend_name() == "postgresql":
        if not header.startswith(PG_DUMP_HEADER):
            raise BackupFailed(f"{source} is not a PostgreSQL backup (pg_dump's custom format).")
        _run_pg("pg_restore", parsed, ["--no-owner", "--no-privileges", "--exit-on-error",
                                       "--single-transaction", str(source)])
    else:
        raise BackupFailed(f"No restore for {parsed.get_backend_name()} databases.")


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("An in-memory SQLite database has nothing to back up or restore.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()


def _exists(url: URL) -> bool:
    return url.get_backend_name() != "sqlite" or _sqlite_path(url).exists()


def _tables(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        return sorted(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _run_pg(tool: str, url: URL, arguments: list[str]) -> None:
    """Run pg_dump or pg_restore on the database; the password goes by environment, not
    on the command line where other users of the machine could read it."""
    if shutil.which(tool) is None:
        raise BackupFailed(f"{tool} is not installed (Debian: postgresql-client).")
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    libpq = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run([tool, f"--dbname={libpq}", *arguments], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupFailed(f"{tool} failed: {done.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    """The ``create`` and ``restore`` commands."""
    parser = argparse.ArgumentParser(prog="python -m negotiation.record.backup")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("create", "write a backup of the database to FILE"),
                           ("restore", "restore FILE into the (empty) database")):
        command = sub.add_parser(name, help=helptext)
        command.add_argument("file", type=Path)
        command.add_argument("--database", default=None, help="database URL (default: configured)")
    args = parser.parse_args(argv)
    url = args.database or database_url()
    try:
        if args.command == "create":
            backup(url, args.file)
            print(f"Backup of {make_url(url).render_as_string()} written to {args.file}.")
        else:
            restore(args.file, url)
            print(f"{args.file} restored into {make_url(url).render_as_string()}.")
    except BackupFailed as exc:
        print(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
