"""Bank statements (camt.053.001.02) for tests, built with the same ISO 20022 classes the import
reads them with, from the transfers of a run's own pain.001: what the bank would report after
executing the file, with some transfers returned."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

import pyiso20022.camt.camt_053_001_02 as camt
from pyiso20022.camt.camt_053_001_02.camt_053_001_02 import __NAMESPACE__ as CAMT053
from lxml import etree
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.models.datatype import XmlDate, XmlDateTime

from shared.clock import SystemClock

PAIN = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
REGION_IBAN = "NL67INGB0006543210"


def sent(pain001: bytes) -> dict[str, int]:
    """EndToEndId → eurocents of every transfer in the file."""
    root = etree.fromstring(pain001)
    return {tx.findtext("p:PmtId/p:EndToEndId", namespaces=PAIN):
            int(Decimal(tx.findtext("p:Amt/p:InstdAmt", namespaces=PAIN)) * 100)
            for tx in root.iterfind(".//p:CdtTrfTxInf", PAIN)}


def statement(transfers: Mapping[str, int], *, returned: Mapping[str, str | None] = {}, booked: bool = True,
              batch: bool = False, account: str = REGION_IBAN, statement_id: str = "STMT-2026-001",
              on: date | None = None) -> bytes:
    """Every transfer booked as a debit (one batch entry without amounts per transaction when
    `batch`), and each one in `returned` (EndToEndId → reason code) credited back."""
    on = on or SystemClock().today()
    entries = ([_entry(sum(transfers.values()), False, on, [_tx(e2e) for e2e in transfers])]
               if batch else [_entry(cents, False, on, [_tx(e2e, cents)]) for e2e, cents in transfers.items()])
    entries = entries if booked else []
    entries += [_entry(transfers[e2e], True, on, [_tx(e2e, transfers[e2e], reason)])
                for e2e, reason in returned.items()]
    now = XmlDateTime.from_datetime(datetime.combine(on, datetime.min.time()))
    document = camt.Document(bk_to_cstmr_stmt=camt.BankToCustomerStatementV02(
        grp_hdr=camt.GroupHeader42(msg_id=f"MSG-{statement_id}", cre_dt_tm=now),
        stmt=[camt.AccountStatement2(id=statement_id, cre_dt_tm=now,
                                     acct=camt.CashAccount20(id=camt.AccountIdentification4Choice(iban=account)),
                                     ntry=entries)]))
    return XmlSerializer().render(document, ns_map={None: CAMT053}).encode("utf-8")


def _entry(cents: int, credit: bool, on: date, txs: list[camt.EntryTransaction2]) -> camt.ReportEntry2:
    return camt.ReportEntry2(
        amt=_amount(cents), cdt_dbt_ind=camt.CreditDebitCode.CRDT if credit else camt.CreditDebitCode.DBIT,
        sts=camt.EntryStatus2Code.BOOK, bookg_dt=camt.DateAndDateTimeChoice(dt=XmlDate.from_date(on)),
        val_dt=camt.DateAndDateTimeChoice(dt=XmlDate.from_date(on)), bk_tx_cd=camt.BankTransactionCodeStructure4(),
        ntry_dtls=[camt.EntryDetails1(tx_dtls=txs)])


def _tx(e2e: str, cents: int | None = None, reason: str | None = None) -> camt.EntryTransaction2:
    return camt.EntryTransaction2(
        refs=camt.TransactionReferences2(end_to_end_id=e2e),
        amt_dtls=camt.AmountAndCurrencyExchange3(tx_amt=camt.AmountAndCurrencyExchangeDetails3(amt=_amount(cents)))
        if cents is not None else None,
        rtr_inf=camt.ReturnReasonInformation10(rsn=camt.ReturnReason5Choice(cd=reason)) if reason else None)


def _amount(cents: int) -> camt.ActiveOrHistoricCurrencyAndAmount:
    return camt.ActiveOrHistoricCurrencyAndAmount(value=Decimal(cents).scaleb(-2), ccy="EUR")
