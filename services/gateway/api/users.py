"""The region's staff users for admins: who they are, their roles and municipalities, whether they
have API tokens, their open sessions; and signing a user out everywhere.

An admin sees the users who share at least one of the admin's municipalities (another user
answers 404, as if absent). Signing a user out acts on every municipality the user is bound to,
so it takes an admin bound to all of them (403 otherwise). Roles, municipalities, passwords and
tokens change only through the region file (api/region.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from services.gateway.adapters import staff_listing
from services.gateway.adapters.staff_listing import StaffRow
from services.gateway.api.admin_schemas import (
    Municipality, OpenSession, SessionsEnded, StaffEvent, StaffUser, StaffUserDetail,
)
from services.gateway.context import Gateway
from services.gateway.handlers.staff_admin import end_sessions
from shared.api.bounds import Gemeente
from shared.audit import Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.scope import require_all, sees_any
from shared.auth.staff import StaffAuth

Username = Annotated[str, Path(min_length=2, max_length=120, examples=["toegang.zwolle"])]


def staff_users_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1/staff", tags=["staff"])
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

    @router.get("", response_model=list[StaffUser],
                summary="Staff users who share a municipality with you, by username")
    async def users(principal: Admin, role: Annotated[Role | None, Query()] = None,
                    municipality: Annotated[Gemeente | None, Query()] = None) -> list[StaffUser]:
        names = await staff_listing.municipality_names(gw.db.engines.read)
        rows = [r for r in await staff_listing.staff_rows(gw.db.engines.read, gw.clock.now())
                if sees_any(principal, r.municipalities) and (role is None or role.value in r.roles)
                and (municipality is None or municipality in r.municipalities)]
        return [StaffUser(**user_fields(r, names)) for r in rows]

    @router.get("/{username}", response_model=StaffUserDetail, responses={404: {}},
                summary="A staff user with open sessions and history")
    async def user(principal: Admin, username: Username) -> StaffUserDetail:
        row = await visible(principal, username)
        engine, now = gw.db.engines.read, gw.clock.now()
        sessions = await staff_listing.open_sessions(engine, username, now)
        history = [StaffEvent(at=at, what=what, roles=payload.get("roles"), municipalities=payload.get("municipalities"),
                              password_changed=bool(payload.get("password_changed")))
                   for at, what, payload in await staff_listing.staff_history(engine, username)]
        return StaffUserDetail(**user_fields(row, await staff_listing.municipality_names(engine)),
                               sessions=[OpenSession(started_at=s, expires_at=e) for s, e in sessions],
                               history=history,
                               may_end_sessions=all(principal.sees(m) for m in row.municipalities))

    @router.post("/{username}/sessions/end", response_model=SessionsEnded, responses={404: {}, 403: {}},
                 summary="Sign a staff user out everywhere (an admin bound to all the user's municipalities)")
    async def end(principal: Admin, username: Username, request: Request) -> SessionsEnded:
        row = await visible(principal, username)
        require_all(principal, row.municipalities, f"user {username}")
        return SessionsEnded(ended=await end_sessions(gw, username, principal, Origin.of(request)))

    async def visible(principal: StaffPrincipal, username: str) -> StaffRow:
        found = await staff_listing.staff_rows(gw.db.engines.read, gw.clock.now(), username)
        if not found or not sees_any(principal, found[0].municipalities):
            raise HTTPException(404, "no such staff user among your municipalities")
        return found[0]

    return router


def user_fields(row: StaffRow, names: dict[str, str]) -> dict:  # type: ignore[type-arg]
    return {"username": row.username, "name": row.name, "roles": row.roles, "api_tokens": row.api_tokens,
            "municipalities": [Municipality(code=m, name=names.get(m, m)) for m in row.municipalities],
            "open_sessions": row.open_sessions, "last_signed_in": row.last_signed_in}
