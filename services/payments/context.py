"""The payments service's own collaborators, built by its bootstrap and handed to its handlers
and routes."""

from __future__ import annotations

from dataclasses import dataclass

from services.payments.adapters.book_store import BookCache, FoldedStreams
from services.payments.domain.ceilings import Ceiling
from services.payments.ports import Financing, PaymentsPorts
from shared.audit import AuditTrail
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.persistence.ports import Store, Work
from shared.persistence.sql import SqlDatabase


PaymentsWork = Work[PaymentsPorts]


@dataclass(frozen=True)
class Payments:
    db: SqlDatabase
    clock: Clock
    topic: str
    book: BookCache
    ceilings: FoldedStreams[Ceiling]
    default_payment_term_days: int
    audit: AuditTrail
    financing: Financing
    """Ports of the region's financing beyond price × quantity: lump sums, the ledger (issue 17)."""
    store: Store[PaymentsPorts]
    """Units of work with the ports bound to their transaction (staff commands, the consumers of
    settlements, allocations and the region file)."""
    queries: PaymentsPorts
    """The same ports outside a transaction, for what routes and handlers read before deciding."""
    commands: CommandHandler[PaymentsPorts]
    """The kernel's one command handler on `store` (handlers/book.py runs the staff commands on
    the book through it)."""

    @property
    def book_stream(self) -> str:
        return self.book.stream
