"""The allocation service's ports in memory, for handler tests that do not test SQL."""

from __future__ import annotations

from services.allocation.adapters.memory.allocations import MemoryAllocations
from services.allocation.adapters.memory.clients import MemoryClients
from services.allocation.adapters.memory.records import MemoryJw301Log, MemoryRegionInput, MemoryRequests
from services.allocation.adapters.memory.state import AllocationState
from services.allocation.ports import AllocationPorts


def memory_ports(state: AllocationState) -> AllocationPorts:
    return AllocationPorts(MemoryAllocations(state), MemoryClients(state), MemoryJw301Log(state),
                           MemoryRequests(state), MemoryRegionInput(state))
