"""A file carried from one page to the next inside the form, sealed so that the browser holds it
only encrypted.

The workbench has no storage, yet an uploaded region file must reach the confirming POST that
applies what its preview showed. The file holds every password and token of the region in
clear, so the preview page carries it AES-GCM encrypted under a key derived from the
workbench's secret, bound to the user's session: unreadable in the page, useless in another
session, and any change to it fails to open. (`cryptography` is Python's standard package for
authenticated encryption; hand-made cryptography would be the one thing worse than none.)
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


class Sealer:
    def __init__(self, secret: str) -> None:
        key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"happyflow workbench: sealed form files")
        self._aead = AESGCM(key.derive(secret.encode()))

    def seal(self, data: bytes, bound_to: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        return base64.urlsafe_b64encode(nonce + self._aead.encrypt(nonce, data, bound_to.encode())).decode("ascii")

    def open(self, sealed: str, bound_to: str) -> bytes | None:
        """The data, or None when it was not sealed here for `bound_to`, or was changed."""
        try:
            raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], bound_to.encode())
        except (ValueError, InvalidTag):
            return None
