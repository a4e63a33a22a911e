"""SEPA credit-transfer file (pain.001) of a payment run, built with `sepaxml`.

One transfer per provider (the run's `transfers`), the region's account as debtor, remittance
information naming the provider's declarations and months of care and an EndToEndId per transfer
(domain/remittance.py). The file is validated against the pain.001 XSD bundled with
sepaxml before it is returned. MsgId, PmtInfId and CreDtTm are set from the caller's values
instead of sepaxml's random ids and wall clock, so re-rendering an exported run gives the same
file with the same MsgId, and a bank's duplicate check catches a file sent twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree
from sepaxml import SepaTransfer
from sepaxml.validation import try_valid_xml
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from services.payments.domain.remittance import MAX_ID, end_to_end_id, remittance
from services.payments.domain.runs import Transfer

SCHEMA = "pain.001.001.03"
NS = {"p": f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"}


class SepaError(ValueError):
    pass


@dataclass(frozen=True)
class Account:
    name: str
    iban: str
    bic: str | None = None


@dataclass(frozen=True)
class RunFile:
    run_id: str
    message_id: str
    execution_date: date
    created_at: datetime


def checked_account(account: Account, whose: str) -> Account:
    if not stdnum_iban.is_valid(account.iban):
        raise SepaError(f"invalid IBAN for {whose}")
    if account.bic and not stdnum_bic.is_valid(account.bic):
        raise SepaError(f"invalid BIC for {whose}")
    return Account(account.name, stdnum_iban.compact(account.iban), account.bic)


def payment(run: RunFile, transfer: Transfer, creditor: Account) -> dict:
    entry = {
        "name": creditor.name, "IBAN": creditor.iban, "amount": transfer.amount,
        "execution_date": run.execution_date, "description": remittance(run.run_id, transfer),
        "endtoend_id": end_to_end_id(run.run_id, transfer.provider),
    }
    return entry | ({"BIC": creditor.bic} if creditor.bic else {})


def pain001(
    run: RunFile, transfers: Sequence[Transfer], debtor: Account, creditors: Mapping[str, Account]
) -> bytes:
    """The run's pain.001 file, XSD-validated. `creditors` maps provider (AGB) → account."""
    if not transfers:
        raise SepaError(f"run {run.run_id} has no transfer to export")
    if len(run.message_id) > MAX_ID:
        raise SepaError("message id longer than 35 characters")
    debtor = checked_account(debtor, "the region")
    config = {"name": debtor.name, "IBAN": debtor.iban, "batch": True, "currency": "EUR"}
    sepa = SepaTransfer(config | ({"BIC": debtor.bic} if debtor.bic else {}), schema=SCHEMA)
    for transfer in transfers:
        if transfer.provider not in creditors:
            raise SepaError(f"no account for provider {transfer.provider}")
        creditor = checked_account(creditors[transfer.provider], transfer.provider)
        sepa.add_payment(payment(run, transfer, creditor))
    xml = _with_fixed_ids(sepa.export(validate=False), run)
    try_valid_xml(xml, SCHEMA)
    return xml


def _with_fixed_ids(xml: bytes, run: RunFile) -> bytes:
    root = etree.fromstring(xml)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    header.find("p:MsgId", NS).text = run.message_id
    header.find("p:CreDtTm", NS).text = run.created_at.strftime("%Y-%m-%dT%H:%M:%S")
    for n, node in enumerate(root.iterfind("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", NS), 1):
        node.text = f"{run.message_id[:MAX_ID - 4]}-{n}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
