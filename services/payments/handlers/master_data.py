"""Reference data from other services' events: the region file's sections (gateway; the policy
section's `ceiling_warn_at` sets every ceiling's warning thresholds; `parties` authenticates a
provider reading its payment specifications), and from
the allocation service, which owns the register, the effective allocations and every contract's
terms and tariffs — whether they came from the region file or from an admin's change. Terms are
kept in the shape of the region file's contracts section, which the rest of payments reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.payments.adapters.region_terms import ContractTerms, contracts_of
from services.payments.context import Payments, PaymentsWork
from services.payments.domain.ceilings import ceiling_stream, decide_set_ceiling, warning_thresholds
from services.payments.domain.commands import SetCeiling
from services.payments.handlers.book import Ceilings, book_appends, ceilings_of
from services.payments.handlers.evidence import record_section
from services.payments.handlers.financing import ALLOCATION
from services.payments.ports import PaymentsPorts, ReferenceData
from shared.commands import Command, Decision
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.allocation import AllocationPublished, ContractPublished, TariffPublished
from shared.exchange.contract import SectionPublished
from shared.persistence.inbox import Apply

SECTIONS = ("account", "providers", "products", "budgets", "policy", "parties", "budget_lines", "municipalities",
            "procurement", "lump_sums", "ledger")


REGION = EventRegistry.of((SectionPublished,))
"""What the region consumer reads of the gateway's topic."""


def region_consumer(ctx: Payments) -> Apply:
    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        if envelope.type != SectionPublished.TYPE:
            return
        published: SectionPublished = REGION.decode(envelope)
        if published.section not in SECTIONS:
            return
        name, content = published.section, published.content
        if name == "policy":
            warning_thresholds(content)  # thresholds the domain refuses are not stored
        await uow.ports.reference.store_section(name, content)
        await record_section(ctx, uow, name, content)
        if name == "policy":  # the ceilings take the region's thresholds
            await set_ceilings(ctx, uow, await uow.ports.reference.section("contracts", []))

    return apply


async def set_ceilings(ctx: Payments, uow: PaymentsWork, content: list[dict[str, Any]]) -> None:
    """Every ceiling of these contracts (the region file's shape) at its amount, with the region's
    warning thresholds: one command through the command handler, in the consumer's transaction."""
    await ctx.commands.within(uow, ON_CEILINGS_SET, contracts_of(content))


@dataclass(frozen=True)
class Known:
    warn_at: tuple[int, ...]
    ceilings: Ceilings


async def _known(ports: PaymentsPorts, contracts: tuple[ContractTerms, ...]) -> Known:
    warn_at = warning_thresholds(await ports.reference.section("policy", {}))
    return Known(warn_at, await ceilings_of(ports, ((c.contract_id, year) for c in contracts
                                                    for year in sorted(c.ceilings))))


def _decide(contracts: tuple[ContractTerms, ...], _: Any, known: Known, now: datetime) -> Decision[None]:
    appends = []
    for contract in contracts:
        for year, amount in sorted(contract.ceilings.items()):
            version, ceiling = known.ceilings[(contract.contract_id, year)]
            command = SetCeiling(contract.contract_id, contract.provider, year, amount, known.warn_at)
            appends += book_appends(ceiling_stream(contract.contract_id, year), version,
                                    decide_set_ceiling(command, ceiling, now))
    return Decision(None, appends=appends)


ON_CEILINGS_SET: Command = Command(lambda _: [], _decide, _known)
"""A ceiling is one stream per contract-year, folded (not replayed) like the book."""


def allocation_consumer(ctx: Payments) -> Apply:
    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        reference = uow.ports.reference
        if envelope.type == AllocationPublished.TYPE:
            await reference.record_allocation(ALLOCATION.decode(envelope))
        elif envelope.type == ContractPublished.TYPE:
            terms: ContractPublished = ALLOCATION.decode(envelope)
            contract = await _update_contract(reference, terms.contract_id, lambda c: _terms(c, terms))
            await set_ceilings(ctx, uow, [contract])
        elif envelope.type == TariffPublished.TYPE:
            tariff: TariffPublished = ALLOCATION.decode(envelope)
            await _update_contract(reference, tariff.contract_id, lambda c: _tariff(c, tariff))

    return apply


async def _update_contract(reference: ReferenceData, contract_id: str, change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    contracts = list(await reference.section("contracts", []))
    found = next((c for c in contracts if c.get("id") == contract_id), None)
    updated = change(found or {"id": contract_id, "tariffs": []})
    contracts = [c for c in contracts if c.get("id") != contract_id] + [updated]
    await reference.store_section("contracts", contracts)
    return updated


def _terms(contract: dict[str, Any], p: ContractPublished) -> dict[str, Any]:
    """In the shape of the region file's contracts section (dates as ISO text), as it is stored."""
    return {**contract, "provider": p.provider_agb, "municipalities": list(p.municipalities),
            "payment_term_days": p.payment_term_days, "advance_per_month": p.advance_per_month,
            "ceiling": dict(p.ceilings or {})}


def _tariff(contract: dict[str, Any], p: TariffPublished) -> dict[str, Any]:
    closes_from = _iso(p.closes.valid_from) if p.closes else None
    closes_until = _iso(p.closes.valid_until) if p.closes else None
    valid_from = _iso(p.valid_from)
    tariffs = [dict(t, to=closes_until) if t["product"] == p.code and t["from"] == closes_from
               else t for t in contract.get("tariffs", []) if not (t["product"] == p.code and t["from"] == valid_from)]
    tariffs.append({"product": p.code, "from": valid_from, "to": _iso(p.valid_until), "cents": p.amount})
    return {**contract, "provider": p.provider_agb, "tariffs": tariffs}


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
