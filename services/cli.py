"""The `happyflow` command: serve, migrate, bench, and the iJw tools."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
import uvicorn

from services import migrate as migrations
from services.audit_cli import app as audit_app
from services.catalog import SERVICES
from services.gateway.config import GatewaySettings
from services.gateway.region.model import RegionFileError, parse_region
from services.gateway.region.standalone import load_file_into_gateway
from services.runtime import BUS_FILE, create_app, embedded, embedded_settings, single
from services.demo.cli import app as generator_app
from shared.ijw.cli import app as ijw_app
from shared.log import configure_logging
from shared import crashpoints
from shared.bus.memory import InMemoryBus
from shared.bus.sqlite import in_use as bus_in_use
from shared.clock import SystemClock
from shared.settings import ServiceSettings, SettingsError, load_settings

app = typer.Typer(help="happyflow: invoice matching for Dutch youth care (iJw 3.2).", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks (they measure; they are not tests).", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
region_app = typer.Typer(help="The region file: municipalities, providers, contracts, users.", no_args_is_help=True)
app.add_typer(region_app, name="region")
app.add_typer(audit_app, name="audit")

VAR = Path("var")
ServiceArg = Annotated[Optional[str], typer.Argument(help=f"one of {', '.join(SERVICES)}; all when omitted")]
ServeArg = Annotated[Optional[str], typer.Argument(
    help=f"one of {', '.join(SERVICES)}, or web (the workbench alone); all with the workbench when omitted")]


def _known(service: str | None) -> list[str]:
    if service is None:
        return list(SERVICES)
    if service not in SERVICES:
        raise typer.BadParameter(f"unknown service {service!r}; choose from {', '.join(SERVICES)}")
    return [service]


@app.command()
def migrate(service: ServiceArg = None) -> None:
    """Bring each service's database to the newest schema (URLs from each service's settings)."""
    try:
        for name in _known(service):
            settings = load_settings(SERVICES[name].settings)
            migrations.upgrade(name, settings.database_url)
            typer.echo(f"{name}: migrated")
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


@app.command()
def rebuild(
    service: ServiceArg = None,
    var: Annotated[Optional[Path], typer.Option(
        help="the embedded default's data folder (without it: each service's settings)")] = None,
) -> None:
    """For operators, with the service stopped: empty each service's read models and replay its own
    events into them. Reference data from other services comes back by consuming their topics."""
    try:
        chosen = (embedded_settings(var) if var is not None
                  else {name: load_settings(SERVICES[name].settings) for name in _known(service)})
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    for name in _known(service):
        migrations.upgrade(name, chosen[name].database_url)
        replayed = asyncio.run(_rebuild(name, chosen[name]))
        typer.echo(f"{name}: {replayed} events replayed into its read models")


async def _rebuild(name: str, settings: ServiceSettings) -> int:
    container = SERVICES[name].container(settings, InMemoryBus(), SystemClock())  # nothing is consumed or relayed
    try:
        return await SERVICES[name].rebuild(container.db)
    finally:
        await container.db.close()


@app.command("new-migration")
def new_migration(
    service: Annotated[str, typer.Argument(help=f"one of {', '.join(SERVICES)}")],
    message: Annotated[str, typer.Argument(help="what the revision changes")],
) -> None:
    """For developers: write the next revision of SERVICE from the difference between its tables
    and its migrations (autogenerate against a scratch database)."""
    _known(service)
    typer.echo(migrations.new_revision(service, message))


@app.command()
def serve(
    service: ServeArg = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[Optional[int], typer.Option(help="port (default 8000 embedded, else the service's)")] = None,
    var: Annotated[Path, typer.Option(help="data folder of the embedded default")] = VAR,
    region: Annotated[Optional[Path], typer.Option(help="load this region file before serving")] = None,
) -> None:
    """Without SERVICE: all services and the workbench in one process (SQLite under ./var, the
    bus in ./var/bus.db). With SERVICE: that one service, configured from HAPPYFLOW_<SERVICE>_*
    variables; `web`: the workbench alone, calling the services at HAPPYFLOW_WEB_*_URL."""
    if service == "web":
        return _serve_web(host, port)
    try:
        if service is None:
            _refuse_a_second_process(var)
            for name, settings in embedded_settings(var).items():
                migrations.upgrade(name, settings.database_url)
            runtime, listen = embedded(var), port or 8000
        else:
            _known(service)
            runtime = single(service)
            listen = port or runtime.containers[0].settings.port
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    settings = runtime.containers[0].settings
    configure_logging(settings.log_format, settings.log_level)
    if region is not None:
        gateway_settings = embedded_settings(var)["gateway"] if service is None else load_settings(GatewaySettings)
        _load_region(region, gateway_settings)
    uvicorn.run(crashpoints.http_middleware(create_app(runtime)), host=host, port=listen, log_level="warning")


def _serve_web(host: str, port: int | None) -> None:
    from services.web.app import create_web_app
    from services.web.config import WebSettings

    try:
        settings = load_settings(WebSettings)
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_format, settings.log_level)
    uvicorn.run(create_web_app(settings), host=host, port=port or settings.port, log_level="warning")


def _refuse_a_second_process(var: Path) -> None:
    if reason := bus_in_use(var / BUS_FILE):
        typer.echo(reason, err=True)
        raise typer.Exit(2)


@region_app.command("load")
def region_load(file: Annotated[Path, typer.Argument(help="the region's TOML file")]) -> None:
    """Create or update parties, users and master data from a region file; a second load of the
    same file changes nothing. Uses the gateway's settings (HAPPYFLOW_GATEWAY_*)."""
    settings = load_settings(GatewaySettings)
    migrations.upgrade("gateway", settings.database_url)
    _load_region(file, settings)


@bench_app.command("intake")
def bench_intake(lines: Annotated[int, typer.Option(help="lines in the declaration")] = 10_000) -> None:
    """One JW323 through the embedded system to its JW325, beside the machine's raw limits."""
    from services.bench.intake import run

    sys.exit(run(lines))


@bench_app.command("distributed")
def bench_distributed(lines: Annotated[int, typer.Option(min=1, help="lines in the declaration")] = 10_000) -> None:
    """One JW323 through PostgreSQL + Kafka with a process per service, POST to JW325."""
    from services.bench.distributed import run

    configure_logging("console", "WARNING")
    sys.exit(run(lines))


@bench_app.command("national")
def bench_national(
    lines: Annotated[int, typer.Option(min=1, help="lines in the month")] = 500_000,
    municipalities: Annotated[int, typer.Option(min=1, max=9999, help="municipalities declared to")] = 340,
    providers: Annotated[int, typer.Option(min=1, max=9999, help="providers declaring")] = 2_000,
) -> None:
    """A generated national month through the distributed deployment: time to the last JW325."""
    from services.bench.national import run

    configure_logging("console", "WARNING")
    sys.exit(run(lines, municipalities, providers))


@bench_app.command("invoicing-group")
def bench_invoicing_group(
    lines: Annotated[int, typer.Option(min=1, help="lines of the first declarations (repeats come on top)")] = 20_000,
    municipalities: Annotated[int, typer.Option(min=1, max=9999, help="municipalities declared to")] = 12,
    providers: Annotated[int, typer.Option(min=1, max=9999, help="providers declaring")] = 20,
) -> None:
    """Two invoicing processes in one consumer group: every JW325 identical to one process's."""
    from services.bench.group import run

    configure_logging("console", "WARNING")
    sys.exit(run(lines, municipalities, providers))


@bench_app.command("memory")
def bench_memory(lines: Annotated[int, typer.Option(min=1, help="lines in the declaration")] = 100_000) -> None:
    """Peak memory above idle for one JW323 through the whole embedded chain."""
    from services.bench.memory import run

    sys.exit(run(lines))


@bench_app.command("rebuild")
def bench_rebuild(
    lines: Annotated[int, typer.Option(min=1, help="lines of the JW323 whose events are replayed")] = 10_000,
    postgres: Annotated[bool, typer.Option(help="also on a throwaway PostgreSQL (fsync on)")] = True,
) -> None:
    """Projection rebuild speed (events/s) on SQLite and PostgreSQL."""
    from services.bench.rebuild import run

    configure_logging("console", "WARNING")
    sys.exit(run(lines, postgres))


@bench_app.command("web")
def bench_web(
    var: Annotated[Path, typer.Option(help="the month's folder: made there the first time, then reused")] = VAR / "bench-web",
    region: Annotated[Path, typer.Option(help="the region file")] = Path("examples/regions/ijsselland.toml"),
    clients: Annotated[int, typer.Option(help="clients per municipality of the month it makes (380 is full-size)")] = 380,
    repeat: Annotated[int, typer.Option(min=1, max=1000, help="requests per page")] = 20,
    seed: Annotated[int, typer.Option(help="seed of the month it makes")] = 1,
) -> None:
    """p50/p95/max of every workbench page, for one user per role, with a full-size month in it."""
    from services.bench.web import run

    configure_logging("console", "WARNING")
    sys.exit(run(var, region, clients, repeat, seed))


def _load_region(file: Path, settings: GatewaySettings) -> None:
    try:
        text = file.read_bytes()
        region = parse_region(text, str(file))
    except OSError as error:
        typer.echo(f"{file}: {error.strerror}", err=True)
        raise typer.Exit(2) from None
    except RegionFileError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    report = asyncio.run(load_file_into_gateway(settings, text))
    sections = ", ".join(report.sections) or "none"
    typer.echo(f"{region.name}: {report.parties} parties and {report.staff} staff users changed; "
               f"sections published: {sections}")


@bench_app.command("eventstore")
def bench_eventstore(
    events: Annotated[int, typer.Option(help="events per measurement")] = 2000,
    postgres: Annotated[bool, typer.Option(help="also start a throwaway PostgreSQL (fsync on)")] = True,
) -> None:
    """Appends/s of one stream (1 event per transaction) and of 100-event batches."""
    from shared.bench.eventstore import run

    sys.exit(run(events, postgres))


app.add_typer(ijw_app, name="ijw", help="Check iJw 3.2 messages (level 1 and level 2).")
app.add_typer(generator_app)


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    var: Annotated[Path, typer.Option(help="data folder of the embedded default")] = VAR,
    region: Annotated[Path, typer.Option(help="the region file")] = Path("examples/regions/ijsselland.toml"),
    clients: Annotated[int, typer.Option(help="clients per municipality, on average (380 is a full month)")] = 40,
    seed: Annotated[int, typer.Option(help="seed of the generated month")] = 1,
    municipalities: Annotated[Optional[int], typer.Option(help="only the first N municipalities")] = None,
) -> None:
    """All services in one process, serving on HOST:PORT, with a generated month of traffic sent
    through the gateway as municipalities and providers would; then a summary, and serving on."""
    from services.demo.options import GeneratorOptions
    from services.demo.run import run_demo

    configure_logging("console", "WARNING")
    _refuse_a_second_process(var)
    try:
        asyncio.run(run_demo(var, region, GeneratorOptions(municipalities=municipalities, clients=clients, seed=seed), host, port))
    except KeyboardInterrupt:
        pass
