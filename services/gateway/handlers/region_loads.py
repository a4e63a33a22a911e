"""Loading a region file in two steps: the preview (the file's problems, or what it would change)
and the load itself, which applies the file only when it still changes what the preview showed.
A load that changed something is recorded as a `gateway.RegionFileLoaded` event: the file's
SHA-256, who loaded it, when, and the changes."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime

from services.gateway.adapters.projections import positioned, project
from services.gateway.adapters.region_state import changed_passwords, current_state
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.domain.region_changes import Change, digest, region_changes
from services.gateway.region.loader import LoadReport, load_region
from services.gateway.region.locations import Locations
from services.gateway.region.model import Region, parse_region
from services.gateway.region.problems import RegionFileError, located
from services.gateway.region.state import COMPARED, state_of
from shared.audit import AuditEntry, Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.events.envelope import NewEvent

STREAM = "region-file"


@dataclass(frozen=True)
class Preview:
    region: Region
    sha256: str
    size: int
    changes: list[Change]
    digest: str


@dataclass(frozen=True)
class Loaded:
    preview: Preview
    report: LoadReport
    position: int | None
    """Of the RegionFileLoaded event; None when the file changed nothing."""
    at: datetime | None


class StalePreview(Exception):
    """The region, or the file, is not what the preview showed: preview again."""


async def preview_region(gw: Gateway, text: bytes, loader: StaffPrincipal | None) -> Preview:
    """RegionFileError with every problem, or what loading `text` would change."""
    region = parse_region(text)
    if loader is not None:
        _keeps_the_loader(region, text, loader)
    now = await current_state(gw.db.engines.read, COMPARED)
    passwords = await changed_passwords(gw.db.engines.read, {u.username: u.password for u in region.staff
                                                              if u.password is not None})
    changes = region_changes(now, state_of(region), passwords)
    sha256 = hashlib.sha256(text).hexdigest()
    return Preview(region, sha256, len(text), changes, digest(sha256, changes))


async def load_region_file(gw: Gateway, text: bytes, loader: StaffPrincipal | None,
                           expected: str | None = None, where: Origin | None = None) -> Loaded:
    """Apply the file when `expected` (a preview's digest) still names what it changes; `where`
    it came from, for the audit log."""
    preview = await preview_region(gw, text, loader)
    if expected is not None and expected != preview.digest:
        raise StalePreview(preview.digest)
    report = await load_region(gw, preview.region)
    if not (preview.changes or report.changed):
        return Loaded(preview, report, None, None)
    return Loaded(preview, report, *await _record(gw, preview, loader, where))


def _keeps_the_loader(region: Region, text: bytes, loader: StaffPrincipal) -> None:
    """Loaded from the screen, a file must keep its loader an admin of every municipality it
    lists: otherwise the admin locks themselves out of the screen that could put it right (the
    command line, `happyflow region load`, has no such guard)."""
    index, user = next(((i, u) for i, u in enumerate(region.staff) if u.username == loader.username), (None, None))
    every = {m.code for m in region.municipalities}
    if user is not None and Role.ADMIN in user.roles and set(user.municipalities) >= every:
        return
    path: tuple[str | int, ...] = ("staff",) if index is None else ("staff", index)
    raise RegionFileError("region file", [located(path, "keeps_loader", f"the file must keep {loader.username} "
                                                  "an admin bound to every municipality", Locations(text),
                                                  unknown=loader.username)])


async def _record(gw: Gateway, preview: Preview, loader: StaffPrincipal | None,
                  where: Origin | None) -> tuple[int, datetime]:
    payload = {"sha256": preview.sha256, "region": preview.region.name, "size": preview.size,
               "by": loader.username if loader else None, "changes": [asdict(c) for c in preview.changes]}
    async with gw.db.unit_of_work() as uow:
        version = len(await uow.load(STREAM))
        loaded = await positioned(uow, uow.append(STREAM, version, [
            NewEvent(ev.REGION_FILE_LOADED, 1, payload, gw.clock.now())]))
        await project(uow.connection, loaded)
        what = {"object": f"region file sha256:{preview.sha256}", "reason": f"{len(preview.changes)} changes"}
        gw.audit.record(uow, AuditEntry.by_staff(loader, where, "region.load", **what) if loader else
                        AuditEntry("happyflow region load", (), "region.load", app="command line", **what))
        await uow.commit()
    return int(loaded[0].position or 0), loaded[0].occurred_at
