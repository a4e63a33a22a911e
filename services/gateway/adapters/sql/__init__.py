"""The gateway's ports on SQLAlchemy (SQLite and PostgreSQL): the only gateway code, with the
tables, that sees a connection."""

from __future__ import annotations

from services.gateway.adapters.sql.mailbox import SqlMailbox
from services.gateway.adapters.sql.messages import SqlConversations, SqlMessages
from services.gateway.adapters.sql.parties import SqlParties
from services.gateway.adapters.sql.audit import SqlAuditLog
from services.gateway.adapters.sql.records import SqlRegionLoads, SqlRegionSections
from services.gateway.adapters.sql.staff import SqlSessions, SqlStaff
from services.gateway.ports import GatewayPorts
from shared.persistence.sql_work import Source


def sql_ports(source: Source) -> GatewayPorts:
    """The ports on a unit of work's connection, or on the read engine for the queries of routes."""
    return GatewayPorts(SqlMessages(source), SqlMailbox(source), SqlConversations(source), SqlParties(source),
                        SqlStaff(source), SqlSessions(source), SqlRegionSections(source), SqlAuditLog(source),
                        SqlRegionLoads(source))
