"""Reading a bank statement (ISO 20022 camt.053.001.02, what Dutch banks deliver for an account)
into the domain's BankStatement.

The XML is parsed by `pyiso20022`'s data classes, generated from the ISO 20022 schema, through
`xsdata`: the message's structure, types and codes come from the standard, not from a hand-written
reader, and the same classes build the statements the tests import. Before that, lxml reads the
bytes with entities, DTDs and network access off, and a DOCTYPE is refused, as at the gateway.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from pyiso20022.camt.camt_053_001_02 import (
    CreditDebitCode, Document, EntryStatus2Code, EntryTransaction2, ReportEntry2,
)
from xsdata.exceptions import ParserError
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler

from services.payments.domain.bank_statements import BankEntry, BankStatement
from services.payments.domain.returns import REASON

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
MAX_BYTES = 10 * 1024 * 1024
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_STRICT = ParserConfig(fail_on_unknown_properties=True, fail_on_unknown_attributes=True)


class StatementFormatError(ValueError):
    """Not a camt.053.001.02 statement this import can read; the message says why."""


def read_statement(xml: bytes) -> BankStatement:
    document = _document(xml)
    statements = document.bk_to_cstmr_stmt.stmt
    if len(statements) != 1:
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: {len(statements)} statements in one message; "
                                   "import one account's statement at a time")
    stmt = statements[0]
    if not stmt.acct.id.iban:
        raise StatementFormatError("HF-STATEMENT-FORMAT: Stmt/Acct/Id has no IBAN")
    entries = tuple(e for n, entry in enumerate(stmt.ntry) if entry.sts == EntryStatus2Code.BOOK
                    for e in _transactions(n, entry))
    return BankStatement(stmt.id, document.bk_to_cstmr_stmt.grp_hdr.msg_id, stmt.acct.id.iban.replace(" ", ""),
                         entries)


def _document(xml: bytes) -> Document:
    try:
        tree = etree.ElementTree(etree.fromstring(xml, _SAFE))
    except etree.XMLSyntaxError as error:
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: not well-formed XML: {error}") from None
    if tree.docinfo.doctype:
        raise StatementFormatError("HF-STATEMENT-FORMAT: a DOCTYPE is not accepted")
    if etree.QName(tree.getroot()).namespace != NAMESPACE:
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: not a camt.053.001.02 statement "
                                   f"(root element {tree.getroot().tag})")
    try:
        return XmlParser(config=_STRICT, handler=LxmlEventHandler).parse(tree, Document)
    except (ParserError, TypeError, ValueError) as error:
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: not a valid camt.053.001.02 statement: {error}") from None


def _transactions(n: int, entry: ReportEntry2) -> list[BankEntry]:
    """The entry's transactions (TxDtls); an entry without any is one transaction without refs."""
    total, booked_on = _cents(entry.amt.value, entry.amt.ccy), _booked_on(n, entry)
    txs = [tx for details in entry.ntry_dtls for tx in details.tx_dtls] or [EntryTransaction2()]
    return [BankEntry(
        end_to_end_id=tx.refs.end_to_end_id if tx.refs else None,
        amount=_amount_of(tx, total if len(txs) == 1 else None),
        credit=entry.cdt_dbt_ind == CreditDebitCode.CRDT, reversal=bool(entry.rvsl_ind), booked_on=booked_on,
        return_reason=_reason(tx), entry=n, entry_amount=total,
    ) for tx in txs]


def _booked_on(n: int, entry: ReportEntry2) -> date:
    when = entry.bookg_dt
    if when and when.dt:
        return when.dt.to_date()
    if when and when.dt_tm:
        return when.dt_tm.to_datetime().date()
    raise StatementFormatError(f"HF-STATEMENT-FORMAT: booked entry {n + 1} has no booking date")


def _amount_of(tx: EntryTransaction2, single: int | None) -> int | None:
    details = tx.amt_dtls
    amount = details and (details.tx_amt or details.instd_amt)
    return _cents(amount.amt.value, amount.amt.ccy) if amount else single


def _reason(tx: EntryTransaction2) -> str | None:
    """The ISO return reason code; a bank's own (Prtry) only when it has that form."""
    reason = tx.rtr_inf.rsn if tx.rtr_inf else None
    code = (reason.cd or reason.prtry) if reason else None
    return code if code and REASON.fullmatch(code) else None


def _cents(value: Decimal, currency: str) -> int:
    if currency != "EUR":
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: an amount in {currency}: payment runs are in EUR")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise StatementFormatError(f"HF-STATEMENT-FORMAT: amount {value} has more than two decimals")
    return int(cents)

