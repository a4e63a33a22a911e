"""Staff users, their tokens, passwords and sessions in memory (the contract: ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from services.gateway.adapters.memory.directory import owners_of
from services.gateway.adapters.memory.state import GatewayState, OpenSession
from services.gateway.ports import SessionStart, StaffListing, StaffUser
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.sessions import SessionRecord


class MemoryStaff:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def by_token(self, token_hash: str) -> StaffPrincipal | None:
        user = self._s.staff.get(self._s.staff_tokens.get(token_hash, ""))
        return None if user is None else _principal(user)

    async def with_session(self, username: str, session_hash: str
                           ) -> tuple[StaffPrincipal, SessionRecord | None] | None:
        user = self._s.staff.get(username)
        if user is None:
            return None
        found = self._s.sessions.get(session_hash)
        if found is None or found.start.username != username:
            return _principal(user), None
        s = found.start
        return _principal(user), SessionRecord(s.started_at, s.expires_at, s.idle_seconds, found.ended_at)

    async def user(self, username: str) -> StaffUser | None:
        user = self._s.staff.get(username)
        return None if user is None else replace(user, password_hash=self._s.passwords.get(username))

    async def usernames(self) -> set[str]:
        return set(self._s.staff)

    async def everyone(self) -> list[StaffUser]:
        return [self._s.staff[name] for name in sorted(self._s.staff)]

    async def listing(self, now: datetime, username: str | None = None) -> list[StaffListing]:
        return [self._listed(self._s.staff[name], now) for name in sorted(self._s.staff)
                if username in (None, name)]

    def _listed(self, user: StaffUser, now: datetime) -> StaffListing:
        own = [found for found in self._s.sessions.values() if found.start.username == user.username]
        opened = [f for f in own if f.ended_at is None and f.start.expires_at > now]
        return StaffListing(user.username, user.name, tuple(sorted(user.roles)), tuple(sorted(user.municipalities)),
                            sum(1 for u in self._s.staff_tokens.values() if u == user.username), len(opened),
                            max((f.start.started_at for f in own), default=None))

    async def tokens(self) -> dict[str, frozenset[str]]:
        return owners_of(self._s.staff_tokens)

    async def password_hashes(self, usernames: Sequence[str]) -> dict[str, str]:
        return {u: self._s.passwords[u] for u in usernames if u in self._s.passwords}

    async def token_hashes(self, username: str) -> list[str]:
        return sorted(h for h, u in self._s.staff_tokens.items() if u == username)

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        return set(hashes) & set(self._s.staff_tokens)

    async def register(self, users: Sequence[StaffUser]) -> None:
        self._s.staff.update((u.username, replace(u, password_hash=None)) for u in users)

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        self._s.staff_tokens.update(tokens)

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None:
        for h in token_hashes:
            self._s.staff_tokens.pop(h, None)

    async def remove(self, username: str, at: datetime) -> None:
        self._s.staff.pop(username, None)
        self._s.staff_tokens = {h: u for h, u in self._s.staff_tokens.items() if u != username}
        for found in self._s.sessions.values():
            if found.start.username == username and found.ended_at is None:
                found.ended_at = at

    async def set_password(self, username: str, password_hash: str) -> None:
        self._s.passwords[username] = password_hash

    async def forget_password(self, username: str) -> None:
        self._s.passwords.pop(username, None)


class MemorySessions:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def open_of(self, username: str, now: datetime) -> list[str]:
        return [h for h, found in self._s.sessions.items() if found.start.username == username
                and found.ended_at is None and found.start.expires_at > now]

    async def spans(self, username: str, now: datetime) -> list[tuple[datetime, datetime]]:
        spans = [(f.start.started_at, f.start.expires_at) for f in self._s.sessions.values()
                 if f.start.username == username and f.ended_at is None and f.start.expires_at > now]
        return sorted(spans, reverse=True)

    async def start(self, sessions: Sequence[SessionStart]) -> None:
        self._s.sessions.update((s.session_hash, OpenSession(s)) for s in sessions)

    async def end(self, session_hash: str, at: datetime) -> None:
        found = self._s.sessions.get(session_hash)
        if found is not None and found.ended_at is None:
            found.ended_at = at


def _principal(user: StaffUser) -> StaffPrincipal:
    return StaffPrincipal(user.username, user.username, frozenset(Role(r) for r in user.roles),
                          frozenset(user.municipalities))
