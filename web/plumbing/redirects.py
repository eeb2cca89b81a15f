"""Where a request may send the browser next: only back into this site.

Forms carry the page to return to (``back``, ``next``); a link crafted elsewhere could put
another site there and use our sign-in page to send people to a look-alike. Browsers read
more than the standards say: ``//host`` and ``/\\host`` lead away, and tabs or line breaks
inside a URL are dropped before it is read (so ``/<tab>/host`` is ``//host``). Only a plain
path on this site passes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, url_for
from werkzeug.wrappers import Response


def is_local_path(target: str | None) -> bool:
    """Whether ``target`` is a path on this site, and nothing a browser could read otherwise."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if "\\" in target or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def local_target(target: str | None, endpoint: str = "start.index", **values: object) -> str:
    """``target`` when it is a path on this site, else the URL of ``endpoint``."""
    return target if target is not None and is_local_path(target) else url_for(endpoint, **values)


def redirect_back(
    target: str | None, endpoint: str = "start.index", **values: object
) -> Response:
    """A 303 to ``target`` if it stays on this site, else to ``endpoint``."""
    return redirect(local_target(target, endpoint, **values), 303)
