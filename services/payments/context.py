"""The payments service's own collaborators, built by its bootstrap and handed to its handlers
and routes."""

from __future__ import annotations

from dataclasses import dataclass

from services.payments.adapters.book_store import BookCache, FoldedStreams
from services.payments.domain.ceilings import Ceiling
from services.payments.ports import Financing
from shared.clock import Clock
from shared.persistence.sql import SqlDatabase


@dataclass(frozen=True)
class Payments:
    db: SqlDatabase
    clock: Clock
    topic: str
    book: BookCache
    ceilings: FoldedStreams[Ceiling]
    default_payment_term_days: int
    financing: Financing
    """Ports of the region's financing beyond price × quantity (issue 17)."""

    @property
    def book_stream(self) -> str:
        return self.book.stream
