"""The gateway's ports in memory, for handler tests that do not test SQL."""

from __future__ import annotations

from services.gateway.adapters.memory.audit import MemoryAuditLog
from services.gateway.adapters.memory.directory import MemoryParties, MemoryRegionLoads, MemoryRegionSections
from services.gateway.adapters.memory.staff import MemorySessions, MemoryStaff
from services.gateway.adapters.memory.messages import MemoryConversations, MemoryMailbox, MemoryMessages
from services.gateway.adapters.memory.state import GatewayState
from services.gateway.ports import GatewayPorts


def memory_ports(state: GatewayState) -> GatewayPorts:
    return GatewayPorts(MemoryMessages(state), MemoryMailbox(state), MemoryConversations(state),
                        MemoryParties(state), MemoryStaff(state), MemorySessions(state), MemoryRegionSections(state),
                        MemoryAuditLog(state), MemoryRegionLoads(state))
