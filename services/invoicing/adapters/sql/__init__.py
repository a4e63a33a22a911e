"""The invoicing ports on SQLAlchemy (SQLite and PostgreSQL): the only invoicing code, with the
tables and the query modules beside them, that sees a connection."""

from __future__ import annotations

from services.invoicing.adapters.sql.declarations import SqlDeclarations
from services.invoicing.adapters.sql.master_data import SqlMasterData
from services.invoicing.adapters.sql.reads import SqlDeclarationReads, SqlQueue
from services.invoicing.ports import InvoicingPorts
from shared.persistence.sql_work import Source


def sql_ports(source: Source) -> InvoicingPorts:
    """The ports on a unit of work's connection, or on the read engine for the queries of routes."""
    return InvoicingPorts(SqlMasterData(source), SqlDeclarations(source), SqlQueue(source),
                          SqlDeclarationReads(source))
