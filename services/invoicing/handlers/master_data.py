"""The read models the matcher works from, kept up to date from other services' events: the
region's policy and municipalities (gateway), allocations, the product code list, tariffs and
contracts' budget ceilings (allocation service)."""

from __future__ import annotations

from datetime import date, time

from services.invoicing.domain.policy_section import four_eyes_from, policy_from_section
from services.invoicing.context import Invoicing
from services.invoicing.domain.allocation import DELETED, AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.retourcodes import CODE_NOT_IN_CATEGORY
from services.invoicing.handlers.rematch import rematch_allocation, rematch_code, rematch_provider
from services.invoicing.ports import InvoicingPorts
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange import contract
from shared.exchange.allocation import ALLOCATION_PUBLISHED, CONTRACT_PUBLISHED, PRODUCT_PUBLISHED, TARIFF_PUBLISHED
from shared.persistence.ports import Work

SECTIONS = EventRegistry.of(contract.CLASSES)


def region_consumer():  # type: ignore[no-untyped-def]
    async def apply(work: Work[InvoicingPorts], envelope: Envelope) -> None:
        published = SECTIONS.decode(envelope)
        if not isinstance(published, contract.SectionPublished):
            return
        section, content = published.section, published.content
        if section == "policy":
            policy_from_section(content)  # a policy the domain refuses must not be stored
            four_eyes_from(content)
            await work.ports.master.keep_setting("policy", content)
        elif section == "budgets":
            await work.ports.master.keep_setting("gemeenten", sorted(content))

    return apply


def allocation_consumer(inv: Invoicing):  # type: ignore[no-untyped-def]
    """Allocation's integration events are still payload dicts (shared/exchange/allocation.py, owned
    by the allocation service): read here field by field until it publishes typed classes."""
    async def apply(work: Work[InvoicingPorts], envelope: Envelope) -> None:
        p, master = envelope.payload, work.ports.master
        if envelope.type == ALLOCATION_PUBLISHED:
            await master.record_allocation_version(p["municipality"], int(p["allocation_number"]),
                                                   p["provider_agb"], p["client_bsn"], version_from_published(p))
            await rematch_allocation(inv, work, p["municipality"], int(p["allocation_number"]))
        elif envelope.type == TARIFF_PUBLISHED:
            await _tariff(work.ports, p)
            await rematch_provider(inv, work, p["provider_agb"])
        elif envelope.type == CONTRACT_PUBLISHED:
            if await master.record_contract_ceilings(p):  # a raised ceiling may fit held lines now
                await rematch_provider(inv, work, p["provider_agb"])
        elif envelope.type == PRODUCT_PUBLISHED:
            if await master.record_product(p["code"], p["category"]):
                await rematch_code(inv, work, CODE_NOT_IN_CATEGORY)

    return apply


def version_from_published(p: dict) -> AllocationVersion:  # type: ignore[type-arg]
    product, extent = p.get("product") or {}, p.get("extent")
    return AllocationVersion(
        decided_on=date.fromisoformat(p["allocated_on"]), decided_at=time.fromisoformat(p["allocated_at"]),
        category=product.get("category"), code=product.get("code"), start=date.fromisoformat(p["start"]),
        end=iso(p.get("end")), reason=DELETED if p.get("deleted") else p.get("change_reason"),
        extent=None if extent is None else Extent(int(extent["volume"]), Unit(extent["unit"]),
                                                  Frequency(str(extent["frequency"]))),
        budget=p.get("budget"), referrer_type=p.get("referrer_type"),
    )


async def _tariff(ports: InvoicingPorts, p: dict) -> None:  # type: ignore[type-arg]
    # The tariff is the provider's for every municipality of its contract; a contract limited to
    # some municipalities is not told apart here yet.
    tariff = Tariff(p["code"], Unit(p["unit"]), int(p["amount"]), date.fromisoformat(p["valid_from"]),
                    iso(p.get("valid_until")))
    await ports.master.record_tariff(p["provider_agb"], p["category"], tariff)
    closes = p.get("closes")
    if closes:
        await ports.master.close_tariff(p["provider_agb"], p["code"], p["unit"],
                                        date.fromisoformat(closes["valid_from"]), iso(closes["valid_until"]))


def iso(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None
