"""The region's audit log as the tests read it: every entry, oldest first, once the bus has
carried every service's entries to the gateway."""

from __future__ import annotations

from typing import Any

from services.gateway.ports import AuditFilter
from services.harness import settle
from services.runtime import Runtime


async def audit_entries(runtime: Runtime, **filters: Any) -> list[Any]:
    await settle(runtime)
    log = runtime.container("gateway").context.queries.audit
    return list(reversed(await log.page(AuditFilter(**filters), 10_000, None)))


def pseudonym(runtime: Runtime, bsn: str) -> str:
    return runtime.container("gateway").context.audit.pseudonym(bsn)
