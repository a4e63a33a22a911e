"""The payments ports on SQLAlchemy (SQLite and PostgreSQL): with the tables, the only payments
code that sees a connection."""

from __future__ import annotations

from services.payments.adapters.book_store import BookCache, FoldedStreams
from services.payments.adapters.financing_sql import SqlCareSpellRecords
from services.payments.adapters.sql.books import SqlPaymentBooks, SqlProjections, Written
from services.payments.adapters.sql.evidence import SqlEvidenceRecords
from services.payments.adapters.sql.recorded import SqlRecordedAsOf
from services.payments.adapters.sql.reference import SqlReferenceData
from services.payments.adapters.sql.reports import SqlReportFacts
from services.payments.adapters.sql.runs import SqlRunReads, SqlStatementReads
from services.payments.adapters.sql_region import SqlRegionFacts
from services.payments.domain.ceilings import Ceiling
from services.payments.ports import PaymentsPorts
from shared.persistence.sql_work import Source


def sql_ports(source: Source, book: BookCache, ceilings: FoldedStreams[Ceiling]) -> PaymentsPorts:
    """The ports on a unit of work's connection, or on the read engine for the queries of routes;
    `book` and `ceilings` keep the folded streams of this process warm (adapters/book_store.py)."""
    written = Written(book.stream)
    return PaymentsPorts(SqlReferenceData(source), SqlPaymentBooks(source, book, ceilings, written),
                         SqlProjections(source, written),
                         SqlEvidenceRecords(source, book.region), SqlRegionFacts(source), SqlRunReads(source),
                         SqlStatementReads(source, book.stream), SqlReportFacts(source),
                         SqlRecordedAsOf(source, book.region, book.stream), SqlCareSpellRecords(source))
