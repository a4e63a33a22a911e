"""A region file as the state it would leave the gateway in, for the preview of its load
(domain/region_changes.py): parties, staff, their token hashes, and the sections published."""

from __future__ import annotations

import json

from services.gateway.domain.region_changes import RegionState
from services.gateway.region.loader import canonical, sections_of
from services.gateway.region.model import Region
from shared.auth.secrets import token_hash

COMPARED = ("account", "budgets", "budget_lines", "products", "contracts", "policy", "providers", "procurement")
"""The published sections the preview compares (parties and users it compares as the gateway holds them)."""


def state_of(region: Region) -> RegionState:
    parties = {m.code: {"kind": "municipality", "name": m.name, "on_behalf_of": []} for m in region.municipalities}
    parties |= {p.agb: {"kind": "provider", "name": p.name, "on_behalf_of": [], "iban": p.iban}
                for p in region.providers}
    parties |= {h.code: {"kind": "hub", "name": h.name, "on_behalf_of": sorted(h.on_behalf_of)} for h in region.hubs}
    tokens = [(m.code, m.tokens) for m in region.municipalities] + [(p.agb, p.tokens) for p in region.providers]
    tokens += [(h.code, h.tokens) for h in region.hubs]
    sections = sections_of(region)
    return RegionState(
        parties=parties,
        party_tokens={code: _hashes(t) for code, t in tokens},
        staff={u.username: {"roles": sorted(r.value for r in u.roles), "municipalities": sorted(u.municipalities),
                            "name": u.name} for u in region.staff},
        staff_tokens={u.username: _hashes(u.tokens) for u in region.staff},
        sections={name: json.loads(canonical(sections[name])) for name in COMPARED},
    )


def _hashes(tokens: list[str]) -> frozenset[str]:
    return frozenset(token_hash(t) for t in tokens)
