"""Result rows copied into plain named tuples, for code that reads their columns by name
again and again: a SQLAlchemy result row's read by name costs about fifteen times a tuple
field's (0.6 µs against 0.04 µs), and numbering a draft reads each column several times.
And rows left as the driver made them, for statements read by the thousand."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, Executable, Result


@cache
def _row_type(names: tuple[str, ...]) -> Any:
    # One class per shape of result: a few statements read rows this way.
    return namedtuple("PlainRow", names)


def plain_rows(result: Result[Any]) -> list[Any]:
    """The result's rows as named tuples, read by the result's column names."""
    make = _row_type(tuple(result.keys()))._make
    return list(map(make, result))


def driver_rows(connection: Connection, statement: Executable,
                values: Mapping[str, object]) -> list[tuple[Any, ...]]:
    """The statement's rows as the database's driver returns them: plain tuples of its
    values, which SQLAlchemy does not convert. Only for columns it would not convert anyway
    (integers, texts, values read as stored). The statement runs through the connection
    as any other (its transaction, its events); only the rows are not made into
    SQLAlchemy's: a big committee's Akoma Ntoso file reads thousands of them, and making
    and freeing each cost more than using it."""
    result = connection.execute(statement, values)
    try:
        rows: list[tuple[Any, ...]] = result.cursor.fetchall()
    finally:
        result.close()
    return rows
