"""`happyflow audit verify`: check the audit log's hash chain, the way an auditor would before
relying on it. Exit status 0 when the chain is whole, 1 naming the first entry that breaks it,
2 when the gateway's database cannot be reached with the settings given."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Optional

import typer

from services.gateway.adapters.sql.audit import SqlAuditLog
from services.gateway.config import GatewaySettings
from services.gateway.domain.audit_chain import Verification
from services.runtime import embedded_settings
from shared.persistence.engines import create_engines
from shared.settings import SettingsError, load_settings

app = typer.Typer(help="The region's audit log.", no_args_is_help=True)


@app.command("verify")
def verify_command(var: Annotated[Optional[Path], typer.Option(
        help="the embedded default's data folder (without it: the gateway's settings, HAPPYFLOW_GATEWAY_*)")] = None,
) -> None:
    """Check every entry's link to the one before it; name the first that does not fit."""
    try:
        settings = embedded_settings(var)["gateway"] if var is not None else load_settings(GatewaySettings)
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    result = asyncio.run(_verify(settings.database_url))
    if not result.valid:
        typer.echo(f"audit log broken at entry {result.first_bad}: {result.problem}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit log whole: {result.entries} entries, each linked to the one before")


async def _verify(url: str) -> Verification:
    engines = create_engines(url)
    try:
        return await SqlAuditLog(engines.read).verify()
    finally:
        await engines.dispose()
