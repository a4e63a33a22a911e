"""The region's parties, staff users with their tokens, passwords and sessions, the published
region sections and the region files loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shared.auth.principal import PartyKind, PartyPrincipal, StaffPrincipal
from shared.auth.sessions import SessionRecord


@dataclass(frozen=True)
class Party:
    code: str
    kind: PartyKind
    name: str
    on_behalf_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffUser:
    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    password_hash: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class StaffListing:
    """A staff user as the admins' screens list one."""

    username: str
    name: str | None
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    api_tokens: int
    open_sessions: int
    last_signed_in: datetime | None


@dataclass(frozen=True)
class RegionLoad:
    """A load of a region file that changed something (the RegionFileLoaded event)."""

    position: int
    sha256: str
    region: str
    size: int
    loaded_by: str | None
    loaded_at: datetime
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class SessionStart:
    session_hash: str
    username: str
    started_at: datetime
    expires_at: datetime
    idle_seconds: int



class Parties(Protocol):
    """The region's parties and their token hashes."""

    async def by_token(self, token_hash: str) -> PartyPrincipal | None: ...

    async def get(self, code: str) -> Party | None: ...

    async def exists(self, code: str) -> bool: ...

    async def municipalities(self) -> frozenset[str]: ...

    async def directory(self, municipalities: frozenset[str]) -> list[Party]:
        """The given municipalities and every provider, by kind and name, for staff screens."""
        ...

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]: ...

    async def everyone(self) -> list[Party]: ...

    async def tokens(self) -> dict[str, frozenset[str]]:
        """Party code -> its token hashes."""
        ...

    async def register(self, parties: Sequence[Party]) -> None: ...

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        """(token hash, party code)"""
        ...

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None: ...


class Staff(Protocol):
    """Staff users as the region file lists them, their token hashes and password hashes, and
    what StaffAuth asks of a directory (shared/auth/staff.py)."""

    async def by_token(self, token_hash: str) -> StaffPrincipal | None: ...

    async def with_session(self, username: str, session_hash: str
                           ) -> tuple[StaffPrincipal, SessionRecord | None] | None: ...

    async def user(self, username: str) -> StaffUser | None:
        """With the password hash (None when the user has none)."""
        ...

    async def usernames(self) -> set[str]: ...

    async def everyone(self) -> list[StaffUser]:
        """Without their password hashes."""
        ...

    async def listing(self, now: datetime, username: str | None = None) -> list[StaffListing]:
        """Every user (or the one named), by username, with counts of tokens and open sessions."""
        ...

    async def tokens(self) -> dict[str, frozenset[str]]:
        """Username -> its token hashes."""
        ...

    async def password_hashes(self, usernames: Sequence[str]) -> dict[str, str]: ...

    async def token_hashes(self, username: str) -> list[str]: ...

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]: ...

    async def register(self, users: Sequence[StaffUser]) -> None:
        """Creates or replaces the users' roles and municipalities (never their password)."""
        ...

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        """(token hash, username)"""
        ...

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None: ...

    async def remove(self, username: str, at: datetime) -> None:
        """The user and its tokens go; its sessions end at `at`."""
        ...

    async def set_password(self, username: str, password_hash: str) -> None: ...

    async def forget_password(self, username: str) -> None: ...


class Sessions(Protocol):
    async def open_of(self, username: str, now: datetime) -> list[str]:
        """Hashes of the user's sessions not ended and not past their absolute end."""
        ...

    async def spans(self, username: str, now: datetime) -> list[tuple[datetime, datetime]]:
        """(started, absolute end) of the user's open sessions, newest first."""
        ...

    async def start(self, sessions: Sequence[SessionStart]) -> None: ...

    async def end(self, session_hash: str, at: datetime) -> None:
        """The first end counts; the row stays (a cookie of an ended session is refused as such)."""
        ...


class RegionSections(Protocol):
    async def digest(self, section: str) -> str | None: ...

    async def changed(self, section: str, sha256: str) -> None: ...


class RegionLoads(Protocol):
    async def add(self, loads: Sequence[RegionLoad]) -> None: ...

    async def latest(self, limit: int) -> list[RegionLoad]:
        """Newest first."""
        ...
