"""Schemathesis against the OpenAPI document of every service, in process: whatever a party or a
staff member sends, no answer is a 5xx and every answer is what the document says it may be.

Party tokens on the gateway protocol, an admin's (every role, every municipality) elsewhere. The
app runs on a copy of the loaded demo region, with its relays and consumers, in schemathesis' own
event loop thread; the schema is loaded from the routes at import, so collecting the suite opens
no database. Generation is derandomised with a fixed seed, so a run is the same on every machine;
all phases but the stateful one run, with 25 examples per operation: a few thousand requests,
about 45 s on two cores. test_bounds.py checks statically what a fuzzer finds only by luck.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.python import asgi

from services.runtime import create_app, embedded
from tests.support.openapi import every_service_document
from tests.support.regions import copy_loaded_region

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
PARTY = {"Authorization": "Bearer demo-aanbieder-98000001"}
STAFF = {"Authorization": "Bearer demo-staff-beheer"}
PROTOCOL = ("/gateway/v1/messages", "/gateway/v1/mailbox")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
CONFIG = SchemathesisConfig.from_dict({
    "seed": 20260401,
    "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
    "phases": {"coverage": {"unexpected-methods": ["DELETE"]}, "stateful": {"enabled": False}},
})


schemathesis.serializer.alias("application/toml", "text/plain")  # a region file: its text as the body
schema = schemathesis.openapi.from_dict(every_service_document(), config=CONFIG)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    var = tmp_path_factory.mktemp("fuzz")
    asyncio.run(copy_loaded_region(var, DEMO))
    yield create_app(embedded(var))  # its lifespan starts with the first call, in schemathesis' loop
    asgi.shutdown_lifespans()  # stops the runtime: relays, consumers, databases


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_is_a_server_error_and_every_answer_is_documented(case: schemathesis.Case, app: FastAPI) -> None:
    headers = PARTY if case.path.startswith(PROTOCOL) else STAFF
    case.validate_response(case.call(app=app, headers=headers), checks=CHECKS)
