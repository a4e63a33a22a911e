"""The allocation service's ports on SQL: `sql_ports(source)` binds them to a unit of work's
connection, or to the read engine for the queries routes make."""

from services.allocation.adapters.sql.allocations import SqlAllocations
from services.allocation.adapters.sql.clients import SqlClients
from services.allocation.adapters.sql.messages import SqlJw301Log
from services.allocation.adapters.sql.region import SqlRegionInput
from services.allocation.adapters.sql.requests import SqlRequests
from services.allocation.ports import AllocationPorts
from shared.persistence.sql_work import Source


def sql_ports(source: Source) -> AllocationPorts:
    return AllocationPorts(SqlAllocations(source), SqlClients(source), SqlJw301Log(source), SqlRequests(source),
                           SqlRegionInput(source))
