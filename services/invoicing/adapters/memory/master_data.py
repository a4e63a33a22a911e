"""The master data the matcher works from, in memory (the SQL adapter's twin: adapters/context.py,
ceilings.py, products.py, policy.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from services.invoicing.adapters.ceilings import SETTING as CEILINGS, contract_entry, stored_ceilings
from services.invoicing.adapters.memory.state import InvoicingState, KeptVersion
from services.invoicing.adapters.products import PRODUCTS
from services.invoicing.adapters.records import line_from_json
from services.invoicing.domain.allocation import AllocationVersion, AllocationView
from services.invoicing.domain.ceilings import ContractCeiling, ceiling_for, excluded_municipalities
from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.history import History, PriorLine
from services.invoicing.domain.matcher import MatchContext
from services.invoicing.domain.policy import MatchPolicy, Status
from services.invoicing.domain.policy_section import four_eyes_from, policy_from_section

COUNTED = (Status.APPROVED.value, Status.HELD.value)

class MemoryMasterData:
    def __init__(self, state: InvoicingState) -> None:
        self._s = state

    async def match_context(self, declaration: Declaration, received_on: date) -> MatchContext:
        header = declaration.header
        numbers = {line.allocation_number for _, line in declaration.lines()}
        ceilings = stored_ceilings(self._s.settings.get(CEILINGS) or {})
        ceiling = ceiling_for(ceilings, header.sender_agb, header.addressee_gemeente)
        known = self._s.settings.get("gemeenten")
        return MatchContext(
            received_on=received_on,
            allocations=self._allocations(header.addressee_gemeente, numbers),
            contract=self._contract(header.sender_agb),
            history=self._history(declaration, numbers),
            gemeenten=frozenset(known) if known else frozenset({header.addressee_gemeente}),
            ceiling=ceiling,
            ceiling_used=self._usage(ceilings, ceiling),
        )

    def _allocations(self, gemeente: str, numbers: set[int]) -> dict[int, AllocationView]:
        found: dict[int, list[KeptVersion]] = defaultdict(list)
        for (municipality, number, _, _), kept in self._s.allocations.items():
            if municipality == gemeente and number in numbers:
                found[number].append(kept)
        return {number: AllocationView(number, gemeente, kept[0].provider, kept[0].bsn,
                                       tuple(k.version for k in kept)) for number, kept in found.items()}

    def _contract(self, provider: str) -> ContractView:
        mine = [(category, tariff) for (p, _, _, _), (category, tariff) in self._s.tariffs.items() if p == provider]
        products = dict(self._s.settings.get(PRODUCTS) or {})
        return ContractView(tuple(t for _, t in mine), {**{t.code: c for c, t in mine}, **products})

    def _history(self, declaration: Declaration, numbers: set[int]) -> History:
        header = declaration.header
        rows = [d for d in self._s.declarations.values() if d.provider == header.sender_agb]
        mine = [d for d in rows if d.municipality == header.addressee_gemeente and d.status != "refused"]
        references = {line.reference for _, line in declaration.lines()}
        used = {ln.reference for ln in self._s.lines.values()
                if ln.provider == header.sender_agb and ln.reference in references}
        approved: dict[str, PriorLine] = {}
        for ln in self._s.lines.values():
            if (ln.municipality == header.addressee_gemeente and ln.provider == header.sender_agb
                    and ln.allocation_number in numbers and ln.status == "approved" and ln.signed_amount >= 0):
                answered = self._s.declarations[ln.declaration_id].status == "answered"
                approved[ln.reference] = PriorLine(line_from_json(ln.line), ln.credited, answered=answered)
        return History(
            frozenset(d.message_identification for d in rows if d.message_identification == header.message_id),
            frozenset(d.number for d in rows if d.number == declaration.number and d.status != "refused"),
            max((d.period_begin for d in mine), default=None), frozenset(used) | approved.keys(), approved)

    def _usage(self, ceilings: list[ContractCeiling], ceiling: ContractCeiling | None) -> dict[int, int]:
        if ceiling is None or not ceiling.amounts:
            return {}
        excluded = excluded_municipalities(ceilings, ceiling)
        usage: dict[int, int] = defaultdict(int)
        for ln in self._s.lines.values():
            if (ln.provider == ceiling.provider and ln.care_year in ceiling.amounts and ln.status in COUNTED
                    and not ln.ceiling_exempt and (not ceiling.municipalities or ln.municipality in ceiling.municipalities)
                    and ln.municipality not in excluded):
                usage[ln.care_year] += ln.signed_amount
        return dict(usage)

    async def policy(self) -> MatchPolicy:
        section = self._s.settings.get("policy")
        return MatchPolicy.default() if section is None else policy_from_section(section)

    async def four_eyes_from(self) -> int | None:
        section = self._s.settings.get("policy")
        return None if section is None else four_eyes_from(section)

    async def keep_setting(self, name: str, value: object) -> None:
        self._s.settings[name] = value

    async def record_allocation_version(self, municipality: str, number: int, provider: str, bsn: str,
                                        version: AllocationVersion) -> None:
        key = (municipality, number, version.decided_on, version.decided_at.isoformat())
        self._s.allocations.setdefault(key, KeptVersion(provider, bsn, version))

    async def record_tariff(self, provider: str, category: str, tariff: Tariff) -> None:
        self._s.tariffs[(provider, tariff.code, tariff.unit.value, tariff.valid_from)] = (category, tariff)

    async def close_tariff(self, provider: str, code: str, unit: str, valid_from: date,
                           valid_to: date | None) -> None:
        key = (provider, code, unit, valid_from)
        if key in self._s.tariffs:
            category, tariff = self._s.tariffs[key]
            self._s.tariffs[key] = (category, replace(tariff, valid_to=valid_to))

    async def record_contract_ceilings(self, published: dict[str, Any]) -> bool:
        known = dict(self._s.settings.get(CEILINGS) or {})
        entry = contract_entry(published)
        if known.get(published["contract_id"]) == entry:
            return False
        self._s.settings[CEILINGS] = {**known, published["contract_id"]: entry}
        return True

    async def record_product(self, code: str, category: str) -> bool:
        known = dict(self._s.settings.get(PRODUCTS) or {})
        if known.get(code) == category:
            return False
        self._s.settings[PRODUCTS] = {**known, code: category}
        return True
