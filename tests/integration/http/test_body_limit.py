"""A JSON body over 1 MB is refused with a 413 problem before it is parsed, or even read whole."""

from __future__ import annotations

from collections.abc import AsyncIterator

from tests.integration.http.conftest import FINANCE, PROBLEM_JSON

CHUNK = b" " * (100 * 1024)


class Body:
    """100 MB of JSON in 100 kB chunks that counts how many were read."""

    def __init__(self) -> None:
        self.read = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"due_up_to": "2026-12-31", "padding": "'
        for _ in range(1000):
            self.read += 1
            yield CHUNK
        yield b'"}'


async def test_a_declared_length_over_the_limit_is_refused_before_a_byte_is_read(demo):
    _, client = demo
    body = Body()
    answer = await client.post("/payments/v1/runs", content=body, headers={
        **FINANCE, "Content-Type": "application/json", "Content-Length": str(100 * 1024 * 1024)})
    assert answer.status_code == 413 and answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json()["type"] == "urn:happyflow:problem:body-too-large" and body.read == 0


async def test_a_streamed_body_is_cut_off_where_it_passes_the_limit(demo):
    _, client = demo
    body = Body()
    answer = await client.post("/payments/v1/runs", content=body, headers={
        **FINANCE, "Content-Type": "application/json"})
    assert answer.status_code == 413 and answer.json()["detail"] == "the request body may be at most 1 MB"
    assert body.read <= 11


async def test_the_gateway_still_takes_xml_messages_over_the_json_limit(demo):
    _, client = demo
    two_mb = b'<?xml version="1.0" encoding="UTF-8"?><x>' + b" " * (2 * 1024 * 1024) + b"</x>"
    answer = await client.post("/gateway/v1/messages", content=two_mb, headers={
        "Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"})
    assert answer.status_code == 422 and answer.json()["type"] == "urn:happyflow:problem:level-1"
