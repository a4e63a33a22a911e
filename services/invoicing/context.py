"""The invoicing service's own collaborators, built by its bootstrap and handed to its handlers
and routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.invoicing.ports import InvoicingPorts
from shared.audit import AuditTrail
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.persistence.ports import Store


@dataclass(frozen=True)
class Invoicing:
    store: Store[InvoicingPorts]
    """Units of work with the ports bound to their transaction (decisions, the consumers' inbox)."""
    queries: InvoicingPorts
    """The same ports outside a transaction, for what routes read."""
    commands: CommandHandler[InvoicingPorts]
    clock: Clock
    topic: str
    decode: Callable[[bytes], object]
    margin_working_days: int
    """Held lines still open this many working days before the JW325 deadline are rejected."""
    audit: AuditTrail
