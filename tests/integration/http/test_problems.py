"""Bad input gets a problem document (RFC 9457) naming the field, and never a 500."""

from __future__ import annotations

import pytest

from tests.integration.http.conftest import ACCESS, ADMIN, CONTROLLER, FINANCE, PROBLEM_JSON

BOUNDS = [  # one request per class of bound: (method, path, headers, body, the field named)
    ("GET", "/invoicing/v1/queue?min_amount=9223372036854775808", FINANCE, None, "query.min_amount"),
    ("GET", "/payments/v1/reports/budget?year=10000", CONTROLLER, None, "query.year"),
    ("GET", "/payments/v1/reports/referrals?year=-2026", CONTROLLER, None, "query.year"),
    ("POST", "/payments/v1/advances/schedule", FINANCE, {"up_to": "9999-12-31"}, "body.up_to"),
    ("POST", "/payments/v1/runs", FINANCE, {"due_up_to": "0001-01-01"}, "body.due_up_to"),
    ("GET", "/allocation/v1/allocations/0193/9223372036854775808", ACCESS, None, "path.number"),
    ("GET", "/allocation/v1/allocations/01934/1", ACCESS, None, "path.municipality"),
    ("GET", "/gateway/v1/audit?limit=-1", ADMIN, None, "query.limit"),
    ("POST", "/allocation/v1/register/contracts/98000001/ceilings", ADMIN,
     {"year": 2027, "ceiling": 10**15}, "body.ceiling"),
    ("POST", "/invoicing/v1/queue/abc/R1/reject", FINANCE, {"reason": "wrong", "codes": ["93389"]}, "body.codes.0"),
]


@pytest.mark.parametrize(("method", "path", "headers", "body", "field"), BOUNDS, ids=[b[4] for b in BOUNDS])
async def test_a_value_out_of_bounds_is_a_422_problem_naming_the_field(demo, method, path, headers, body, field):
    _, client = demo
    answer = await client.request(method, path, headers=headers, json=body)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM_JSON
    problem = answer.json()
    assert problem["type"] == "urn:happyflow:problem:invalid-request" and problem["status"] == 422
    assert problem["instance"] == path.split("?")[0]
    assert [e["field"] for e in problem["errors"]] == [field]


async def test_a_422_never_echoes_the_input(demo):
    _, client = demo
    secret = "999900006" + "x" * 500_000
    answer = await client.post("/payments/v1/runs", json={"due_up_to": secret}, headers=FINANCE)
    assert answer.status_code == 422 and "999900006" not in answer.text and len(answer.content) < 1000


async def test_a_rule_refusal_is_a_422_problem_naming_the_rule(demo):
    _, client = demo
    answer = await client.post("/allocation/v1/register/budgets", json={
        "municipality": "0193", "year": 2027, "budget_line": "no-such-line", "amount": 100}, headers=ADMIN)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM_JSON
    problem = answer.json()
    assert problem["type"] == "urn:happyflow:problem:rule" and problem["errors"][0]["rule"] == "HF-BUDGET-LINE"
    assert problem["detail"] == problem["errors"][0]["message"]


async def test_an_unknown_object_is_a_404_problem(demo):
    _, client = demo
    answer = await client.post("/allocation/v1/register/contracts/no-such-contract/ceilings",
                               json={"year": 2027, "ceiling": 100}, headers=ADMIN)
    assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM_JSON
    assert (answer.json()["title"], answer.json()["detail"]) == ("Not Found", "no such contract")


async def test_a_missing_token_is_a_401_problem_that_still_names_the_scheme(demo):
    _, client = demo
    answer = await client.get("/invoicing/v1/queue")
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
    assert answer.json() == {"type": "about:blank", "title": "Unauthorized", "status": 401,
                             "detail": "a valid bearer token is required", "instance": "/invoicing/v1/queue"}


async def test_malformed_json_is_a_422_problem(demo):
    _, client = demo
    answer = await client.post("/payments/v1/runs", content=b'{"due_up_to": ', headers={
        **FINANCE, "Content-Type": "application/json"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["type"] == "json_invalid"
