"""The audit log's hash chain: each entry carries the SHA-256 of the one before, over a canonical
serialisation of every field but its own hash, so changing, removing or reordering any entry
breaks the chain from there on, and `verify` names the first entry that no longer fits.

Canonical form: a JSON object of the fields in `FIELDS`, keys sorted, no spaces, UTF-8 (not
escaped), the time as UTC with microseconds and a Z, the entry id as a lowercase UUID string.
The first entry's predecessor is `GENESIS`. Pure: no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "entry_id", "at", "username", "roles", "municipality", "action", "object", "client", "reason",
          "outcome", "service", "address", "app", "on_behalf_of", "legacy", "prev_hash")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("an audit time without its zone")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def entry_of(entry_id: uuid.UUID, p: Mapping[str, Any]) -> dict[str, Any]:
    """An `audit.EntryRecorded` payload (shared/exchange/audit.py) as the log's fields."""
    return {
        "entry_id": entry_id, "at": datetime.fromisoformat(p["at"]).astimezone(UTC), "username": p["user"],
        "roles": ",".join(sorted(p.get("roles") or ())), "municipality": p.get("municipality"),
        "action": p["action"], "object": p.get("object"), "client": p.get("client"), "reason": p.get("reason"),
        "outcome": p["outcome"], "service": p["service"], "address": p.get("address"), "app": p.get("app"),
        "on_behalf_of": p.get("on_behalf_of"), "legacy": bool(p.get("legacy")),
    }


def canonical(entry: Mapping[str, Any]) -> bytes:
    plain = {name: _plain(entry[name]) for name in FIELDS}
    return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def chained(entry: Mapping[str, Any], head: tuple[int, str] | None) -> dict[str, Any]:
    """The entry as the next link after `head` (the last entry's seq and hash; None: the first)."""
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS)
    linked = {**entry, "seq": seq, "prev_hash": prev_hash}
    return {**linked, "hash": entry_hash(linked)}


@dataclass(frozen=True)
class Verification:
    entries: int
    """How many entries were checked (up to and including the first bad one)."""
    first_bad: int | None = None
    problem: str | None = None

    @property
    def valid(self) -> bool:
        return self.first_bad is None


class ChainCheck:
    """Checks entries fed in `seq` order, stopping at the first that does not fit."""

    def __init__(self) -> None:
        self._seq, self._hash, self._count = 0, GENESIS, 0
        self.result: Verification | None = None

    def feed(self, entries: Iterable[Mapping[str, Any]]) -> bool:
        """False once a bad entry was found (the rest need not be read)."""
        for entry in entries:
            self._count += 1
            problem = self._problem(entry)
            if problem:
                self.result = Verification(self._count, entry["seq"], problem)
                return False
            self._seq, self._hash = entry["seq"], entry["hash"]
        return True

    def done(self) -> Verification:
        return self.result or Verification(self._count)

    def _problem(self, entry: Mapping[str, Any]) -> str | None:
        if entry["seq"] != self._seq + 1:
            return f"entry {entry['seq']} follows entry {self._seq}: the entries between are missing"
        if entry["prev_hash"] != self._hash:
            return f"entry {entry['seq']} names another predecessor than entry {self._seq}"
        if entry_hash(entry) != entry["hash"]:
            return f"entry {entry['seq']} was changed: its hash does not match its content"
        return None


def verify(entries: Iterable[Mapping[str, Any]]) -> Verification:
    check = ChainCheck()
    check.feed(entries)
    return check.done()
