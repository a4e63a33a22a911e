"""Security headers on every answer; nothing that may hold personal data is cacheable."""

from __future__ import annotations

import httpx

from services.runtime import create_app
from tests.integration.allocation.conftest import CLIENT, demo, issue  # noqa: F401 (fixture)

SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


async def test_an_answer_holding_a_bsn_may_not_be_stored(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    answer = await client.get(f"/allocation/v1/allocations/0193/{issued['allocation_number']}",
                              headers={"Authorization": "Bearer demo-staff-toegang.zwolle"})
    assert CLIENT in answer.text and answer.headers["cache-control"] == "no-store"


async def test_every_answer_carries_the_security_headers_errors_included(demo):
    _, client = demo
    for answer in (await client.get("/health"), await client.get("/invoicing/v1/queue"),
                   await client.get("/invoicing/v1/no/such/path")):
        assert SECURITY.items() <= answer.headers.items()
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


async def test_the_api_forbids_any_content_and_the_docs_load_only_from_us(demo):
    _, client = demo
    api = (await client.get("/openapi.json")).headers["content-security-policy"]
    docs = (await client.get("/docs")).headers["content-security-policy"]
    assert api.startswith("default-src 'none';") and "script-src" not in api
    assert "script-src 'self';" in docs and "http" not in docs and "'unsafe-inline'" not in docs.split("script-src")[1].split(";")[0]


async def test_hsts_only_over_https(demo):
    runtime, client = demo
    app = create_app(runtime, manage_runtime=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://happyflow") as tls:
        assert (await tls.get("/health")).headers["strict-transport-security"].startswith("max-age=")
    assert "strict-transport-security" not in (await client.get("/health")).headers
