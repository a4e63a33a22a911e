"""The demo's closing screen: the summary table and where to look next."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from services.demo.money import euros
from services.demo.summary_report import DemoSummary
from services.gateway.region.model import Staff


def show(console: Console, s: DemoSummary, base: str, staff: Sequence[Staff] = ()) -> None:
    table = Table(title="happyflow demo: one month of the IJsselland region", show_lines=False)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_column("amount", justify="right")
    for code, count in sorted(s.messages.items()):
        table.add_row(f"messages {code} accepted", f"{count:,}", "")
    if s.refused:
        table.add_row("messages refused at the gateway", f"{s.refused:,}", "")
    table.add_row("declaration lines received", f"{s.lines.get('received', 0):,}", euros(s.amounts.get("declared", 0)))
    table.add_row("  approved (the happy flow)", f"{s.lines.get('approved', 0):,}", euros(s.amounts.get("approved", 0)))
    table.add_row("  held for finance staff", f"{s.lines.get('held', 0):,}", euros(s.amounts.get("held", 0)))
    table.add_row("  rejected", f"{s.lines.get('rejected', 0):,}", "")
    for code, count in s.codes.items():
        table.add_row(f"    with {code}", f"{count:,}", "")
    for status, count in sorted(s.declarations.items()):
        table.add_row(f"declarations {status}", f"{count:,}", "")
    run = s.payment_run
    if "id" in run:
        table.add_row(f"payment run ({run['transfers']} transfers, {run['status']})", "", euros(int(run["total"])))
        if run.get("lump_sum_periods") or run.get("pgb_transfers"):
            table.add_row("  with lump-sum periods / PGB transfers to the SVB",
                          f"{run.get('lump_sum_periods', 0)} / {run.get('pgb_transfers', 0)}", "")
    elif run:
        table.add_row(f"payment run: {run.get('skipped')}", "", "")
    table.add_row("time taken", f"{s.seconds} s", "")
    console.print(table)
    sepa = f"  the SEPA file              curl -s {base}{run['file']} -H 'Authorization: Bearer demo-staff-financien'\n"
    show_workbench(console, base, staff)
    console.print(f"""
[bold]Where to look next[/bold] (the server keeps running; Ctrl-C stops it)
  the workbench (staff)      {base}/
  API and its documentation  {base}/docs
  health of every service    curl -s {base}/health
  a provider's mailbox       curl -s '{base}/gateway/v1/mailbox?unacknowledged=true' -H 'Authorization: Bearer demo-aanbieder-98000001'
  the exception queue        curl -s {base}/invoicing/v1/queue -H 'Authorization: Bearer demo-staff-financien'
  the audit log (auditor)    curl -s {base}/gateway/v1/audit -H 'Authorization: Bearer demo-staff-accountant'
  its hash chain             happyflow audit verify --var var
  lawfulness evidence        curl -s '{base}/payments/v1/reports/lawfulness?municipality=0193&year=2026' -H 'Authorization: Bearer demo-staff-accountant'
  budget exhaustion (CSV)    curl -s '{base}/payments/v1/reports/budget?year=2026&format=csv' -H 'Authorization: Bearer demo-staff-controller'
  the region's ledger (CSV)  curl -s '{base}/payments/v1/ledger?year=2026&format=csv' -H 'Authorization: Bearer demo-staff-controller'
  equalisation (verevening)  curl -s '{base}/payments/v1/ledger/equalisation?year=2026' -H 'Authorization: Bearer demo-staff-controller'
""" + (sepa if "file" in run else ""), soft_wrap=True)


def show_workbench(console: Console, base: str, staff: Sequence[Staff]) -> None:
    """The workbench's address and the demo region's sign-ins (demo passwords, for this demo only)."""
    table = Table(title=f"The workbench: open {base}/ and sign in as", show_lines=False)
    for column in ("user", "password", "roles", "municipalities"):
        table.add_column(column)
    for user in staff:
        if user.password:
            shown = ", ".join(user.municipalities) if len(user.municipalities) <= 3 else f"all {len(user.municipalities)}"
            table.add_row(user.username, user.password, ", ".join(r.value for r in user.roles), shown)
    console.print(table)
