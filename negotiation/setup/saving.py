"""Saving a setting so that two people saving at once never overwrite each other silently."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from negotiation.errors import InvalidSetting, StaleEdit


@contextmanager
def saved_alone(session: Session, changed_meanwhile: str,
                taken: InvalidSetting | None = None) -> Iterator[None]:
    """Make the changes inside a savepoint and flush them there.

    Rows carry a version (``version_id_col``): an UPDATE written on a version someone else
    replaced meanwhile matches no row, and a unique constraint refuses a twin. Either way
    only the savepoint is rolled back, so the request can still show the page with the
    refusal, and the caller's words are kept in the form. ``changed_meanwhile`` is a
    message marked ``N_`` by the caller; ``taken`` the refusal of a twin, written with its
    parameters where the caller knows them.
    """
    try:
        with session.begin_nested():
            yield
    except StaleDataError as exc:
        raise StaleEdit(changed_meanwhile, written_on=None, current=None) from exc
    except IntegrityError as exc:
        if taken is None:
            raise
        raise taken from exc
