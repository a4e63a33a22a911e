"""Staff sessions for the web pages: kept on the server, checked by every service.

The gateway starts and ends sessions as events (shared/auth/identity.py); every service projects
them into its kernel table `staff_sessions`, keyed by the hash of a random session id that only
the cookie holds. The cookie also carries the user's name, the start and the moment of the last
request, signed with the secret all services share: any service can then apply the idle timeout
and renew the stamp without asking another (services talk only through events), while ending a
session, or changing the user, takes effect wherever the event has arrived. Roles and
municipalities are never in the cookie: each request reads the user's current identity.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from shared.auth.secrets import from_urlsafe, token_hash, urlsafe

SESSION_COOKIE = "happyflow_session"


@dataclass(frozen=True)
class SessionCookie:
    session_id: str
    username: str
    started: int
    """When the gateway started the session (epoch seconds)."""
    active: int
    """The last request any service accepted with it (epoch seconds)."""

    @property
    def hashed(self) -> str:
        """What the services store: the session id itself exists only in the user's browser."""
        return token_hash(self.session_id)

    def touched(self, now: datetime) -> SessionCookie:
        return replace(self, active=int(now.timestamp()))


def new_session(username: str, now: datetime) -> SessionCookie:
    at = int(now.timestamp())
    return SessionCookie(secrets.token_urlsafe(32), username, at, at)


def session_of(value: str) -> str:
    """What stays the same in a session cookie while its activity stamp is renewed (the session
    id), for binding something to the session without the secret, such as a form token; the
    value itself when it is no session cookie."""
    try:
        session_id = json.loads(from_urlsafe(value.split(".")[0]))[0]
    except (ValueError, TypeError, KeyError, IndexError):
        return value
    return session_id if isinstance(session_id, str) else value


class SessionSigner:
    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("the session secret must be at least 32 characters")
        self._key = secret.encode()

    def sign(self, cookie: SessionCookie) -> str:
        body = json.dumps([cookie.session_id, cookie.username, cookie.started, cookie.active],
                          separators=(",", ":")).encode()
        return f"{urlsafe(body)}.{urlsafe(self._mac(body))}"

    def read(self, value: str) -> SessionCookie | None:
        """The cookie's content if this deployment signed it, else None."""
        try:
            body_part, mac_part = value.split(".")
            body = from_urlsafe(body_part)
            if not hmac.compare_digest(self._mac(body), from_urlsafe(mac_part)):
                return None
            session_id, username, started, active = json.loads(body)
        except (ValueError, TypeError):
            return None
        if not (isinstance(session_id, str) and isinstance(username, str)
                and isinstance(started, int) and isinstance(active, int)):
            return None
        return SessionCookie(session_id, username, started, active)

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()


@dataclass(frozen=True)
class SessionRecord:
    """A session as a service has projected it from the gateway's events."""

    started_at: datetime
    expires_at: datetime
    idle_seconds: int
    ended_at: datetime | None


def refusal(cookie: SessionCookie, record: SessionRecord, now: datetime) -> str | None:
    """Why this session no longer holds, or None while it does. (One this service has not heard of
    does not hold at all: a valid signature is not enough; shared/auth/staff.py.)"""
    if record.ended_at is not None:
        return "session ended"
    if now >= record.expires_at:
        return "session expired"
    if now.timestamp() - cookie.active > record.idle_seconds:
        return "session idle too long"
    return None
