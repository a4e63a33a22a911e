"""The invoicing ports in memory, for handler tests that do not test SQL."""

from __future__ import annotations

from services.invoicing.adapters.memory.declarations import MemoryDeclarations
from services.invoicing.adapters.memory.master_data import MemoryMasterData
from services.invoicing.adapters.memory.reads import MemoryDeclarationReads, MemoryQueue
from services.invoicing.adapters.memory.state import InvoicingState
from services.invoicing.ports import InvoicingPorts


def memory_ports(state: InvoicingState) -> InvoicingPorts:
    return InvoicingPorts(MemoryMasterData(state), MemoryDeclarations(state), MemoryQueue(state),
                          MemoryDeclarationReads(state))
