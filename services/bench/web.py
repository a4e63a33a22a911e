"""`happyflow bench web`: how fast every workbench page answers with a full-size month in it
(issue 14: p95 ≤ 300 ms per page).

The month is the demo's (`happyflow demo --clients 380` makes the same one); the bench makes it
in its own folder the first time, in process, and measures it as it is on every later run. Then,
for one staff user per role in the region file, it signs in through the sign-in form and asks for
each screen of that user's menu, the first page each screen links to below it (a held line) and
every download a screen offers, one request at a time, repeatedly, through the embedded app in
process: the workbench calling the four services on SQLite, no socket, no background jobs. The
figures are wall-clock times of whole answers as the workbench gives them to a browser.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from services import migrate
from services.demo.options import GeneratorOptions
from services.demo.run import SUMMARY_FILE, make_month
from services.gateway.region.model import Staff, read_region
from services.harness import settle
from services.runtime import create_app, embedded, embedded_settings
from services.web.navigation import SCREENS
from shared.auth.principal import Role

TARGET_MS = 300.0
HTML = {"Accept": "text/html"}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r'href="(/[^"#]*)"')


@dataclass
class Measured:
    user: str
    path: str
    times_ms: list[float] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile."""
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def users_per_role(staff: list[Staff]) -> list[Staff]:
    """One user with a password for each role, the one bound to most municipalities."""
    chosen: list[Staff] = []
    for role in (Role.FINANCE, Role.ACCESS, Role.CONTROLLER, Role.ADMIN):
        holders = [u for u in staff if role in u.roles and u.password and u not in chosen]
        if holders:
            chosen.append(max(holders, key=lambda u: len(u.municipalities)))
    return chosen


async def sign_in(client: httpx.AsyncClient, user: Staff) -> None:
    form = await client.get("/aanmelden", headers=HTML)
    answer = await client.post("/aanmelden", headers=HTML, data={
        "username": user.username, "password": user.password or "", "csrf_token": TOKEN.search(form.text).group(1)})  # type: ignore[union-attr]
    if answer.status_code != 303:
        raise RuntimeError(f"{user.username} could not sign in ({answer.status_code})")


async def pages_of(client: httpx.AsyncClient, user: Staff) -> list[str]:
    """The user's screens (what the menu shows), the first page below each, and its downloads."""
    menu = (await client.get("/", headers=HTML)).text
    screens = [s.path for s in SCREENS if f'href="{s.path}"' in menu]
    pages = list(screens)
    for path in screens:
        links = LINK.findall((await client.get(path, headers=HTML)).text)
        below = [link.replace("&amp;", "&") for link in links if path != "/" and link.startswith(path + "/")]
        downloads = [link.replace("&amp;", "&") for link in links if link.startswith("/download/")]
        pages += below[:1] + [d for d in dict.fromkeys(downloads) if d not in pages]
    return pages


async def measure(client: httpx.AsyncClient, user: Staff, path: str, repeat: int) -> Measured:
    found = Measured(user.username, path)
    await client.get(path, headers=HTML)  # warm: templates compiled, caches filled
    for _ in range(repeat):
        started = time.perf_counter()
        answer = await client.get(path, headers=HTML)
        found.times_ms.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            found.failures.append(answer.status_code)
    return found


async def bench(var: Path, region_file: Path, options: GeneratorOptions, repeat: int, console: Console) -> list[Measured]:
    var.mkdir(parents=True, exist_ok=True)
    for name, settings in embedded_settings(var).items():
        await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
    runtime = embedded(var)
    app = create_app(runtime, manage_runtime=False)
    await runtime.open()
    try:
        transport = httpx.ASGITransport(app=app)
        if not (var / SUMMARY_FILE).exists():
            console.print(f"Making a month of {options.clients} clients per municipality in {var} (once; minutes)")
            async with httpx.AsyncClient(transport=transport, base_url="http://happyflow", timeout=300) as feeder:
                await make_month(var, region_file, options, runtime, feeder, console)
        results = []
        for user in users_per_role(read_region(region_file).staff):
            async with httpx.AsyncClient(transport=transport, base_url="http://happyflow", timeout=60) as client:
                await sign_in(client, user)
                await settle(runtime)  # the session's start reaches every service; nothing relays in the background
                for path in await pages_of(client, user):
                    results.append(await measure(client, user, path, repeat))
        return results
    finally:
        await runtime.stop()


def report(results: list[Measured], repeat: int, console: Console) -> None:
    table = Table(title=f"Workbench pages, {repeat} requests each, one at a time (target: p95 ≤ {TARGET_MS:.0f} ms)")
    for column in ("user", "page", "p50 ms", "p95 ms", "max ms", ""):
        table.add_column(column, justify="right" if column.endswith("ms") else "left",
                         overflow="fold" if column == "page" else "ellipsis")
    for m in results:
        p95 = m.percentile(0.95)
        verdict = (f"[red]{len(m.failures)} failed ({m.failures[0]})" if m.failures
                   else "[green]ok" if p95 <= TARGET_MS else "[red]slow")
        table.add_row(m.user, m.path, f"{m.percentile(0.5):.0f}", f"{p95:.0f}", f"{max(m.times_ms):.0f}", verdict)
    console.print(table)
    missed = [m for m in results if m.failures or m.percentile(0.95) > TARGET_MS]
    console.print(f"{len(results) - len(missed)} of {len(results)} pages answer within the target"
                  + (f"; not: {', '.join(sorted({m.path for m in missed}))}" if missed else "."))


def run(var: Path, region_file: Path, clients: int, repeat: int, seed: int) -> int:
    console = Console()
    results = asyncio.run(bench(var, region_file, GeneratorOptions(clients=clients, seed=seed), repeat, console))
    month = json.loads((var / SUMMARY_FILE).read_text())
    console.print(f"The month in {var}: {sum(month['messages'].values()):,} messages, "
                  f"{month['lines']['received']:,} declaration lines ({month['lines'].get('held', 0):,} held); "
                  "in process (ASGI, no socket), SQLite, the embedded default")
    report(results, repeat, console)
    return 0
