"""Operations declared once, with their typed request and answers: the view is checked
against them on every call and the OpenAPI 3.1 document is built from the same list.

A small adapter over pydantic rather than a framework (flask-openapi3, spectree): the API
shares the app's request plumbing (one database session, row locks, one-time keys, the
clock), which those frameworks would wrap in routing of their own; pydantic's JSON Schema
is already the 2020-12 dialect OpenAPI 3.1 uses, so the document needs no translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, Response, request
from pydantic import BaseModel, ValidationError

from negotiation.text.languages import N_
from web.api.errors import ApiRefusal
from web.api.schemas import ErrorAnswer

VERSION = "1"
_CONVERTED = re.compile(r"<(?:(\w+):)?(\w+)>")
#: Refusals every authenticated operation may answer.
_REFUSALS = {
    401: "No token, or a token that is unknown, revoked or expired.",
    403: "The token owner's part in the negotiation does not allow this.",
    404: "Nothing of that id in the token's negotiation.",
    409: "A conflict: the paragraph changed since the base version, or another act came "
         "first, or the negotiation is closed.",
    422: "Invalid input, or a move the procedure refuses (deadline passed, wrong state).",
}


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str
    endpoint: str
    summary: str
    body: type[BaseModel] | None
    answers: dict[int, type[BaseModel]]
    tag: str
    description: str = ""


@dataclass
class Api:
    """The operations of a blueprint, in the order they were declared."""

    blueprint: Blueprint
    operations: list[Operation] = field(default_factory=list)
    #: Endpoints served without a token (the document and its page).
    public: set[str] = field(default_factory=set)

    def operation(
        self, method: str, rule: str, *, summary: str, answers: dict[int, type[BaseModel]],
        tag: str, body: type[BaseModel] | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
        """Declare and route one operation. The view gets the URL's values, and ``body``
        (the parsed request) when it takes one; it returns a model of one of ``answers``,
        or ``(status, model)``."""

        def register(view: Callable[..., Any]) -> Callable[..., Response]:
            @wraps(view)
            def checked(**values: Any) -> Response:
                if body is not None:
                    values["body"] = parse(body)
                answer = view(**values)
                status, model = answer if isinstance(answer, tuple) else (min(answers), answer)
                if not isinstance(model, answers.get(status, ())):
                    # The document promised another shape: a defect of ours, never sent.
                    raise TypeError(f"{view.__name__} answered {type(model).__name__} "
                                    f"with {status}, not what its operation declares")
                return Response(model.model_dump_json(), status, mimetype="application/json")

            self.blueprint.add_url_rule(rule, view.__name__, checked, methods=[method])
            self.operations.append(Operation(
                method.lower(), rule, view.__name__, summary, body, answers, tag,
                (view.__doc__ or "").strip()))
            return checked

        return register

    def public_route(self, rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Route a GET that needs no token and is no operation of the document."""

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            self.blueprint.add_url_rule(rule, view.__name__, view, methods=["GET"])
            self.public.add(f"{self.blueprint.name}.{view.__name__}")
            return view

        return register

    def is_public(self, endpoint: str) -> bool:
        return endpoint in self.public


def parse(model: type[BaseModel]) -> BaseModel:
    """The request's JSON body as ``model``, or a 422 that names every field at fault."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiRefusal(422, "invalid_input", N_("The request's body must be a JSON object "
                         "(Content-Type: application/json)."))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
            for e in exc.errors(include_url=False, include_input=False))
        raise ApiRefusal(422, "invalid_input", problems[:2000]) from None


def _schema_of(model: type[BaseModel], components: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _path_and_parameters(rule: str) -> tuple[str, list[dict[str, Any]]]:
    parameters = []
    for converter, name in _CONVERTED.findall(rule):
        schema: dict[str, Any] = ({"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
                                  if converter == "int" else {"type": "string"})
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return _CONVERTED.sub(r"{\2}", rule), parameters


def _json(schema: dict[str, str]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def document(api: Api, prefix: str, title: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``api``'s operations, served under ``prefix``."""
    components: dict[str, Any] = {}
    error = _schema_of(ErrorAnswer, components)
    paths: dict[str, dict[str, Any]] = {}
    for op in api.operations:
        path, parameters = _path_and_parameters(op.rule)
        if op.method == "post":
            parameters.append({
                "name": "Idempotency-Key", "in": "header", "required": False,
                "description": "Send the same key again and get the first answer, nothing "
                               "done twice (a refused request keeps no answer).",
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,100}$"}})
        responses: dict[str, Any] = {
            str(status): {"description": "OK", **_json(_schema_of(model, components))}
            for status, model in op.answers.items()}
        for status, meaning in _REFUSALS.items():
            responses[str(status)] = {"description": meaning, **_json(error)}
        if op.method == "post":
            responses["413"] = {"description": "The body is too large.", **_json(error)}
        entry: dict[str, Any] = {
            "operationId": op.endpoint, "summary": op.summary, "tags": [op.tag],
            "parameters": parameters, "responses": responses}
        if op.description:
            entry["description"] = op.description
        if op.body is not None:
            entry["requestBody"] = {"required": True, **_json(_schema_of(op.body, components))}
        paths.setdefault(prefix + path, {})[op.method] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": VERSION,
                 "description": "Read and act in one negotiation with a personal API token "
                                "(made on the API tokens page), as its owner would through "
                                "the forms: the same checks, deadlines and refusals."},
        "paths": paths,
        "components": {"schemas": components, "securitySchemes": {
            "token": {"type": "http", "scheme": "bearer",
                      "description": "A personal API token: `Authorization: Bearer omn_...`"}}},
        "security": [{"token": []}],
    }
