"""What the benchmarks send and the master data that makes every line match: providers declaring
to municipalities, one allocation per declared line, one tariff per provider.

The parties are registered through the gateway's own handler. The allocations are written in bulk
rows of the invoicing read model, in the shape its allocation consumer writes them: a national
month has half a million of them, and sending each as a JW301 would measure the allocation flow,
not the intake these benchmarks are about.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import sqlalchemy as sa

from services.gateway.context import Gateway
from services.gateway.handlers.parties import PartySpec, register_party
from services.invoicing.adapters.records import version_to_json
from services.invoicing.adapters.tables import allocation_versions
from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.adapters.sql.master_data import record_tariff
from shared.auth.principal import PartyKind
from shared.ijw.bench import LINES_PER_CLIENT, valid_bsns, write_declaration
from shared.persistence.sql import SqlDatabase

VERSION = AllocationVersion(date(2026, 1, 2), time(9), "45", "45A03", date(2026, 1, 1), date(2026, 12, 31),
                            extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))
TARIFF = Tariff("45A03", Unit.HOUR, 1250, date(2026, 1, 1))
CHUNK = 5_000


@dataclass(frozen=True)
class Declaration:
    """One provider's JW323 to one municipality: lines `first`..`first + lines - 1`, each under
    the allocation of that number, a client every LINES_PER_CLIENT lines."""

    provider: str
    municipality: str
    ident: str
    first: int
    lines: int
    bsns: tuple[str, ...]

    def write(self, path: Path) -> Path:
        write_declaration(path, self.lines, self.provider, self.municipality, self.ident, self.first, iter(self.bsns))
        return path

    def allocations(self) -> Iterator[tuple[int, str]]:
        """(allocation number, BSN) of every line."""
        for offset in range(self.lines):
            yield self.first + offset, self.bsns[offset // LINES_PER_CLIENT]


def token_of(provider: str) -> str:
    return f"bench-token-{provider}"


def municipality_codes(count: int) -> list[str]:
    return [f"{n:04d}" for n in range(1, count + 1)]


def provider_codes(count: int) -> list[str]:
    return [f"4242{n:04d}" for n in range(1, count + 1)]


def single(lines: int, provider: str = "42420001", municipality: str = "0384", first: int = 1,
           prefix: str = "B") -> list[Declaration]:
    return plan(lines, [municipality], [provider], declarations=1, first=first, prefix=prefix)


def plan(lines: int, municipalities: Sequence[str], providers: Sequence[str], declarations: int | None = None,
         seed: int = 13, first: int = 1, prefix: str = "B") -> list[Declaration]:
    """`lines` over `declarations` JW323s (by default about 100 lines each, at least one per
    provider and per municipality): every provider declares to a few municipalities, as
    providers working in a region do; sizes vary around the mean. Allocation numbers start at
    `first` and identifications with `prefix`, so several plans can go to one deployment."""
    rng = random.Random(seed)
    count = declarations or max(len(providers), len(municipalities), lines // 100)
    pairs = [(providers[n % len(providers)], municipalities[n % len(municipalities)]) for n in range(count)]
    pairs = list(dict.fromkeys(pairs)) or [(providers[0], municipalities[0])]
    weights = [rng.uniform(0.5, 1.5) for _ in pairs]
    sizes = [max(1, int(lines * w / sum(weights))) for w in weights]
    for n in range(lines - sum(sizes)):  # what rounding down left, one line each, not all on the last
        sizes[n % len(sizes)] += 1
    bsns, made = valid_bsns(), []
    for n, ((provider, municipality), size) in enumerate(zip(pairs, sizes, strict=True)):
        if size <= 0:
            continue
        clients = tuple(itertools.islice(bsns, -(-size // LINES_PER_CLIENT)))
        made.append(Declaration(provider, municipality, f"{prefix}{n:07d}", first, size, clients))
        first += size
    return made


def with_repeats(declarations: Sequence[Declaration], every: int = 3) -> list[Declaration]:
    """`declarations` and, for every `every`th, a later JW323 from the same provider to the same
    municipality declaring the first half of its lines again: those are refused as duplicates
    (9389) in the later one only if the two are matched in the order they were received."""
    repeats = [replace(d, ident=f"{d.ident}R", lines=max(1, d.lines // 2)) for d in declarations[::every]]
    return [*declarations, *repeats]


async def register_parties(gw: Gateway, declarations: Iterable[Declaration]) -> None:
    work = list(declarations)
    for code in sorted({d.municipality for d in work}):
        await register_party(gw, PartySpec(code, PartyKind.MUNICIPALITY, f"bench gemeente {code}"))
    for code in sorted({d.provider for d in work}):
        await register_party(gw, PartySpec(code, PartyKind.PROVIDER, f"bench aanbieder {code}", (token_of(code),)))


async def allocate(invoicing: SqlDatabase, declarations: Iterable[Declaration]) -> None:
    """One allocation per line and the tariff of every provider, in the invoicing read model."""
    work = list(declarations)
    version = version_to_json(VERSION)
    lines = {(d.municipality, number): (d.provider, bsn) for d in work for number, bsn in d.allocations()}
    rows = ({"municipality": municipality, "number": number, "decided_on": VERSION.decided_on,
             "decided_at": VERSION.decided_at.isoformat(), "provider": provider, "bsn": bsn, "version": version}
            for (municipality, number), (provider, bsn) in lines.items())
    while chunk := list(itertools.islice(rows, CHUNK)):
        async with invoicing.unit_of_work() as uow:
            await uow.connection.execute(sa.insert(allocation_versions), chunk)
            await uow.commit()
    async with invoicing.unit_of_work() as uow:
        for provider in sorted({d.provider for d in work}):
            await record_tariff(uow.connection, provider, "45", TARIFF)
        await uow.commit()
