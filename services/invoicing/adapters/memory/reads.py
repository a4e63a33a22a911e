"""The finance reads of routes in memory: the exception queue and whole declarations, in the
SQL adapter's orders (adapters/queue.py, adapters/declarations.py), within the caller's
municipalities. Rows carry the attributes the SQL rows do."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

from services.invoicing.adapters.memory.state import DeclarationRow, InvoicingState, LineRow
from services.invoicing.adapters.records import version_to_json
from services.invoicing.domain.policy import Status
from services.invoicing.ports import DeclarationSearch, QueueFilter

Row = tuple[LineRow, DeclarationRow]


def _desc(value: Any) -> Any:
    """A sort key that orders dates and numbers the other way round."""
    return -value.toordinal() if hasattr(value, "toordinal") else -value


SORTS: dict[str, Callable[[Row], tuple[Any, ...]]] = {
    "due": lambda r: (r[0].due_on, r[1].received_on),
    "-due": lambda r: (_desc(r[0].due_on), _desc(r[1].received_on)),
    "amount": lambda r: (r[0].signed_amount,),
    "-amount": lambda r: (-r[0].signed_amount,),
    "received": lambda r: (r[1].received_on,),
    "-received": lambda r: (_desc(r[1].received_on),),
    "municipality": lambda r: (r[0].municipality, r[0].due_on),
    "provider": lambda r: (r[0].provider, r[0].due_on),
}


def _shown(ln: LineRow, d: DeclarationRow) -> SimpleNamespace:
    return SimpleNamespace(**vars(ln), number=d.number, received_on=d.received_on, answer_due=d.due_on)


class MemoryQueue:
    def __init__(self, state: InvoicingState) -> None:
        self._s = state

    def _held(self, f: QueueFilter) -> list[Row]:
        checks: list[tuple[Any, Callable[[Row], bool]]] = [
            (f.municipality, lambda r: r[0].municipality == f.municipality),
            (f.provider, lambda r: r[0].provider == f.provider),
            (f.code, lambda r: f.code in r[0].codes),
            (f.received_before, lambda r: r[1].received_on < f.received_before),
            (f.due_before, lambda r: r[0].due_on <= f.due_before),
            (f.min_amount, lambda r: r[0].signed_amount >= f.min_amount),
            (f.max_amount, lambda r: r[0].signed_amount <= f.max_amount),
        ]
        rows = [(ln, self._s.declarations[ln.declaration_id]) for ln in self._s.lines.values()
                if ln.status == Status.HELD.value and ln.municipality in f.municipalities]
        return [r for r in rows if all(check(r) for value, check in checks if value is not None)]

    async def page(self, f: QueueFilter, sort: str, limit: int | None, offset: int) -> list[Any]:
        rows = sorted(self._held(f), key=lambda r: (*SORTS[sort](r), r[0].declaration_id, r[0].reference))
        rows = rows[offset:] if limit is None else rows[offset:offset + limit]
        return [_shown(*r) for r in rows]

    async def count(self, f: QueueFilter) -> int:
        return len(self._held(f))

    async def deadlines(self, municipalities: frozenset[str]) -> list[Any]:
        days: dict[Any, list[int]] = defaultdict(list)
        for ln, _ in self._held(QueueFilter(municipalities)):
            days[ln.due_on].append(ln.signed_amount)
        return [SimpleNamespace(due_on=day, lines=len(amounts), amount=sum(amounts))
                for day, amounts in sorted(days.items())]

    async def detail(self, declaration_id: str, reference: str,
                     municipalities: frozenset[str]) -> tuple[Any, dict[str, Any] | None]:
        ln = self._s.lines.get((declaration_id, reference))
        if ln is None or ln.municipality not in municipalities:
            return None, None
        row = _shown(ln, self._s.declarations[declaration_id])
        if not ln.basis.get("allocation_decided_on"):
            return row, None
        key = (ln.municipality, ln.basis["allocation_number"], date.fromisoformat(ln.basis["allocation_decided_on"]),
               ln.basis["allocation_decided_at"])
        kept = self._s.allocations.get(key)
        return row, None if kept is None else version_to_json(kept.version)


class MemoryDeclarationReads:
    def __init__(self, state: InvoicingState) -> None:
        self._s = state

    def _found(self, f: DeclarationSearch) -> list[DeclarationRow]:
        clients = ({ln.declaration_id for ln in self._s.lines.values() if ln.bsn == f.bsn}
                   if f.bsn is not None else None)
        return [d for d in self._s.declarations.values() if d.municipality in f.municipalities
                and (f.number is None or d.number == f.number) and (f.provider is None or d.provider == f.provider)
                and (f.municipality is None or d.municipality == f.municipality)
                and (clients is None or d.declaration_id in clients)]

    async def search(self, f: DeclarationSearch, limit: int, offset: int) -> tuple[list[Any], int]:
        found = sorted(self._found(f), key=lambda d: (_desc(d.received_on), d.number, d.declaration_id))
        return found[offset:offset + limit], len(found)

    async def held_of(self, declaration_ids: list[str], bsn: str | None) -> dict[str, list[str]]:
        held: dict[str, list[str]] = defaultdict(list)
        for ln in sorted(self._s.lines.values(), key=lambda r: (r.declaration_id, r.reference)):
            if (ln.declaration_id in declaration_ids and ln.status == Status.HELD.value
                    and (bsn is None or ln.bsn == bsn)):
                held[ln.declaration_id].append(ln.reference)
        return held

    async def summary(self, declaration_id: str, municipalities: frozenset[str]) -> Any:
        d = self._s.declarations.get(declaration_id)
        return d if d is not None and d.municipality in municipalities else None

    async def lines(self, declaration_id: str, status: str | None, limit: int, offset: int) -> list[Any]:
        first = {Status.HELD.value: 0, Status.REJECTED.value: 1}
        rows = sorted((ln for ln in self._s.lines.values() if ln.declaration_id == declaration_id
                       and (status is None or ln.status == status)),
                      key=lambda ln: (first.get(ln.status, 2), ln.bsn, ln.reference))
        return rows[offset:offset + limit]

    async def totals(self, declaration_id: str) -> list[Any]:
        per: dict[str, list[int]] = defaultdict(list)
        for ln in self._s.lines.values():
            if ln.declaration_id == declaration_id:
                per[ln.status].append(ln.signed_amount)
        return [SimpleNamespace(status=s, lines=len(a), amount=sum(a)) for s, a in sorted(per.items())]

    async def answer_kept(self, declaration_id: str) -> bool:
        return declaration_id in self._s.answers

    async def body(self, which: str, declaration_id: str) -> bytes | None:
        if which == "jw323":
            return self._s.received.get(declaration_id)
        kept = self._s.answers.get(declaration_id)
        return None if kept is None else kept[1]

    async def clients_of(self, declaration_id: str) -> list[str]:
        return sorted({ln.bsn for ln in self._s.lines.values() if ln.declaration_id == declaration_id})
