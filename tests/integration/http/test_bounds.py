"""Every input of every service is bounded in the OpenAPI document: a route added without bounds
fails here, before a fuzzer has to be lucky enough to send it 2^63."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.support.openapi import every_service_document

LOW, HIGH = {"minimum", "exclusiveMinimum"}, {"maximum", "exclusiveMaximum"}
BOUNDED = {  # each set: one of its keywords must be there
    "integer": (LOW, HIGH),
    "number": (LOW, HIGH),
    "date": ({"formatMinimum"}, {"formatMaximum"}),
    "array": ({"maxItems"},),
}


def unbounded_inputs() -> Iterator[str]:
    document = every_service_document()
    schemas = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                yield from _unbounded(parameter["schema"], f"{where} {parameter['in']}.{parameter['name']}", schemas)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                yield from _unbounded(body["schema"], f"{where} body", schemas)


def _unbounded(schema: dict[str, Any], at: str, schemas: dict[str, Any]) -> Iterator[str]:
    if "$ref" in schema:
        yield from _unbounded(schemas[schema["$ref"].rsplit("/", 1)[-1]], at, schemas)
        return
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        yield from _unbounded(option, at, schemas)
    kind = "date" if schema.get("format") == "date" else schema.get("type")
    if kind == "object":
        for name, field in schema.get("properties", {}).items():
            yield from _unbounded(field, f"{at}.{name}", schemas)
    elif kind == "array":
        yield from _unbounded(schema.get("items", {}), f"{at}[]", schemas)
    if kind == "string" and not ({"maxLength", "pattern", "enum", "const", "format"} & set(schema)):
        yield f"{at}: a string without maxLength, pattern or enum"
    missing = [" or ".join(sorted(keys)) for keys in BOUNDED.get(kind or "", ()) if not keys & set(schema)]
    if missing:
        yield f"{at}: {kind} without {', '.join(missing)}"


def test_every_number_date_string_and_list_any_service_takes_is_bounded():
    found = list(unbounded_inputs())
    assert not found, "\n".join(found)
