"""Every operation of the embedded app's OpenAPI, filled with real values of municipality A.

Path parameters come from the world's sources (see world.py); query parameters by name (every
required one, and optional ones that name a scope); a JSON body from `BODIES` by schema name, else
the schema's own example, else assembled from its fields' examples and defaults — with every field
that names a municipality set to A. What cannot be filled is reported, never skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable

from tests.authorisation.principals import A
from tests.authorisation.world import World

MUNICIPALITY_FIELDS = {"municipality": A, "municipalities": [A]}
BodyMaker = Callable[[World, dict[str, Any]], dict[str, Any]]
BODIES: dict[str, BodyMaker] = {
    "Credentials": lambda w, p: {"username": "authz.nobody", "password": "not-the-password-at-all"},
    "CancelIn": lambda w, p: {"reason": "authorisation test"},
    # The last held line of A: the operations on one line take theirs from the first.
    "BulkDecision": lambda w, p: {"decision": "approve", "reason": "authorisation test",
                                  "lines": [w.sources["queue"].entries[-1]]},
    "CreateRunIn": lambda w, p: {"due_up_to": str(w.today + timedelta(days=90))},
    "ReturnIn": lambda w, p: {"amount": w.run_transfers.get(p["provider"], 1), "reason": "AC04",
                              "returned_on": str(w.today)},
    "SettleIn": lambda w, p: {"contract_id": "98000002", "year": w.today.year, "due_on": str(w.today)},
}


class Unfillable(Exception):
    pass


@dataclass
class Operation:
    method: str
    path: str
    spec: dict[str, Any]
    params: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, Any] | None = None
    """The path parameters naming nothing, when the path names an object of A."""
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    content_type: str | None = None

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    def url(self, params: dict[str, Any] | None = None) -> str:
        chosen = self.params if params is None else params
        return re.sub(r"\{(\w+)\}", lambda m: str(chosen[m.group(1)]), self.path)

    @property
    def names_an_object(self) -> bool:
        return self.missing is not None


def operations(openapi: dict[str, Any], w: World) -> tuple[list[Operation], list[str]]:
    """Every operation filled, and a message for each one that could not be."""
    filled, problems, taken = [], [], {}
    for path, methods in openapi["paths"].items():
        for method, spec in methods.items():
            op = Operation(method.upper(), path, spec)
            try:
                _fill(op, openapi, w, taken)
            except Unfillable as why:
                problems.append(f"{op.name}: {why}")
                continue
            filled.append(op)
    return filled, problems


def _fill(op: Operation, openapi: dict[str, Any], w: World, taken: dict[str, int]) -> None:
    names = [p["name"] for p in op.spec.get("parameters", []) if p["in"] == "path"]
    if names:
        collection = op.path.split("/{", 1)[0].rsplit("/", 1)[-1]
        source = w.sources.get(collection)
        if source is None or not set(names) <= set(source.entries[0]):
            raise Unfillable(f"no source for the path parameters {names} of collection {collection!r}: "
                             "add one to `_harvest` in tests/authorisation/world.py")
        turn = taken[collection] = taken.get(collection, -1) + 1
        op.params = source.entries[turn % len(source.entries)]
        op.missing = source.missing
    for p in op.spec.get("parameters", []):
        if p["in"] == "query" and p["name"] in w.query:
            op.query[p["name"]] = w.query[p["name"]]
        elif p["in"] == "query" and p.get("required"):
            raise Unfillable(f"no value for the required query parameter {p['name']!r}: add it to "
                             "`World.query` in tests/authorisation/world.py")
    if "requestBody" in op.spec:
        op.content_type, op.body = _body(op, openapi, w)


def _body(op: Operation, openapi: dict[str, Any], w: World) -> tuple[str, Any]:
    content = op.spec["requestBody"]["content"]
    if "application/json" not in content:
        if "application/xml" in content:
            return "application/xml", w.xml
        if "application/toml" in content:  # a region file that loads nothing (422 for who may load one)
            return "application/toml", b'name = "authorisation test"\n'
        if "text/csv" in content:  # the providers' outcome scores (issue 17)
            return "text/csv", "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n98000001;;2026;7,8;;10\n"
        raise Unfillable(f"no body for {sorted(content)}: add one in tests/authorisation/operations.py")
    ref = content["application/json"]["schema"].get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    if name in BODIES:
        return "application/json", BODIES[name](w, op.params)
    return "application/json", _scoped(_from_schema(name, openapi, w))


def _from_schema(name: str, openapi: dict[str, Any], w: World) -> dict[str, Any]:
    schema = openapi["components"]["schemas"][name]
    if schema.get("examples"):
        return dict(schema["examples"][0])
    body = {}
    for prop in schema.get("required", []):
        body[prop] = _value(schema["properties"][prop], name, prop, openapi, w)
    return body


def _value(prop: dict[str, Any], schema: str, name: str, openapi: dict[str, Any], w: World) -> Any:
    if prop.get("examples"):
        return prop["examples"][0]
    if "default" in prop:
        return prop["default"]
    if prop.get("format") == "date":
        return str(w.today)
    if "$ref" in prop:
        return _from_schema(prop["$ref"].rsplit("/", 1)[-1], openapi, w)
    raise Unfillable(f"field {name!r} of {schema} has no example: give it `examples=[...]` or add a body "
                     "to BODIES in tests/authorisation/operations.py")


def _scoped(body: dict[str, Any]) -> dict[str, Any]:
    return {k: MUNICIPALITY_FIELDS.get(k, v) for k, v in body.items()}
