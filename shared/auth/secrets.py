"""Tokens and passwords are never stored in clear.

API tokens are long random strings, so one SHA-256 is enough to make a stolen table useless;
staff passwords are chosen by people, so they get scrypt with a salt per password.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1

Kdf = Callable[..., bytes]
"""`hashlib.scrypt`'s signature: (password, *, salt, n, r, p) -> digest."""


def new_token(prefix: str = "hf") -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PasswordHasher:
    """scrypt through `kdf`, a parameter so a test can count the work a sign-in does."""

    def __init__(self, kdf: Kdf = hashlib.scrypt) -> None:
        self._kdf = kdf

    def hash(self, password: str) -> str:
        salt = secrets.token_bytes(16)
        return f"scrypt${urlsafe(salt)}${urlsafe(self._digest(password, salt))}"

    def verify(self, password: str, stored: str | None) -> bool:
        """Whether `password` is the one `stored` was made of. Without a stored hash (an unknown
        user, a user without a password) it is checked against a decoy all the same: a failed
        sign-in then costs one scrypt either way, and its time does not tell which usernames exist."""
        matches = self._matches(password, stored if stored is not None else decoy_hash())
        return matches and stored is not None

    def _matches(self, password: str, stored: str) -> bool:
        try:
            scheme, salt, digest = stored.split("$")
        except ValueError:
            return False
        if scheme != "scrypt":
            return False
        return hmac.compare_digest(self._digest(password, from_urlsafe(salt)), from_urlsafe(digest))

    def _digest(self, password: str, salt: bytes) -> bytes:
        return self._kdf(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)


@functools.cache
def decoy_hash() -> str:
    """A hash of a password nobody knows, made once per process."""
    return PasswordHasher().hash(secrets.token_urlsafe(24))


def password_hash(password: str) -> str:
    return PasswordHasher().hash(password)


def password_matches(password: str, stored: str) -> bool:
    return PasswordHasher().verify(password, stored)


def urlsafe(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_urlsafe(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
