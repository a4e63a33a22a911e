"""`happyflow ijw check FILE...`: level 1 + level 2 validation of iJw 3.2 files.
`happyflow ijw compare-schemas DIR`: our bundled XSDs against a published package, element by element.

Exit status 0 only when every file is valid (or the two XSD sets accept the same messages).
--json prints one object per file for machines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from shared.ijw.conformance import compare
from shared.ijw.errors import Finding
from shared.ijw.schemas import BUNDLED_SCHEMA_DIR
from shared.ijw.validation import Report, validate_file

app = typer.Typer(help="iJw 3.2 message tools.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """iJw 3.2 message tools."""


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="iJw XML files to validate")],
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    schema_dir: Annotated[Optional[Path], typer.Option(help="official XSD package directory")] = None,
) -> None:
    """Validate FILES against the XSDs (level 1) and the in-message rules (level 2)."""
    reports = {path: _report(path, schema_dir) for path in files}
    if as_json:
        typer.echo(json.dumps([_as_json(path, report) for path, report in reports.items()], indent=2))
    else:
        for path, report in reports.items():
            _print(path, report)
    if not all(report.valid for report in reports.values()):
        raise typer.Exit(code=1)


@app.command("compare-schemas")
def compare_schemas(
    published: Annotated[Path, typer.Argument(help="folder of a published iJw XSD package")],
    ours: Annotated[Path, typer.Option(help="the XSD set to compare (default: the bundled one)")] = BUNDLED_SCHEMA_DIR,
) -> None:
    """List every element where the two XSD sets accept different messages."""
    differences = compare(ours, published)
    for d in differences:
        typer.echo(f"{d.message} {d.path}\n  ours:      {d.ours or '(absent)'}\n  published: {d.theirs or '(absent)'}")
    typer.echo(f"{len(differences)} difference(s)")
    if differences:
        raise typer.Exit(code=1)


def _report(path: Path, schema_dir: Path | None) -> Report:
    if not path.is_file():
        return Report(None, (Finding("FILE", f"no such file: {path}"),))
    return validate_file(path, schema_dir)


def _label(report: Report) -> str:
    return f"JW{report.code}" if report.code else "unknown message"


def _print(path: Path, report: Report) -> None:
    if report.valid:
        typer.echo(f"{path}: {_label(report)} valid")
        return
    typer.echo(f"{path}: {_label(report)} invalid")
    for f in report.findings:
        typer.echo(f"  {f.rule} at {_where(f)}: {f.message}")


def _where(f: Finding) -> str:
    line = f"line {f.line}" + (f", column {f.column}" if f.column else "") if f.line else ""
    return ", ".join(part for part in (line, f.location or f.field) if part) or "message"


def _as_json(path: Path, report: Report) -> dict[str, object]:
    return {
        "file": str(path),
        "message": _label(report) if report.code else None,
        "valid": report.valid,
        "findings": [f.as_dict() for f in report.findings],
    }
