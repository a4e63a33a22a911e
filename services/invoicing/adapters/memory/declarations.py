"""The declarations and their lines in memory: what a decision reads, the records kept beside
the events, and the projection of the events — the same rows the SQL projector writes
(adapters/projections.py, whose row builder both use)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from services.invoicing.adapters.memory.state import DeclarationRow, InvoicingState, LineRow
from services.invoicing.adapters.projections import LINE_STATUS, line_row
from services.invoicing.adapters.queue import outcome_of
from services.invoicing.domain import events as ev
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.declaration import DebitCredit
from services.invoicing.domain.evidence import approved_when_held
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status
from services.invoicing.ports import DeclarationState, HeldLines, LineState
from shared.events.serializer import to_payload
from shared.persistence.ports import ConcurrencyError
from shared.persistence.rows import utc


class MemoryDeclarations:
    def __init__(self, state: InvoicingState) -> None:
        self._s = state

    def _state(self, row: LineRow, with_received: bool = False) -> LineState:
        d = self._s.declarations[row.declaration_id]
        return LineState(row.declaration_id, row.reference, d.number, row.provider, row.municipality, row.bsn,
                         row.status, row.claimed_by, row.first_approved_by, row.first_reason, outcome_of(row),
                         d.received_on if with_received else None)

    async def held_line(self, declaration_id: str, reference: str, municipalities: frozenset[str]) -> LineState | None:
        row = self._s.lines.get((declaration_id, reference))
        return None if row is None or row.municipality not in municipalities else self._state(row)

    async def held_lines(self, which: HeldLines) -> list[LineState]:
        checks: list[tuple[Any, Callable[[LineRow], bool]]] = [
            (which.municipality, lambda r: r.municipality == which.municipality),
            (which.allocation_number, lambda r: r.allocation_number == which.allocation_number),
            (which.provider, lambda r: r.provider == which.provider),
            (which.code, lambda r: which.code in r.codes),
            (which.declaration_id, lambda r: r.declaration_id == which.declaration_id),
            (which.reference, lambda r: r.reference == which.reference),
        ]
        return self._held(lambda r: all(check(r) for value, check in checks if value is not None))

    async def overdue(self, today: date) -> list[LineState]:
        return self._held(lambda r: r.due_on is not None and r.due_on <= today)

    def _held(self, fits: Callable[[LineRow], bool]) -> list[LineState]:
        rows = sorted((r for r in self._s.lines.values() if r.status == Status.HELD.value and fits(r)),
                      key=lambda r: (r.declaration_id, r.reference))
        return [self._state(r, with_received=True) for r in rows]

    async def line_outcomes(self, declaration_id: str, references: Sequence[str]) -> list[LineOutcome]:
        return [outcome_of(self._s.lines[(declaration_id, r)]) for r in references
                if (declaration_id, r) in self._s.lines]

    async def state(self, declaration_id: str) -> DeclarationState:
        d = self._s.declarations[declaration_id]
        outcomes = tuple(outcome_of(r) for r in self._s.lines.values() if r.declaration_id == declaration_id)
        refused = {o.bsn: rc.CLIENT_MISMATCH for o in outcomes if rc.NOT_ASSESSED in o.codes}
        return DeclarationState(declaration_id, d.status, d.received_on,
                                MatchResult(rejected_clients=refused, lines=outcomes))

    async def received_xml(self, declaration_id: str) -> bytes:
        return self._s.received[declaration_id]

    async def keep_received(self, declaration_id: str, xml: Callable[[], bytes]) -> None:
        _unique(self._s.received, declaration_id)
        self._s.received[declaration_id] = xml()

    async def keep_answer(self, declaration_id: str, answer_id: str, xml: bytes) -> None:
        _unique(self._s.answers, declaration_id)
        self._s.answers[declaration_id] = (answer_id, xml)

    async def project(self, declaration_id: str, events: Sequence[Any], at: datetime) -> None:
        """As the SQL projector: a run of line events goes in whole, then the debets its approved
        credits cancel are marked."""
        run: list[Any] = []
        for event in events:
            if type(event) in LINE_STATUS:
                run.append(event)
                continue
            self._lines(declaration_id, run)
            run = []
            _PROJECTORS[event.TYPE](self, declaration_id, event, at)
        self._lines(declaration_id, run)

    def _lines(self, declaration_id: str, run: list[Any]) -> None:
        if not run:
            return
        header = self._s.declarations[declaration_id]
        for e in run:
            row = LineRow(**{**line_row(declaration_id, header, e), "basis": to_payload(e.basis)})
            _unique(self._s.lines, (declaration_id, row.reference))
            self._s.lines[(declaration_id, row.reference)] = row
        self._credited(header.provider, [e.line.previous_reference for e in run if isinstance(e, ev.LineApproved)
                                         and e.line.signed_amount < 0 and e.line.previous_reference])

    def _credited(self, provider: str, references: list[str]) -> None:
        """TR390: a debet cancelled by an approved credit cannot be credited again."""
        for r in self._s.lines.values():
            if (r.provider == provider and r.reference in references and r.signed_amount >= 0
                    and r.status == Status.APPROVED.value):
                r.credited = True

    def _set(self, declaration_id: str, reference: str, **values: Any) -> None:
        row = self._s.lines.get((declaration_id, reference))
        for name, value in (values.items() if row is not None else ()):
            setattr(row, name, value)

    def received(self, declaration_id: str, e: ev.DeclarationReceived, at: datetime) -> None:
        _unique(self._s.declarations, declaration_id)
        self._s.declarations[declaration_id] = DeclarationRow(
            declaration_id, e.sender_agb, e.gemeente, e.declaration_number, e.message_id, e.period_begin,
            e.received_on, e.answer_due, "open", e.total)

    def refused(self, declaration_id: str, e: ev.DeclarationRejected, at: datetime) -> None:
        self._s.declarations[declaration_id].status = "refused"

    def answered(self, declaration_id: str, e: ev.DeclarationAnswered, at: datetime) -> None:
        """A declaration refused as a whole stays "refused": IV087 treats it as never sent."""
        d = self._s.declarations[declaration_id]
        d.status = "refused" if d.status == "refused" else "answered"
        d.granted, d.answer_id, d.answered_on = e.granted, e.answer_id, e.answered_on
        d.answer_codes = {"header": list(e.header_codes), "declaration": list(e.declaration_codes)}

    def held_approved(self, declaration_id: str, e: ev.HeldLineApproved, at: datetime) -> None:
        row = self._s.lines[(declaration_id, e.reference)]
        approval = approved_when_held(e, tuple(row.codes or ())).to_json()
        self._set(declaration_id, e.reference, status=Status.APPROVED.value, codes=[], due_on=None, claimed_by=None,
                  first_approved_by=None, first_reason=None, ceiling_exempt=e.basis.ceiling_exempt,
                  basis=to_payload(e.basis), approval=approval)
        if row.line["debit_credit"] == DebitCredit.CREDIT.value and row.line["previous_reference"]:
            self._credited(row.provider, [row.line["previous_reference"]])

    def held_rejected(self, declaration_id: str, e: ev.HeldLineRejected, at: datetime) -> None:
        self._set(declaration_id, e.reference, status=Status.REJECTED.value, codes=list(e.codes), due_on=None,
                  claimed_by=None, first_approved_by=None, first_reason=None)

    def first_approved(self, declaration_id: str, e: ev.HeldLineFirstApproved, at: datetime) -> None:
        self._set(declaration_id, e.reference, first_approved_by=e.by, first_reason=e.reason)

    def rematched(self, declaration_id: str, e: ev.HeldLineRematched, at: datetime) -> None:
        values: dict[str, Any] = {"codes": list(e.codes)}
        if e.basis is not None:
            values["basis"] = to_payload(e.basis)
        self._set(declaration_id, e.reference, **values)

    def commented(self, declaration_id: str, e: ev.HeldLineCommented, at: datetime) -> None:
        row = self._s.lines.get((declaration_id, e.reference))
        if row is not None:
            row.comments = [*(row.comments or []), {"by": e.by, "at": utc(at).isoformat(), "text": e.text}]

    def claimed(self, declaration_id: str, e: ev.HeldLineClaimed, at: datetime) -> None:
        self._set(declaration_id, e.reference, claimed_by=e.by)

    def released(self, declaration_id: str, e: ev.HeldLineReleased, at: datetime) -> None:
        self._set(declaration_id, e.reference, claimed_by=None)

    def nothing(self, declaration_id: str, e: Any, at: datetime) -> None:
        """ClientRejected: each of the client's lines has its own LineRejected (0233)."""


def _unique(rows: dict[Any, Any], key: Any) -> None:
    """A key the SQL table's primary key would refuse: the command is decided again."""
    if key in rows:
        raise ConcurrencyError(f"{key!r} is there already")


_PROJECTORS: dict[str, Callable[[MemoryDeclarations, str, Any, datetime], None]] = {
    ev.DeclarationReceived.TYPE: MemoryDeclarations.received,
    ev.DeclarationRejected.TYPE: MemoryDeclarations.refused,
    ev.ClientRejected.TYPE: MemoryDeclarations.nothing,
    ev.HeldLineApproved.TYPE: MemoryDeclarations.held_approved,
    ev.HeldLineRejected.TYPE: MemoryDeclarations.held_rejected,
    ev.DeclarationAnswered.TYPE: MemoryDeclarations.answered,
    ev.HeldLineCommented.TYPE: MemoryDeclarations.commented,
    ev.HeldLineRematched.TYPE: MemoryDeclarations.rematched,
    ev.HeldLineClaimed.TYPE: MemoryDeclarations.claimed,
    ev.HeldLineReleased.TYPE: MemoryDeclarations.released,
    ev.HeldLineFirstApproved.TYPE: MemoryDeclarations.first_approved,
}
