"""`happyflow generate`: a month (or months) of iJw traffic for a region, written as files."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from services.demo.files import write_files
from services.demo.options import DEMO_REGION, ErrorRates, GeneratorOptions
from services.demo.scenario import Scenario, build_scenario
from services.demo.summary import Summary, summarise
from services.demo.money import euros
from services.gateway.region.model import RegionFileError, read_region
from shared.clock import SystemClock

app = typer.Typer(help="Generate realistic iJw traffic for a region.", no_args_is_help=True)
DEFAULTS, OPTIONS = ErrorRates(), GeneratorOptions()
_RATE = dict(min=0.0, max=1.0, show_default=False)
MissingRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of lines on an unknown ToewijzingNummer "
                                                       f"(9338) (default {DEFAULTS.missing_allocation:g})")]
ExpiredRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of lines past the allocation's end "
                                                       f"(9308 + 9388/9321) (default {DEFAULTS.expired_allocation:g})")]
TariffRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of lines with an old tariff or a wrong "
                                                      f"amount (0611/9346) (default {DEFAULTS.wrong_tariff:g})")]
OverrunRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of lines over the allocated volume "
                                                       f"(9321/9322) (default {DEFAULTS.volume_overrun:g})")]
DuplicateRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of approved lines sent again "
                                                         f"(9389) (default {DEFAULTS.duplicate:g})")]
CorrectionRate = Annotated[Optional[float], typer.Option(**_RATE, help="share of approved lines credited and "
                                                          f"declared again (default {DEFAULTS.correction:g})")]


def _month(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise typer.BadParameter("use YYYY-MM, e.g. 2026-03") from None


@app.command()
def generate(
    out: Annotated[Path, typer.Option(help="directory to write the iJw files and manifest.json to")],
    region: Annotated[Path, typer.Option(help="region file")] = DEMO_REGION,
    municipalities: Annotated[Optional[int], typer.Option(min=1, help="first N municipalities; all if omitted")] = None,
    providers: Annotated[Optional[int], typer.Option(min=1, help="first N providers; all if omitted")] = None,
    clients: Annotated[int, typer.Option(min=1, help="clients per municipality (on average)")] = OPTIONS.clients,
    months: Annotated[int, typer.Option(min=1, help="number of months to declare")] = OPTIONS.months,
    first_month: Annotated[str, typer.Option(help="first declared month, YYYY-MM")] = f"{OPTIONS.first_month:%Y-%m}",
    seed: Annotated[int, typer.Option(help="same seed, same files")] = OPTIONS.seed,
    error_rate: Annotated[float, typer.Option(min=0.0, help="scale every error rate (0 = no mistakes)")] = 1.0,
    error_rate_missing_allocation: MissingRate = None,
    error_rate_expired_allocation: ExpiredRate = None,
    error_rate_wrong_tariff: TariffRate = None,
    error_rate_volume_overrun: OverrunRate = None,
    error_rate_duplicate: DuplicateRate = None,
    error_rate_correction: CorrectionRate = None,
    replace: Annotated[bool, typer.Option(help="replace traffic generated earlier into OUT")] = False,
) -> None:
    """Write the traffic as one iJw file per message, in sending order, with a manifest holding
    each declaration line's expected outcome."""
    given = {"missing_allocation": error_rate_missing_allocation, "expired_allocation": error_rate_expired_allocation,
             "wrong_tariff": error_rate_wrong_tariff, "volume_overrun": error_rate_volume_overrun,
             "duplicate": error_rate_duplicate, "correction": error_rate_correction}
    try:
        rates = _rates(given, error_rate)
        options = GeneratorOptions(municipalities, providers, clients, months, _month(first_month), rates, seed)
        loaded = read_region(region)
    except (ValueError, RegionFileError) as error:
        raise typer.BadParameter(str(error)) from None
    console, began = Console(), time.perf_counter()
    try:
        with console.status("deciding the traffic"):
            scenario = build_scenario(loaded, options)
    except ValueError as error:  # e.g. no tariff in the region for the months asked
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    _write(console, scenario, out, replace)
    console.print(_table(summarise(scenario)))
    console.print(f"{len(scenario.messages)} files and manifest.json in {out} ({time.perf_counter() - began:.1f} s)")
    latest = max(m.message.header.message_id.date for m in scenario.messages)
    if latest > SystemClock().today():  # TR135: a gateway answers messages dated after receipt with 8848
        console.print(f"[yellow]messages are dated up to {latest}, after today: choose an earlier --first-month[/yellow]")


def _rates(given: dict[str, float | None], scale: float) -> ErrorRates:
    """The rates given per kind (the default for the others), all scaled by `scale`."""
    return ErrorRates(**{k: getattr(DEFAULTS, k) if v is None else v for k, v in given.items()}).scaled(scale)


def _write(console: Console, scenario: Scenario, out: Path, replace: bool) -> None:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("writing messages", total=len(scenario.messages))
            write_files(scenario, out, replace, lambda _: progress.advance(task))
    except FileExistsError as error:
        console.print(f"[red]{error}[/red] (use --replace)")
        raise typer.Exit(1) from None


def _table(summary: Summary) -> Table:
    table = Table(title="Generated traffic", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_column("amount", justify="right")
    for code, count in summary.messages.items():
        table.add_row(f"messages {code}", str(count), "")
    table.add_row("declaration lines", str(summary.lines), euros(summary.declared), end_section=True)
    table.add_row("expected: approve", str(summary.approved), euros(summary.approved_amount))
    for code, count in summary.by_code.items():
        table.add_row(f"expected: {code}", str(count), "")
    for mistake, count in summary.mistakes.items():
        table.add_row(f"mistake: {mistake.replace('_', ' ')}", str(count), "")
    return table

