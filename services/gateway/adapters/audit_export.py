"""The audit log as a file for auditors: CSV for Dutch Excel (`;` between fields, a UTF-8 byte
order mark, which Excel needs to read UTF-8) and XLSX (openpyxl's write-only mode, which keeps
one row in memory at a time). Times are UTC in ISO 8601 with a Z; the client is its pseudonym."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterable
from typing import Any

from openpyxl import Workbook

from shared.persistence.rows import utc

HEADER = ("volgnummer", "tijdstip (UTC)", "gebruiker", "rollen", "gemeente", "actie", "object",
          "cliënt (pseudoniem)", "reden", "uitkomst", "dienst", "adres", "programma", "namens",
          "overgenomen uit oud logboek", "hash vorige", "hash")
XLSX_MAX_ROWS = 100_000
"""Beyond this an export is CSV (or a shorter period): a workbook is built whole before it is sent."""


def cells(row: Any) -> list[Any]:
    return [row.seq, utc(row.at).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), row.username, row.roles, row.municipality,
            row.action, row.object, row.client, row.reason, row.outcome, row.service, row.address, row.app,
            row.on_behalf_of, "ja" if row.legacy else "nee", row.prev_hash, row.hash]


def _line(values: Iterable[Any]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(["" if v is None else v for v in values])
    return out.getvalue()


async def csv_chunks(batches: AsyncIterator[list[Any]]) -> AsyncIterator[bytes]:
    yield ("\ufeff" + _line(HEADER)).encode("utf-8")
    async for rows in batches:
        yield "".join(_line(cells(row)) for row in rows).encode("utf-8")


async def xlsx(batches: AsyncIterator[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Auditlog")
    sheet.append(list(HEADER))
    async for rows in batches:
        for row in rows:
            sheet.append(cells(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
