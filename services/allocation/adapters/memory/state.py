"""The allocation read models and kept input in memory: plain dicts a unit of work changes and
puts back when it ends without committing (shared/persistence/memory_work.py). Adapters reach the
state through its attributes at every call, never keep one of its dicts: a rollback replaces them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.allocation.ports import AllocationRow, RequestRow, Section, SentJw301


@dataclass
class AllocationState:
    allocations: dict[tuple[str, int], AllocationRow] = field(default_factory=dict)
    clients: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    jw301s: dict[str, SentJw301] = field(default_factory=dict)
    requests: dict[tuple[str, str], RequestRow] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    approved_lines: dict[tuple[str, int], int] = field(default_factory=dict)
