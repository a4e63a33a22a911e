"""The kernel's own ports on every adapter (tests/support/port_stores.py): the staff identities
each service projects and the audit rows of before the one log."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import pytest

from shared.audit import LegacyAudit
from shared.audit_memory import LegacyAuditState, MemoryLegacyAudit
from shared.audit_sql import SqlLegacyAudit
from shared.auth.identity import StaffIdentities
from shared.auth.identity_memory import IdentityState, MemoryStaffIdentities
from shared.auth.identity_sql import SqlStaffIdentities
from shared.persistence.ports import Store
from shared.persistence.tables import kernel_tables, new_metadata
from tests.support.port_stores import ADAPTERS, Adapters, port_store

metadata = new_metadata()
kernel = kernel_tables(metadata)
IDENTITIES = Adapters("identities", metadata, kernel, IdentityState, MemoryStaffIdentities,
                      lambda: partial(SqlStaffIdentities, kernel))
LEGACY = Adapters("legacy_audit", metadata, kernel, LegacyAuditState, MemoryLegacyAudit,
                  lambda: partial(SqlLegacyAudit, kernel.audit_log))


@pytest.fixture(params=ADAPTERS)
async def identities(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[StaffIdentities]]:
    async for found in port_store(request, tmp_path, IDENTITIES):
        yield found


@pytest.fixture(params=ADAPTERS)
async def legacy(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[LegacyAudit]]:
    async for found in port_store(request, tmp_path, LEGACY):
        yield found
