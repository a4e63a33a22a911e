"""Reports as JSON, CSV or XLSX (design.md §6): the same `Table`s in three forms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Literal

from fastapi import Response
from fastapi.responses import JSONResponse

from services.payments.adapters.exports import to_csv, to_xlsx
from services.payments.domain.report_tables import Table

Format = Literal["json", "csv", "xlsx"]
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE = {200: {"description": "the table as JSON, CSV (`format=csv`) or XLSX (`format=xlsx`). In JSON each "
                              "column names its kind, and every number is an integer: `money` in eurocents, "
                              "`basis_points` in hundredths of a percent (2500 = 25 %), `percent` and `integer` "
                              "whole; `date` and `month` are ISO dates (a month as its first day). The Dutch "
                              "decimal comma is for CSV and XLSX only.",
               "content": {"application/json": {}, "text/csv": {}, XLSX: {}}}}
"""The `responses` of a route that answers with `table_response`."""


def table_json(table: Table) -> dict[str, object]:
    names = [c.name for c in table.columns]
    rows = [{n: v.isoformat() if isinstance(v, date) else v for n, v in zip(names, row, strict=True)}
            for row in table.rows]
    return {"title": table.title, "columns": [{"name": c.name, "kind": c.kind} for c in table.columns],
            "rows": rows}


def filename(title: str, extension: str) -> str:
    return f"{re.sub(r'[^A-Za-z0-9]+', '-', title).strip('-').lower() or 'report'}.{extension}"


def table_response(table: Table, format: Format, sheets: Sequence[Table] = ()) -> Response:
    """`table` as JSON or CSV; XLSX holds `table` and any further `sheets`."""
    if format == "csv":
        return Response(to_csv(table).encode("utf-8"), media_type=CSV, headers=_attachment(table, "csv"))
    if format == "xlsx":
        return Response(to_xlsx([table, *sheets]), media_type=XLSX, headers=_attachment(table, "xlsx"))
    return JSONResponse({**table_json(table), "sheets": [table_json(s) for s in sheets]})


def _attachment(table: Table, extension: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename(table.title, extension)}"'}
