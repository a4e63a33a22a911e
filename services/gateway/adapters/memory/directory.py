"""Parties, staff, sessions and region sections in memory (the contract: ports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from services.gateway.adapters.memory.state import GatewayState, OpenSession
from services.gateway.ports import Party, SessionStart, StaffUser
from shared.auth.principal import PartyKind, PartyPrincipal, Role, StaffPrincipal
from shared.auth.sessions import SessionRecord


class MemoryParties:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def by_token(self, token_hash: str) -> PartyPrincipal | None:
        party = self._s.parties.get(self._s.party_tokens.get(token_hash, ""))
        return None if party is None else PartyPrincipal(party.code, party.kind, frozenset(party.on_behalf_of))

    async def get(self, code: str) -> Party | None:
        return self._s.parties.get(code)

    async def exists(self, code: str) -> bool:
        return code in self._s.parties

    async def municipalities(self) -> frozenset[str]:
        return frozenset(p.code for p in self._s.parties.values() if p.kind is PartyKind.MUNICIPALITY)

    async def directory(self, municipalities: frozenset[str]) -> list[Party]:
        shown = [p for p in self._s.parties.values() if p.kind is PartyKind.PROVIDER
                 or (p.kind is PartyKind.MUNICIPALITY and p.code in municipalities)]
        return sorted(shown, key=lambda p: (p.kind.value, p.name, p.code))

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        return set(hashes) & set(self._s.party_tokens)

    async def register(self, parties: Sequence[Party]) -> None:
        self._s.parties.update((p.code, p) for p in parties)

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        self._s.party_tokens.update(tokens)


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

    async def token_hashes(self, username: str) -> list[str]:
        return sorted(h for h, u in self._s.staff_tokens.items() if u == username)

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        return set(hashes) & set(self._s.staff_tokens)

    async def register(self, users: Sequence[StaffUser]) -> None:
        self._s.staff.update((u.username, replace(u, password_hash=None)) for u in users)

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        self._s.staff_tokens.update(tokens)

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

    async def start(self, sessions: Sequence[SessionStart]) -> None:
        self._s.sessions.update((s.session_hash, OpenSession(s)) for s in sessions)

    async def end(self, session_hash: str, at: datetime) -> None:
        found = self._s.sessions.get(session_hash)
        if found is not None and found.ended_at is None:
            found.ended_at = at


class MemoryRegionSections:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def digest(self, section: str) -> str | None:
        return self._s.sections.get(section)

    async def changed(self, section: str, sha256: str) -> None:
        self._s.sections[section] = sha256


def _principal(user: StaffUser) -> StaffPrincipal:
    return StaffPrincipal(user.username, user.username, frozenset(Role(r) for r in user.roles),
                          frozenset(user.municipalities))
