"""The read models the matcher works from, kept up to date from other services' events: the
region's policy and municipalities (gateway), allocations, the product code list, tariffs and
contracts' budget ceilings (allocation service)."""

from __future__ import annotations

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
from shared.events.serializer import to_payload
from shared.exchange import allocation, contract
from shared.persistence.ports import Work

SECTIONS = EventRegistry.of(contract.CLASSES)
ALLOCATIONS = EventRegistry.of(allocation.CLASSES)


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
    """Allocation's integration events, decoded to their typed classes (shared/exchange/allocation.py)."""
    async def apply(work: Work[InvoicingPorts], envelope: Envelope) -> None:
        if envelope.type not in ALLOCATIONS:
            return
        published, master = ALLOCATIONS.decode(envelope), work.ports.master
        if isinstance(published, allocation.AllocationPublished):
            await master.record_allocation_version(published.municipality, published.allocation_number,
                                                   published.provider_agb, published.client_bsn,
                                                   version_from_published(published))
            await rematch_allocation(inv, work, published.municipality, published.allocation_number)
        elif isinstance(published, allocation.TariffPublished):
            await _tariff(work.ports, published)
            await rematch_provider(inv, work, published.provider_agb)
        elif isinstance(published, allocation.ContractPublished):
            # The port keeps the contract's terms as the published payload (adapters/ceilings.py).
            if await master.record_contract_ceilings(to_payload(published)):  # a raised ceiling may fit held lines
                await rematch_provider(inv, work, published.provider_agb)
        elif isinstance(published, allocation.ProductPublished):
            if await master.record_product(published.code, published.category):
                await rematch_code(inv, work, CODE_NOT_IN_CATEGORY)

    return apply


def version_from_published(p: allocation.AllocationPublished) -> AllocationVersion:
    product, extent = p.product, p.extent
    return AllocationVersion(
        decided_on=p.allocated_on, decided_at=p.allocated_at,
        category=product.category if product else None, code=product.code if product else None, start=p.start,
        end=p.end, reason=DELETED if p.deleted else p.change_reason,
        extent=None if extent is None else Extent(extent.volume, Unit(extent.unit), Frequency(str(extent.frequency))),
        budget=p.budget, referrer_type=p.referrer_type,
    )


async def _tariff(ports: InvoicingPorts, p: allocation.TariffPublished) -> None:
    # The tariff is the provider's for every municipality of its contract; a contract limited to
    # some municipalities is not told apart here yet.
    await ports.master.record_tariff(p.provider_agb, p.category, Tariff(p.code, Unit(p.unit), p.amount, p.valid_from,
                                                                        p.valid_until))
    if p.closes:
        await ports.master.close_tariff(p.provider_agb, p.code, p.unit, p.closes.valid_from, p.closes.valid_until)
