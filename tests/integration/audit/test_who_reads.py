"""Regional admins and auditors read the audit log; nobody else. The auditor reads every service for
every municipality and changes nothing, and a change an auditor tries is logged as refused."""

from __future__ import annotations

import pytest

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from tests.integration.audit.conftest import ADMIN, AUDIT, AUDITOR, FINANCE
from tests.support.audit import audit_entries
from tests.support.embedded import settle


@pytest.mark.parametrize("headers", [FINANCE, {"Authorization": "Bearer demo-staff-controller"}])
async def test_staff_who_are_not_admins_or_auditors_are_refused(demo, headers):
    _, client = demo
    assert (await client.get(AUDIT, headers=headers)).status_code == 403


async def test_an_admin_of_one_municipality_is_refused(demo):
    runtime, client = demo
    await register_staff(runtime.container("gateway").context,
                         StaffSpec("beheer.zwolle", (Role.ADMIN,), ("0193",), tokens=("test-beheer-zwolle-1",)))
    await settle(runtime)
    assert (await client.get(AUDIT, headers={"Authorization": "Bearer test-beheer-zwolle-1"})).status_code == 403
    assert (await client.get(AUDIT, headers=ADMIN)).status_code == 200


@pytest.mark.parametrize("path", ["/invoicing/v1/queue", "/payments/v1/runs", "/payments/v1/items",
                                  "/allocation/v1/allocations", "/allocation/v1/requests",
                                  "/payments/v1/reports/budget?year=2026", f"{AUDIT}/verification"])
async def test_the_auditor_reads_every_service(demo, path):
    _, client = demo
    assert (await client.get(path, headers=AUDITOR)).status_code == 200


@pytest.mark.parametrize("path,body", [("/payments/v1/runs", {"due_up_to": "2026-12-31"}),
                                       ("/payments/v1/advances/schedule", {"up_to": "2026-12-31"}),
                                       ("/allocation/v1/register/contracts", {"contract_id": "x"})])
async def test_the_auditor_changes_nothing_and_the_attempt_is_logged(demo, path, body):
    runtime, client = demo
    assert (await client.post(path, json=body, headers=AUDITOR)).status_code == 403
    refused = await audit_entries(runtime, username="accountant", outcome="refused")
    assert [(r.action, r.object) for r in refused] == [("access", f"POST {path}")]
