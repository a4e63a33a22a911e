"""The region as the gateway holds it now, for the preview of a region file's load: parties and
staff from their read models, each published section's content from its last event."""

from __future__ import annotations

import asyncio
from typing import Any

from services.gateway.context import Gateway
from services.gateway.domain.events import RegionSectionChanged, registry
from services.gateway.domain.region import section_stream
from services.gateway.domain.region_changes import RegionState
from shared.auth.principal import PartyKind
from shared.auth.secrets import password_matches

REGISTRY = registry()


async def current_state(gw: Gateway, sections: tuple[str, ...]) -> RegionState:
    q = gw.queries
    parties, staff = await q.parties.everyone(), await q.staff.everyone()
    content = await published(gw, sections)
    ibans = {p["agb"]: p["iban"] for p in content.get("providers") or []}
    return RegionState(
        parties={p.code: {"kind": p.kind.value, "name": p.name, "on_behalf_of": sorted(p.on_behalf_of),
                          **({"iban": ibans.get(p.code)} if p.kind is PartyKind.PROVIDER else {})} for p in parties},
        party_tokens=await q.parties.tokens(),
        staff={u.username: {"roles": sorted(u.roles), "municipalities": sorted(u.municipalities), "name": u.name}
               for u in staff},
        staff_tokens=await q.staff.tokens(),
        sections=content,
    )


async def published(gw: Gateway, sections: tuple[str, ...]) -> dict[str, Any]:
    """Each section's content as last published (a section never published is absent)."""
    found: dict[str, Any] = {}
    async with gw.store.unit_of_work() as work:
        for name in sections:
            events = [REGISTRY.decode(e) for e in await work.load(section_stream(name))]
            changed = [e for e in events if isinstance(e, RegionSectionChanged)]
            if changed:
                found[name] = changed[-1].content
    return found


async def changed_passwords(gw: Gateway, passwords: dict[str, str]) -> frozenset[str]:
    """Of the users the file gives a password (username -> password), those whose password it
    changes or sets. scrypt is slow on purpose: each check runs off the event loop."""
    kept = await gw.queries.staff.password_hashes(sorted(passwords))
    changed = [name for name, password in passwords.items()
               if name not in kept or not await asyncio.to_thread(password_matches, password, kept[name])]
    return frozenset(changed)
