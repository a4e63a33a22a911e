"""The audit log's hash chain: any change, removal or reordering of an entry is found, and the
first entry that no longer fits is the one named."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from services.gateway.domain.audit_chain import GENESIS, canonical, chained, verify

START = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def chain(length: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for n in range(length):
        entry = {"entry_id": uuid.UUID(int=n + 1), "at": START + timedelta(seconds=n), "username": f"user{n}",
                 "roles": "finance", "municipality": "0193", "action": "queue.read", "object": f"d/{n}",
                 "client": None, "reason": None, "outcome": "allowed", "service": "invoicing", "address": None,
                 "app": None, "on_behalf_of": None, "legacy": False}
        head = (entries[-1]["seq"], entries[-1]["hash"]) if entries else None
        entries.append(chained(entry, head))
    return entries


def test_a_chain_as_appended_is_whole() -> None:
    entries = chain(5)
    assert verify(entries).valid and verify(entries).entries == 5
    assert entries[0]["prev_hash"] == GENESIS and [e["seq"] for e in entries] == [1, 2, 3, 4, 5]


def test_a_changed_field_names_that_entry() -> None:
    entries = chain(5)
    entries[2] = {**entries[2], "username": "someone else"}
    result = verify(entries)
    assert (result.valid, result.first_bad) == (False, 3) and "changed" in (result.problem or "")


def test_a_changed_entry_with_a_recomputed_hash_is_found_at_the_next_entry() -> None:
    entries = chain(5)
    forged = {**entries[2], "outcome": "refused"}
    entries[2] = chained({k: v for k, v in forged.items() if k not in ("seq", "prev_hash", "hash")},
                         (entries[1]["seq"], entries[1]["hash"]))
    assert verify(entries).first_bad == 4


def test_a_removed_entry_is_found_at_the_one_after_it() -> None:
    entries = chain(5)
    del entries[1]
    result = verify(entries)
    assert result.first_bad == 3 and "missing" in (result.problem or "")


def test_the_same_time_in_another_zone_serialises_the_same() -> None:
    entry = chain(1)[0]
    moved = {**entry, "at": entry["at"].astimezone(datetime.now().astimezone().tzinfo)}
    assert canonical(moved) == canonical(entry)
