"""One authorisation test generated from every service's OpenAPI × every principal (design.md §7).

Every operation of the embedded app is called by nobody, by parties of municipality A and of B,
by each staff role bound to A alone and to B alone, and by a regional admin, on real objects of A
from a month of demo traffic. A new route is covered without writing a test: its parameters are
filled from the sources in world.py and its rule comes from policy.py; what cannot be filled fails
here with what to add.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import pytest_asyncio

from services.runtime import create_app
from tests.authorisation.matrix import Call, Expect, foreign_rows, walk
from tests.authorisation.operations import Operation, operations
from tests.authorisation.policy import rule_of
from tests.authorisation.principals import principals
from tests.authorisation.world import world


@dataclass(frozen=True)
class Matrix:
    ops: list[Operation]
    problems: list[str]
    calls: list[Call]
    region: frozenset[str]

    def wrong(self, expected: Expect, fits) -> list[str]:  # type: ignore[no-untyped-def]
        return [describe(c) for c in self.calls if c.expect == expected and not fits(c)]


def describe(call: Call) -> str:
    missing = "" if call.missing_status is None else f" (an object that does not exist: {call.missing_status})"
    return f"{call.principal.name}: {call.op.method} {call.op.url()} → {call.status}{missing}, expected {call.expect}"


def nothing(found: list[str]) -> None:
    assert not found, f"{len(found)} found:\n" + "\n".join(found)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def matrix(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    async with world(tmp_path_factory.mktemp("authorisation")) as w:
        ops, problems = operations(create_app(w.runtime, manage_runtime=False).openapi(), w)
        problems += [f"{op.name}: no rule says who may call it: add one to tests/authorisation/policy.py"
                     for op in ops if rule_of(op.method, op.path) is None]
        calls = await walk(w, ops, principals(w.region))
    return Matrix(ops, problems, calls, w.region)


def test_every_operation_is_filled_and_has_a_rule(matrix: Matrix) -> None:
    nothing(matrix.problems)
    assert len(matrix.ops) >= 50 and len(matrix.calls) == len(matrix.ops) * len(principals(matrix.region))


def test_no_call_is_a_server_error(matrix: Matrix) -> None:
    nothing([describe(c) for c in matrix.calls if c.status >= 500 or (c.missing_status or 0) >= 500])


def test_without_valid_credentials_of_the_right_kind_only_public_operations_answer(matrix: Matrix) -> None:
    nothing(matrix.wrong(Expect.UNAUTHENTICATED, lambda c: c.status == 401))


def test_an_action_beyond_the_callers_role_or_binding_answers_403(matrix: Matrix) -> None:
    nothing(matrix.wrong(Expect.FORBIDDEN, lambda c: c.status == 403))
    nothing(matrix.wrong(Expect.DENIED, lambda c: c.status in (403, 404)))


def test_another_municipalitys_object_answers_404_as_if_it_did_not_exist(matrix: Matrix) -> None:
    nothing(matrix.wrong(Expect.HIDDEN, lambda c: c.status == c.missing_status == 404))


def test_no_answer_carries_rows_outside_the_callers_scope(matrix: Matrix) -> None:
    leaks = [f"{describe(c)}: {rows[:2]}" for c in matrix.calls
             if c.status < 300 and (rows := foreign_rows(c.body, c.principal, matrix.region))]
    nothing(leaks)


def test_whoever_the_rule_grants_an_operation_gets_through(matrix: Matrix) -> None:
    """The matrix is not vacuous: the ids are real, and the granted caller is not refused."""
    nothing(matrix.wrong(Expect.GRANTED, lambda c: c.status not in (401, 403, 404)))
