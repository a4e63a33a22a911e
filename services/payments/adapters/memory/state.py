"""The payments read models and reference data in memory: plain dicts a unit of work changes and
puts back when it ends without committing (shared/persistence/memory_work.py). Adapters reach the
state through its attributes at every call, never keep one of its dicts: a rollback replaces them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self

from services.payments.adapters.memory_region import MemoryRegionFacts
from services.payments.domain.book import Book
from services.payments.domain.ceilings import Ceiling
from services.payments.domain.monitoring import CareSpell


@dataclass
class Folded:
    """The book and each ceiling as (stream version, folded state). The states are immutable, so
    keeping a copy for a rollback copies the maps, not the states (which would not deep-copy)."""

    book: tuple[int, Book] = (0, Book())
    ceilings: dict[tuple[str, int], tuple[int, Ceiling]] = field(default_factory=dict)

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return type(self)(self.book, dict(self.ceilings))


@dataclass
class Recorded:
    """Payments' own events with the moment they were recorded, for what reads them as of a date
    or back from the book's stream (ports/reads.py): the book's, the evidence and the sections.
    The events are immutable, so keeping a copy for a rollback copies the list only."""

    events: list[tuple[datetime, Any]] = field(default_factory=list)

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return type(self)(list(self.events))


@dataclass
class PaymentsState:
    sections: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, dict[str, Any]] = field(default_factory=dict)
    """line_id → the line as recorded (the columns of line_products)."""
    allocations: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    """(municipality, number) → the effective version (the columns of allocations)."""
    folded: Folded = field(default_factory=Folded)
    evidence: Counter[str] = field(default_factory=Counter)
    """Declarations whose evidence is recorded, and in how many events."""
    recorded_sections: list[tuple[str, Any]] = field(default_factory=list)
    facts: MemoryRegionFacts = field(default_factory=MemoryRegionFacts)
    """The procurement and outcome facts; their sections are `sections` above, as in SQL."""
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """run_id → the run as projected (the columns of payment_runs)."""
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    """item_id → the payable item as projected (the columns of payable_items)."""
    statements: list[dict[str, Any]] = field(default_factory=list)
    """The bank statements imported (the columns of bank_statements), in the order imported."""
    staff: dict[str, Any] = field(default_factory=dict)
    """username → StaffMember (ports/reads.py), as the gateway published them."""
    recorded: Recorded = field(default_factory=Recorded)
    spells: dict[tuple[str, int, date], CareSpell] = field(default_factory=dict)
    """(municipality, allocation number, begin) → the start of care and its stop, if any."""
