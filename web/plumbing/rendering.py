"""Answer a full page, or only its fragment when htmx asked for that piece alone."""

from __future__ import annotations

from typing import Any

from flask import render_template
from htmx_flask import request


def wants_fragment() -> bool:
    """An htmx request for a piece of the page (a boosted link wants the whole page)."""
    return bool(request.htmx) and not request.htmx.boosted


def render(page: str, fragment: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """The page (which includes the fragment) or, for htmx, the fragment by itself."""
    return render_template(fragment if wants_fragment() else page, **context), status
