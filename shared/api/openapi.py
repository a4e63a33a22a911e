"""The OpenAPI document says what the API answers on error: a problem document (RFC 9457).

FastAPI documents its own `{"detail": [...]}` validation body by default; every error status of
every operation is rewritten to `application/problem+json` with the `Problem` schema, and a
`default` response covers the statuses an operation does not list (401, 403, 409, 413, 500, …),
so a client generated from the document, and the schemathesis run in the suite, expect what
the services send. A route may document its own problem model (`responses={422: {"model": …}}`,
a subclass of `Problem`): its schema is kept, under the problem media type.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from shared.api.problems import PROBLEM_JSON, Problem

REF = "#/components/schemas/Problem"
FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def document_problems(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _rewrite(generate())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _rewrite(schema: dict[str, Any]) -> None:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if status == "default" or status[0] in "45":
                    response["content"] = {PROBLEM_JSON: {"schema": _own_schema(response)}}
                    if response.get("description") == "Validation Error":
                        response["description"] = "A field is not valid: each one named in `errors`"
            responses.setdefault("default", {"description": "A problem (RFC 9457)",
                                             "content": {PROBLEM_JSON: {"schema": {"$ref": REF}}}})
    for name in FASTAPI_VALIDATION:
        schemas.pop(name, None)


def _own_schema(response: dict[str, Any]) -> dict[str, Any]:
    """The problem model a route documented itself, else the generic `Problem`."""
    for media in response.get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        if ref and ref.rsplit("/", 1)[-1] not in FASTAPI_VALIDATION:
            return dict(media["schema"])
    return {"$ref": REF}
