"""Messages shown once on the next page ("Your comment was sent.").

Flask keeps them in the session cookie until a page shows them. A client that sends form
after form without reading a page (a script, or a delegation's tool during a rush) would
grow that cookie with every act, and every request would carry and sign it again: only the
latest few are kept.
"""

from __future__ import annotations

from flask import Flask, Response, session

#: How many unshown messages are kept; a person reads the last ones anyway.
KEPT = 5


def _keep_the_latest(response: Response) -> Response:
    waiting = session.get("_flashes")
    if waiting and len(waiting) > KEPT:
        session["_flashes"] = waiting[-KEPT:]
    return response


def init_app(app: Flask) -> None:
    app.after_request(_keep_the_latest)
