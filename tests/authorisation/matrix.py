"""Every operation × every principal: what each must answer, and the calls made to find out.

Per operation the principals who must be refused call first, then the one the rule grants it to,
then the others it allows: only allowed calls change anything, so a refusal is always tried
against the object as the harvest found it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx

from tests.authorisation.operations import Operation
from tests.authorisation.policy import OWN, PARTY, PUBLIC, REGION, Rule, rule_of
from tests.authorisation.principals import A, PROVIDER_A, Principal
from tests.authorisation.world import World


class Expect(StrEnum):
    ANY = "any answer but a server error (a public operation)"
    UNAUTHENTICATED = "401"
    FORBIDDEN = "403"
    HIDDEN = "404, exactly as for an object that does not exist"
    DENIED = "403 or 404"
    GRANTED = "to get through (not 401, 403 or 404)"
    ALLOWED = "any answer but a server error, within the caller's scope"


REFUSALS = (Expect.UNAUTHENTICATED, Expect.FORBIDDEN, Expect.HIDDEN, Expect.DENIED, Expect.ANY)


@dataclass(frozen=True)
class Call:
    op: Operation
    principal: Principal
    expect: Expect
    status: int
    body: Any
    missing_status: int | None = None
    """The answer to the same call naming an object that does not exist (for HIDDEN)."""


def expect(rule: Rule, op: Operation, p: Principal, region: frozenset[str]) -> Expect:
    if PUBLIC in rule.who:
        return Expect.ANY
    if PARTY in rule.who:
        return _party_rule(op, p)
    if p.kind != "staff":
        return Expect.UNAUTHENTICATED
    if p.only_audits:
        return Expect.GRANTED if op.method in ("GET", "HEAD") else Expect.FORBIDDEN
    if not p.holds(rule.who):
        return Expect.FORBIDDEN
    if rule.scope == OWN:
        return Expect.GRANTED
    if p.regional(region):
        return Expect.GRANTED if rule.scope == REGION else Expect.ALLOWED
    if rule.scope == REGION:
        return Expect.HIDDEN if op.names_an_object else Expect.FORBIDDEN
    if A in p.municipalities:
        return Expect.GRANTED if rule.who[0] in p.roles else Expect.ALLOWED
    return _elsewhere(op)


def _party_rule(op: Operation, p: Principal) -> Expect:
    if p.kind != "party":
        return Expect.UNAUTHENTICATED
    if p.mailboxes == {PROVIDER_A}:
        return Expect.GRANTED
    return _elsewhere(op)


def _elsewhere(op: Operation) -> Expect:
    """A caller of another municipality (or another party) than the object's."""
    if op.names_an_object:
        return Expect.HIDDEN
    return Expect.ALLOWED if op.method == "GET" else Expect.DENIED


async def walk(w: World, ops: list[Operation], principals: tuple[Principal, ...]) -> list[Call]:
    calls = []
    for op in ops:
        rule = rule_of(op.method, op.path)
        if rule is None:
            continue
        planned = sorted(((expect(rule, op, p, w.region), p) for p in principals),
                         key=lambda ep: 0 if ep[0] in REFUSALS else 1 if ep[0] == Expect.GRANTED else 2)
        for expected, p in planned:
            client = w.client_for(p.name, op.path)
            response = await send(client, op, p)
            missing = (await send(client, op, p, op.missing)).status_code if expected == Expect.HIDDEN else None
            calls.append(Call(op, p, expected, response.status_code, _json(response), missing))
    return calls


async def send(client: httpx.AsyncClient, op: Operation, p: Principal,
               params: dict[str, Any] | None = None) -> httpx.Response:
    headers = {**p.headers, **({"Content-Type": op.content_type} if op.content_type else {})}
    if op.content_type == "application/json":
        return await client.request(op.method, op.url(params), params=op.query, headers=headers, json=op.body)
    return await client.request(op.method, op.url(params), params=op.query, headers=headers, content=op.body)


def _json(response: httpx.Response) -> Any:
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.json()
    return None


def foreign_rows(body: Any, p: Principal, region: frozenset[str]) -> list[Any]:
    """Rows in a JSON answer that belong outside the caller's municipalities or mailboxes."""
    found: list[Any] = []
    if isinstance(body, list):
        for item in body:
            found += foreign_rows(item, p, region)
    elif isinstance(body, dict):
        if _foreign(body, p, region):
            return [body]
        for value in body.values():
            found += foreign_rows(value, p, region)
    return found


def _foreign(row: dict[str, Any], p: Principal, region: frozenset[str]) -> bool:
    if p.kind == "party":
        return "addressee" in row and row["addressee"] not in p.mailboxes
    municipality, municipalities = row.get("municipality"), row.get("municipalities")
    if isinstance(municipality, str) and not p.sees(municipality, region):
        return True
    codes = [m["code"] if isinstance(m, dict) else m for m in municipalities or []]
    return bool(isinstance(municipalities, list) and codes and not any(p.sees(c, region) for c in codes))
