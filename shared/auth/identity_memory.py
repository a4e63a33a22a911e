"""The staff identities a service projects, in memory: the same contract as identity_sql.py, and
the Directory staff authentication reads (for tests that do not test SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from shared.auth.identity import SessionStarted, StaffIdentified
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.sessions import SessionRecord
from shared.persistence.rows import utc


@dataclass
class IdentityState:
    staff: dict[str, StaffPrincipal] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    """token hash → username"""
    sessions: dict[str, tuple[str, SessionRecord]] = field(default_factory=dict)
    """session hash → (username, session)"""


class MemoryStaffIdentities:
    def __init__(self, state: IdentityState) -> None:
        self._state = state

    async def identify(self, staff: StaffIdentified) -> None:
        self._forget(staff.username)
        self._state.staff[staff.username] = StaffPrincipal(
            staff.username, staff.username, frozenset(Role(r) for r in staff.roles), frozenset(staff.municipalities))
        self._state.tokens.update((h, staff.username) for h in staff.token_hashes)

    async def remove(self, username: str, at: datetime) -> None:
        self._forget(username)
        for session_hash, (user, _) in list(self._state.sessions.items()):
            if user == username:
                self._end(session_hash, at)

    async def start_session(self, session: SessionStarted, at: datetime) -> None:
        record = SessionRecord(utc(at), utc(datetime.fromisoformat(session.expires_at)), session.idle_seconds, None)
        self._state.sessions[session.session_hash] = (session.username, record)

    async def end_session(self, session_hash: str, at: datetime) -> None:
        self._end(session_hash, at)

    async def by_token(self, hashed: str) -> StaffPrincipal | None:
        username = self._state.tokens.get(hashed)
        return None if username is None else self._state.staff.get(username)

    async def with_session(self, username: str, hashed: str) -> tuple[StaffPrincipal, SessionRecord | None] | None:
        principal = self._state.staff.get(username)
        if principal is None:
            return None
        user, record = self._state.sessions.get(hashed, (None, None))
        return principal, record if user == username else None

    def _forget(self, username: str) -> None:
        self._state.staff.pop(username, None)
        self._state.tokens = {h: user for h, user in self._state.tokens.items() if user != username}

    def _end(self, session_hash: str, at: datetime) -> None:
        if (found := self._state.sessions.get(session_hash)) is not None and found[1].ended_at is None:
            self._state.sessions[session_hash] = (found[0], replace(found[1], ended_at=utc(at)))
