"""RFC 9530 digests: the SHA-256 of a message as `sha-256=:<base64>:`, in the Content-Digest
header of the XML and in every listing item, the way VECOZO hands a checksum with each message."""

from __future__ import annotations

import base64
import re

_SHA256 = re.compile(r"(?:^|,)\s*sha-256\s*=\s*:([A-Za-z0-9+/=]+):")


def content_digest(sha256_hex: str) -> str:
    return f"sha-256=:{base64.b64encode(bytes.fromhex(sha256_hex)).decode()}:"


def sent_digest_differs(header: str | None, sha256_hex: str) -> bool:
    """A Content-Digest the sender gave (sha-256 only; other algorithms are not checked) that
    does not match the SHA-256 of the bytes that arrived."""
    if not header:
        return False
    found = _SHA256.search(header)
    if found is None:
        return False
    return found.group(1) != base64.b64encode(bytes.fromhex(sha256_hex)).decode()
