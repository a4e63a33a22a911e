"""Loading a region file: parties and staff are the gateway's own; every other section goes to
the service that owns it as a `region.SectionPublished` event, only when its content changed.
The file lists every staff user: one it no longer lists is removed (parties stay, since messages
and payments refer to them)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlalchemy as sa

from services.gateway.adapters import store
from services.gateway.adapters.projections import project
from services.gateway.adapters.tables import region_sections
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.handlers.parties import PartySpec, StaffSpec, register_party, register_staff, remove_staff
from services.gateway.region.model import Region
from services.gateway.region.procurement import procurement_section
from shared.auth.principal import PartyKind
from shared.auth.secrets import token_hash
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import SECTION_PUBLISHED

SECTIONS = ("account", "budgets", "budget_lines", "products", "contracts", "policy", "providers", "parties",
            "municipalities", "procurement", "lump_sums", "ledger")


@dataclass(frozen=True)
class LoadReport:
    parties: int
    staff: int
    sections: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.parties or self.staff or self.sections)


async def load_region(gw: Gateway, region: Region) -> LoadReport:
    parties = 0
    for m in region.municipalities:
        parties += bool(await register_party(gw, PartySpec(m.code, PartyKind.MUNICIPALITY, m.name, tuple(m.tokens))))
    for p in region.providers:
        parties += bool(await register_party(gw, PartySpec(p.agb, PartyKind.PROVIDER, p.name, tuple(p.tokens))))
    for h in region.hubs:
        spec = PartySpec(h.code, PartyKind.HUB, h.name, tuple(h.tokens), tuple(h.on_behalf_of))
        parties += bool(await register_party(gw, spec))
    staff = await _load_staff(gw, region)
    sections = tuple([name for name, content in sections_of(region).items() if await _publish(gw, name, content)])
    return LoadReport(parties, staff, sections)


async def _load_staff(gw: Gateway, region: Region) -> int:
    changed = 0
    for u in region.staff:
        spec = StaffSpec(u.username, tuple(u.roles), tuple(u.municipalities), u.password, tuple(u.tokens), u.name)
        changed += bool(await register_staff(gw, spec))
    gone = await store.staff_usernames(gw.db.engines.read) - {u.username for u in region.staff}
    for username in sorted(gone):
        await remove_staff(gw, username)
    return changed + len(gone)


def sections_of(region: Region) -> dict[str, object]:
    """Each section as it is published (before `canonical`)."""
    return {
        "account": region.account.model_dump(mode="json"),
        "budgets": {m.code: m.budgets for m in region.municipalities},
        "budget_lines": region.budget_lines,
        "products": region.products,
        "contracts": region.contracts,
        "policy": region.policy.model_dump(mode="json", exclude_unset=True),  # as written: defaults are the services'
        "providers": [{"agb": p.agb, "name": p.name, "iban": p.iban} for p in region.providers],
        "parties": _parties(region),
        "municipalities": [{"code": m.code, "name": m.name} for m in region.municipalities],
        "procurement": procurement_section(region.contracts, region.outcomes, region.harmonisation),
        "lump_sums": [s.model_dump(mode="json", by_alias=True) for s in region.lump_sums],
        "ledger": region.ledger.model_dump(mode="json"),
    }


def _parties(region: Region) -> list[dict[str, object]]:
    """Who the parties are and the hashes of their tokens, for a service that answers parties
    itself (payments: a provider's payment specifications). Only hashes leave the gateway, as
    for staff (shared/auth/identity.py)."""
    kinds = [(m.code, PartyKind.MUNICIPALITY, m.tokens, []) for m in region.municipalities]
    kinds += [(p.agb, PartyKind.PROVIDER, p.tokens, []) for p in region.providers]
    kinds += [(h.code, PartyKind.HUB, h.tokens, h.on_behalf_of) for h in region.hubs]
    return [{"code": code, "kind": kind.value, "token_hashes": sorted(token_hash(t) for t in tokens),
             "on_behalf_of": sorted(behalf)} for code, kind, tokens, behalf in kinds]


def canonical(content: object) -> str:
    """A section as its event carries it: JSON, keys sorted, dates as ISO text."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)


async def _publish(gw: Gateway, name: str, content: object) -> bool:
    text = canonical(content)
    digest = hashlib.sha256(text.encode()).hexdigest()
    async with gw.db.unit_of_work() as uow:
        known = await uow.connection.scalar(sa.select(region_sections.c.sha256).where(region_sections.c.name == name))
        if known == digest:
            return False
        stream = f"region-{name}"
        version = len(await uow.load(stream))
        payload = {"section": name, "sha256": digest, "content": json.loads(text)}
        changed = uow.append(stream, version, [NewEvent(ev.REGION_SECTION_CHANGED, 1, payload, gw.clock.now())])
        await project(uow.connection, changed)
        uow.enqueue(gw.topic, [Envelope.of(stream, version + 1, NewEvent(
            SECTION_PUBLISHED, 1, payload, gw.clock.now(), causation_id=changed[0].event_id))])
        await uow.commit()
    return True
