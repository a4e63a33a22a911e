"""Deciders of staff sessions, owned by the gateway: started at sign-in, ended at sign-out (and,
in domain/directory.py, when the user's password changes). Each start and end is a gateway event
and an `identity.Session…` event for the other services, which know as soon as it reaches them.
Every sign-in, failed or not, and every sign-out is audited in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from services.gateway.domain.events import StaffSessionEnded, StaffSessionStarted
from shared.audit import AuditEntry
from shared.auth.identity import SessionEnded, SessionStarted, stream_of
from shared.auth.sessions import SessionCookie
from shared.commands import Append, Decision, History, Publish


def session_stream(session_hash: str) -> str:
    return f"session-{session_hash}"


@dataclass(frozen=True)
class SignIn:
    username: str
    cookie: SessionCookie | None
    """The new session, when the password was right; None for a failed sign-in."""
    lasts: timedelta
    idle: timedelta
    audit: object


def decide_sign_in(c: SignIn, _: Mapping[str, History], __: object, now: datetime) -> Decision[SessionCookie | None]:
    if c.cookie is None:
        return Decision(None, audit=[c.audit])
    hashed, ends = c.cookie.hashed, now + c.lasts
    started = StaffSessionStarted(hashed, c.username, ends, int(c.idle.total_seconds()))
    identity = SessionStarted(hashed, c.username, ends.isoformat(), started.idle_seconds)
    return Decision(c.cookie, [Append(session_stream(hashed), 0, [started])],
                    [Publish(identity, stream_of(c.username))], [c.audit])


@dataclass(frozen=True)
class SignOut:
    session_hash: str
    username: str
    audit: object


def decide_sign_out(c: SignOut, histories: Mapping[str, History], _: object, now: datetime) -> Decision[bool]:
    """Signing out twice, or twice at once, ends the session once (the first finds it open).
    False when there is no such session of this user or it has ended already."""
    history = histories[session_stream(c.session_hash)]
    if len(history) != 1 or history[0].username != c.username:
        return Decision(False)
    reason = "signed out"
    return Decision(True, [Append(session_stream(c.session_hash), 1,
                                  [StaffSessionEnded(c.session_hash, c.username, reason)])],
                    [Publish(SessionEnded(c.session_hash, c.username, reason), stream_of(c.username))], [c.audit])


@dataclass(frozen=True)
class EndSessions:
    """An admin signs a user out everywhere: each of the sessions open when asked."""

    username: str
    session_hashes: tuple[str, ...]
    audit: AuditEntry
    """The admin's action; its reason gets the count of sessions ended."""


def decide_end_sessions(c: EndSessions, histories: Mapping[str, History], _: object, now: datetime) -> Decision[int]:
    """How many it ended: a session ended meanwhile (its stream has its end) is left as it is."""
    reason = f"signed out everywhere by {c.audit.user}"
    still = [h for h in c.session_hashes if len(histories[session_stream(h)]) == 1]
    return Decision(len(still), [Append(session_stream(h), 1, [StaffSessionEnded(h, c.username, reason)]) for h in still],
                    [Publish(SessionEnded(h, c.username, reason), stream_of(c.username)) for h in still],
                    [replace(c.audit, reason=f"{len(still)} open sessions ended")])
