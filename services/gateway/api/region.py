"""Loading a region file over HTTP (what `happyflow region load` does on the command line): the file
as the body, `?dry_run=true` for its problems or what it would change, and the load itself, best
with the preview's name (`?preview=`) so that nothing else is applied than what was shown. A region
file describes every municipality, so only an admin bound to all of them may load or preview one.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.gateway.adapters import staff_listing, store
from services.gateway.api.admin_schemas import (
    REGION_FILE_PROBLEM, Change, RegionFileProblems, RegionLoad, RegionPreview,
)
from services.gateway.api.body import read_limited
from services.gateway.context import Gateway
from services.gateway.domain.region_changes import Change as ChangeOf
from services.gateway.handlers.region_loads import Preview, StalePreview, load_region_file, preview_region
from services.gateway.region.problems import RegionFileError
from shared.api.body_limit import BodyTooLarge
from shared.api.problems import CONFLICT, Refusal
from shared.audit import Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.scope import require_all
from shared.auth.staff import StaffAuth
from shared.persistence.rows import utc

REGION_FILE_LIMIT = 512 * 1024
"""A region of fifty municipalities, hundreds of providers and staff users is far below this."""
TOML_BODY = {"required": True, "content": {"application/toml": {
    "schema": {"type": "string"}, "example": 'name = "Regio IJsselland"\n\n[account]\nname = "…"\n'}}}


def region_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1/region", tags=["region"])
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

    @router.post("/loads", response_model=RegionPreview | RegionLoad, openapi_extra={"requestBody": TOML_BODY},
                 responses={422: {"model": RegionFileProblems},
                            409: {"description": "the region changed since the preview (or another file was sent)"},
                            413: {}, 403: {}},
                 summary="Load a region file (admins bound to every municipality); ?dry_run=true previews it")
    async def load(request: Request, principal: Admin,
                   dry_run: Annotated[bool, Query(description="only check the file and say what it would change")] = False,
                   preview: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$", description=(
                       "the `preview` of a dry run: refuse (409) unless the file still changes exactly that"))] = None,
                   ) -> RegionPreview | RegionLoad:
        require_all(principal, await store.municipalities(gw.db.engines.read), "a region file")
        text = await read_limited(request, REGION_FILE_LIMIT, BodyTooLarge)
        try:
            if dry_run:
                return preview_of(await preview_region(gw, text, principal))
            loaded = await load_region_file(gw, text, principal, preview, Origin.of(request))
        except RegionFileError as error:
            raise invalid(error) from None
        except StalePreview:
            raise Refusal(409, "the region changed since the preview, or another file was sent: preview again",
                          type=CONFLICT, errors=[{"rule": "stale_preview", "message": "preview again"}]) from None
        return RegionLoad(position=loaded.position, region=loaded.preview.region.name,
                          sha256=loaded.preview.sha256, size=loaded.preview.size, loaded_by=principal.username,
                          loaded_at=loaded.at or gw.clock.now(), changes=changes_of(loaded.preview.changes))

    @router.get("/loads", response_model=list[RegionLoad],
                summary="The region files loaded, newest first (admins bound to every municipality)")
    async def loads(principal: Admin, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[RegionLoad]:
        require_all(principal, await store.municipalities(gw.db.engines.read), "the region file's history")
        return [RegionLoad(position=r.position, region=r.region, sha256=r.sha256, size=r.size, loaded_by=r.loaded_by,
                           loaded_at=utc(r.loaded_at), changes=r.changes)
                for r in await staff_listing.loads(gw.db.engines.read, limit)]

    return router


def invalid(error: RegionFileError) -> Refusal:
    count = len(error.problems)
    return Refusal(422, f"the region file has {count} problem{'s' if count != 1 else ''}; nothing was applied",
                   type=REGION_FILE_PROBLEM, errors=[{
                       "rule": p.rule, "path": p.path, "line": p.line, "column": p.column,
                       "message": p.message[:300], "params": dict(p.params)} for p in error.problems])


def preview_of(preview: Preview) -> RegionPreview:
    return RegionPreview(region=preview.region.name, sha256=preview.sha256, size=preview.size,
                         preview=preview.digest, changes=changes_of(preview.changes))


def changes_of(changes: list[ChangeOf]) -> list[Change]:
    return [Change.model_validate(c, from_attributes=True) for c in changes]

