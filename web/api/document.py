"""The API's description: the OpenAPI document, and a page listing the operations for
people (served from here, nothing fetched from elsewhere)."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Response, jsonify, render_template

from web.api import (  # noqa: F401  (their operations, in the document)
    decisions,
    drafting,
    following_up,
    reads,
    sends,
)
from web.api.blueprint import PREFIX, api
from web.api.openapi import document

TITLE = "Omnibus negotiation tracker API"


@cache
def openapi_document() -> dict[str, Any]:
    """Built once per process: the operations are fixed when the app starts."""
    return document(api, PREFIX, TITLE)


@api.public_route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


@api.public_route("/")
def index() -> str:
    """Every operation, its address, what it takes and what it answers."""
    return render_template("api/index.html", title=TITLE, prefix=PREFIX,
                           operations=api.operations)
