"""ImportBankStatement: a camt.053 statement of the region's account confirms the transfers it
shows executed and makes the returned ones' items due again (domain/bank_statements.py), in one
transaction with its audit entry."""

from __future__ import annotations

import asyncio
from typing import Any

from services.payments.adapters.camt053 import read_statement
from services.payments.context import Payments
from services.payments.domain import commands as cmd
from services.payments.domain.bank_statements import decide_import_statement
from services.payments.domain.errors import StatementRefused
from services.payments.handlers.book import book_command
from shared.audit import AuditEntry


async def import_statement(ctx: Payments, xml: bytes, by: str, roles: frozenset[str], audit: AuditEntry) -> list[Any]:
    statement = await asyncio.to_thread(read_statement, xml)
    account = await ctx.queries.reference.section("account")
    if account is None:
        raise StatementRefused("HF-STATEMENT-ACCOUNT: the region's account is not known yet (region file not loaded)")
    command = cmd.ImportBankStatement(statement, account["iban"].replace(" ", ""), by, roles)
    return await book_command(ctx, decide_import_statement, command, audit)
