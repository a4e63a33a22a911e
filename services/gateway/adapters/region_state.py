"""The region as the gateway holds it now, for the preview of a region file's load: parties and
staff from their read models, each published section's content from its last event."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.gateway.adapters.tables import kernel, parties, party_tokens, staff_passwords, staff_tokens, staff_users
from services.gateway.domain import events as ev
from services.gateway.domain.region_changes import RegionState
from shared.auth.secrets import password_matches


async def current_state(engine: AsyncEngine, sections: tuple[str, ...]) -> RegionState:
    async with engine.connect() as conn:
        party_rows = list(await conn.execute(sa.select(parties)))
        staff_rows = list(await conn.execute(sa.select(staff_users)))
        party_hashes = _grouped(await conn.execute(sa.select(party_tokens.c.party_code, party_tokens.c.token_hash)))
        staff_hashes = _grouped(await conn.execute(sa.select(staff_tokens.c.username, staff_tokens.c.token_hash)))
        content = await _sections(conn, sections)
    ibans = {p["agb"]: p["iban"] for p in content.get("providers") or []}
    return RegionState(
        parties={r.code: {"kind": r.kind, "name": r.name, "on_behalf_of": sorted(r.on_behalf_of),
                          **({"iban": ibans.get(r.code)} if r.kind == "provider" else {})} for r in party_rows},
        party_tokens=party_hashes,
        staff={r.username: {"roles": sorted(r.roles), "municipalities": sorted(r.municipalities), "name": r.name}
               for r in staff_rows},
        staff_tokens=staff_hashes,
        sections=content,
    )


async def changed_passwords(engine: AsyncEngine, passwords: dict[str, str]) -> frozenset[str]:
    """Of the users the file gives a password (username -> password), those whose password it
    changes or sets. scrypt is slow on purpose: each check runs off the event loop."""
    async with engine.connect() as conn:
        kept = dict((await conn.execute(sa.select(staff_passwords.c.username, staff_passwords.c.password_hash)
                                        .where(staff_passwords.c.username.in_(sorted(passwords))))).all())
    changed = [name for name, password in passwords.items()
               if name not in kept or not await asyncio.to_thread(password_matches, password, kept[name])]
    return frozenset(changed)


async def _sections(conn: Any, names: tuple[str, ...]) -> dict[str, Any]:
    e = kernel.events.c
    rows = await conn.execute(sa.select(e.stream_id, e.payload).where(
        e.type == ev.REGION_SECTION_CHANGED, e.stream_id.in_([f"region-{name}" for name in names])).order_by(e.position))
    return {row.stream_id.removeprefix("region-"): row.payload["content"] for row in rows}  # the last of each wins


def _grouped(rows: Any) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key, value in rows:
        found[key].add(value)
    return {key: frozenset(values) for key, values in found.items()}
