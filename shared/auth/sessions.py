"""Signed session cookies for the web pages: any service verifies them with the shared secret,
so a login at one service is valid at all, without a session table the others cannot read."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta

from shared.auth.principal import Role, StaffPrincipal
from shared.auth.secrets import from_urlsafe, urlsafe

SESSION_COOKIE = "happyflow_session"


class SessionSigner:
    def __init__(self, secret: str, lifetime: timedelta = timedelta(hours=8)) -> None:
        if len(secret) < 32:
            raise ValueError("the session secret must be at least 32 characters")
        self._key = secret.encode()
        self._lifetime = lifetime

    def sign(self, principal: StaffPrincipal, now: datetime) -> str:
        body = json.dumps({
            "uid": principal.user_id, "name": principal.username, "roles": sorted(principal.roles),
            "gm": sorted(principal.municipalities), "exp": int((now + self._lifetime).timestamp()),
        }, separators=(",", ":")).encode()
        return f"{urlsafe(body)}.{urlsafe(self._mac(body))}"

    def verify(self, cookie: str, now: datetime) -> StaffPrincipal | None:
        try:
            body_part, mac_part = cookie.split(".")
            body = from_urlsafe(body_part)
            if not hmac.compare_digest(self._mac(body), from_urlsafe(mac_part)):
                return None
            data = json.loads(body)
        except (ValueError, TypeError):
            return None
        if data["exp"] < now.timestamp():
            return None
        return StaffPrincipal(data["uid"], data["name"], frozenset(Role(r) for r in data["roles"]),
                              frozenset(data["gm"]))

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()

