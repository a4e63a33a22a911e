"""The generator reports what it cannot fill instead of skipping it, and fills what it can."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.authorisation.operations import operations
from tests.authorisation.policy import rule_of
from tests.authorisation.world import Source, World

WORLD = World(None, None, frozenset({"0193", "0150"}), date(2026, 12, 6),  # type: ignore[arg-type]
              sources={"widgets": Source([{"widget_id": "w1"}], {"widget_id": "nope"})}, query={"year": 2026})


def openapi(path: str, parameters: list[dict[str, Any]], body_schema: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"parameters": parameters}
    if body_schema is not None:
        operation["requestBody"] = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}}}
    return {"paths": {path: {"post": operation}}, "components": {"schemas": {"In": body_schema or {}}}}


def test_a_path_parameter_without_a_source_is_reported_with_what_to_add():
    ops, problems = operations(openapi("/x/v1/gadgets/{gadget_id}", [{"name": "gadget_id", "in": "path"}]), WORLD)
    assert ops == [] and "'gadgets'" in problems[0] and "world.py" in problems[0]


def test_a_required_query_parameter_or_body_field_without_a_value_is_reported():
    query = [{"name": "colour", "in": "query", "required": True}]
    body = {"required": ["reason"], "properties": {"reason": {"type": "string"}}}
    assert "'colour'" in operations(openapi("/x/v1/widgets", query), WORLD)[1][0]
    assert "'reason'" in operations(openapi("/x/v1/widgets", [], body), WORLD)[1][0]


def test_parameters_come_from_sources_and_municipality_fields_name_a():
    body = {"required": ["municipality", "on"], "properties": {
        "municipality": {"type": "string", "examples": ["0150"]}, "on": {"type": "string", "format": "date"}}}
    (op,), problems = operations(openapi("/x/v1/widgets/{widget_id}/do", [
        {"name": "widget_id", "in": "path"}, {"name": "year", "in": "query", "required": True}], body), WORLD)
    assert problems == [] and op.url() == "/x/v1/widgets/w1/do" and op.url(op.missing) == "/x/v1/widgets/nope/do"
    assert op.query == {"year": 2026} and op.body == {"municipality": "0193", "on": "2026-12-06"}


def test_a_route_under_a_new_prefix_has_no_rule_until_someone_writes_one():
    assert rule_of("GET", "/x/v1/widgets") is None
    assert rule_of("POST", "/allocation/v1/register/products").scope == "region"
