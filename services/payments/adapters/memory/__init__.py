"""The payments ports in memory, for handler tests that do not test SQL."""

from __future__ import annotations

from services.payments.adapters.memory.books import MemoryEvidenceRecords, MemoryPaymentBooks, MemoryProjections
from services.payments.adapters.memory.reads import (MemoryRecordedAsOf, MemoryReportFacts, MemoryRunReads,
                                                     MemoryStatementReads)
from services.payments.adapters.memory.spells import MemoryCareSpellRecords
from services.payments.adapters.memory.reference import MemoryReferenceData, MemoryRegionFactsOf
from services.payments.adapters.memory.state import PaymentsState
from services.payments.ports import PaymentsPorts


def memory_ports(state: PaymentsState) -> PaymentsPorts:
    return PaymentsPorts(MemoryReferenceData(state), MemoryPaymentBooks(state), MemoryProjections(state),
                         MemoryEvidenceRecords(state), MemoryRegionFactsOf(state), MemoryRunReads(state),
                         MemoryStatementReads(state), MemoryReportFacts(state), MemoryRecordedAsOf(state),
                         MemoryCareSpellRecords(state))
