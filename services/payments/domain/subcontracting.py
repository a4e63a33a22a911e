"""Spending per main contractor (hoofdaannemer) and per subcontractor (onderaannemer) (issue 17,
item 2). Allocations go to the main contractor and its declarations carry its subcontractors'
care; iJw 3.2's JW323 has no field for a subcontractor, so a line is the care of the
subcontractor the region file gives the line's product to under the line's contract, and
otherwise the main contractor's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

OWN = "eigen levering"


@dataclass(frozen=True)
class Subcontracting:
    contract_id: str
    main: str
    deliverers: Mapping[str, str]
    """Product code → the subcontractor's AGB code."""
    names: Mapping[str, str]
    """Subcontractor AGB → name (subcontractors are not parties of the region)."""


@dataclass(frozen=True)
class SpentLine:
    municipality: str
    provider: str
    contract_id: str | None
    code: str | None
    amount: int
    pending: bool = False


@dataclass(frozen=True)
class ContractorSpending:
    main: str
    deliverer: str
    """The subcontractor's AGB, or the main contractor's own for its own care."""
    deliverer_name: str
    municipality: str
    realised: int
    pending: int

    @property
    def subcontracted(self) -> bool:
        return self.deliverer != self.main


def deliverer_of(line: SpentLine, subcontracting: Mapping[str, Subcontracting]) -> tuple[str, str]:
    terms = subcontracting.get(line.contract_id or "")
    sub = terms.deliverers.get(line.code or "") if terms else None
    return (sub, terms.names[sub]) if terms and sub else (line.provider, OWN)


def spending(lines: Iterable[SpentLine], subcontracting: Mapping[str, Subcontracting]) -> tuple[ContractorSpending, ...]:
    """Per main contractor, deliverer and municipality: approved (realised) and held amounts, for
    every main contractor that has subcontractors. Contracts without are not in this report."""
    mains = {s.main for s in subcontracting.values()}
    totals: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        if line.provider not in mains:
            continue
        deliverer, name = deliverer_of(line, subcontracting)
        totals[(line.provider, deliverer, name, line.municipality)][line.pending] += line.amount
    return tuple(ContractorSpending(main, deliverer, name, municipality, realised, pending)
                 for (main, deliverer, name, municipality), (realised, pending) in sorted(totals.items()))


def per_main(rows: Iterable[ContractorSpending]) -> tuple[tuple[str, int, int, int], ...]:
    """Per main contractor: realised in all, of which its own care and of which subcontracted."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        totals[r.main][0] += r.realised
        totals[r.main][2 if r.subcontracted else 1] += r.realised
    return tuple((main, *figures) for main, figures in sorted(totals.items()))  # type: ignore[misc]
