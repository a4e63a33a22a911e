"""The contract of the master-data port, on every adapter: what other services' events leave
for the matcher, read back as the context of one declaration."""

from __future__ import annotations

from datetime import date, time

from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.policy import Action, MatchPolicy
from tests.support.port_stores import write
from tests.contract.invoicing.test_declaration_ports import received
from tests.unit.invoicing.builders import AGB, GEMEENTE, declaration, line, version

RECEIVED = date(2026, 5, 6)
CONTRACT = {"contract_id": "C1", "provider_agb": AGB, "municipalities": [GEMEENTE], "ceilings": {"2026": 1_000_000}}


async def test_every_allocation_version_is_kept_once_and_read_for_the_allocations_declared(store, queries):
    first, later = version(), version(decided_on=date(2026, 4, 20), decided_at=time(9, 0))
    for v in (first, later, first):  # a redelivered version changes nothing
        await write(store, lambda p, v=v: p.master.record_allocation_version(GEMEENTE, 300201, AGB, "999900006", v))
    await write(store, lambda p: p.master.record_allocation_version("0150", 300201, AGB, "999900006", first))
    context = await queries.master.match_context(declaration(), RECEIVED)
    view = context.allocations[300201]
    assert (view.provider_agb, view.bsn) == (AGB, "999900006")
    assert sorted(v.decided_on for v in view.versions) == [date(2026, 4, 1), date(2026, 4, 20)]
    assert context.gemeenten == frozenset({GEMEENTE})  # before a region names its municipalities


async def test_tariffs_and_the_product_list_make_the_providers_contract(store, queries):
    tariff = Tariff("55A11", Unit.HOUR, 7500, date(2026, 1, 1))
    await write(store, lambda p: p.master.record_tariff(AGB, "55", tariff))
    await write(store, lambda p: p.master.close_tariff(AGB, "55A11", "04", date(2026, 1, 1), date(2026, 6, 30)))
    await write(store, lambda p: p.master.record_tariff("98000002", "45", Tariff("45A01", Unit.HOUR, 1, date(2026, 1, 1))))
    changed = []

    async def products(p):  # type: ignore[no-untyped-def]
        changed.extend([await p.master.record_product("55A12", "55"), await p.master.record_product("55A12", "55")])

    await write(store, products)
    contract = (await queries.master.match_context(declaration(), RECEIVED)).contract
    assert contract.tariffs == (Tariff("55A11", Unit.HOUR, 7500, date(2026, 1, 1), date(2026, 6, 30)),)
    assert changed == [True, False] and contract.catalogue == {"55A11": "55", "55A12": "55"}


async def test_a_contracts_ceiling_counts_the_approved_and_held_lines_under_it(store, queries):
    changed = []

    async def ceilings(p):  # type: ignore[no-untyped-def]
        changed.extend([await p.master.record_contract_ceilings(CONTRACT),
                        await p.master.record_contract_ceilings(CONTRACT)])

    await write(store, ceilings)
    context = await queries.master.match_context(declaration(line("R9")), RECEIVED)
    assert changed == [True, False]
    assert (context.ceiling.contract_id, context.ceiling.amounts, context.ceiling_used) == ("C1", {2026: 1_000_000}, {})
    await received(store, declaration(line("R1", volume=1, amount=7500), line("R2", code="55A12", volume=1,
                                                                               amount=7500)))
    await received(store, declaration(line("R3", amount=1), number="DN002", message_id="M2"), "D2")
    used = (await queries.master.match_context(declaration(line("R9")), RECEIVED)).ceiling_used
    assert used == {2026: 15000}  # approved and held count, the rejected R3 does not


async def test_the_region_policy_and_municipalities_are_what_the_region_file_said(store, queries):
    assert await queries.master.policy() == MatchPolicy.default() and await queries.master.four_eyes_from() is None
    await write(store, lambda p: p.master.keep_setting("policy", {"reject": ["9340"], "four_eyes_from": 100000}))
    await write(store, lambda p: p.master.keep_setting("gemeenten", [GEMEENTE, "0150"]))
    assert (await queries.master.policy()).actions["9340"] is Action.REJECT
    assert await queries.master.four_eyes_from() == 100000
    assert (await queries.master.match_context(declaration(), RECEIVED)).gemeenten == frozenset({GEMEENTE, "0150"})
