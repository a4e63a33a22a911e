"""The region's audit log as the tests read it: every entry, oldest first, once the bus has
carried every service's entries to the gateway."""

from __future__ import annotations

from typing import Any

from services.gateway.adapters.audit_trail import AuditFilter, page
from services.harness import settle
from services.runtime import Runtime


async def audit_entries(runtime: Runtime, **filters: Any) -> list[Any]:
    await settle(runtime)
    engine = runtime.container("gateway").db.engines.read
    return list(reversed(await page(engine, AuditFilter(**filters), 10_000, None)))


def pseudonym(runtime: Runtime, bsn: str) -> str:
    return runtime.container("gateway").context.audit.pseudonym(bsn)
