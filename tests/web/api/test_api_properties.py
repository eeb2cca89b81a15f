"""Schemathesis against the served OpenAPI document, as a delegate and as the chair: no
answer is a server error, and every answer has the status, type and shape the document
gives it. The examples are bounded so the run stays under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings

#: Per operation: the run covers every operation, well under a minute in all.
EXAMPLES = 6


@pytest.mark.parametrize("who", ["mex", "chair"])
def test_every_operation_keeps_to_the_served_document(
    who: str, app: Flask, tokens: dict[str, str]
) -> None:
    # The document as the app serves it, the app called over WSGI, on the test's
    # rolled-back transaction.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {tokens[who]}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def keeps_to_it(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers)

        keeps_to_it()
