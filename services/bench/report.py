"""How every `happyflow bench` prints: the pipeline's figures, the raw limits measured in the same
run with the pipeline's share of each, and the targets of design.md §10 beside what was measured."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from services.bench.limits import Limit


@dataclass(frozen=True)
class Target:
    what: str
    wanted: str
    measured: str
    reached: bool | None
    """None: this run was too small to judge the target by (a part of a national month)."""


def show(title: str, rate: float, figures: Sequence[tuple[str, str]], limits: Sequence[Limit],
         targets: Sequence[Target], unit: str = "lines/s") -> None:
    """`rate`: the pipeline's own figure in `unit`, which every limit is compared with."""
    console = Console()
    console = Console(width=max(console.width, 120))  # figures stay on one line in a log or a pipe
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for what, value in figures:
        table.add_row(what, value)
    for limit in limits:
        table.add_row(f"limit: {limit.what}", f"{limit.per_second:,.0f} {limit.unit}")
        table.add_row(f"  pipeline ({rate:,.0f} {unit}) as a share of it", f"{rate / limit.per_second:.0%}")
    console.print(table)
    for target in targets:
        verdict = {True: "reached", False: "NOT reached", None: "not judged"}[target.reached]
        console.print(f"target {target.what}: {target.wanted}; measured {target.measured}: {verdict}")
