"""The durable bus's file: its log, partitions and committed offsets in one SQLite database.

Plain `sqlite3`, called from one thread per connection (see sqlite.py): every operation is one
function and one transaction, so it costs one hop off the event loop. The writer connection runs
with synchronous=FULL: a publish is acknowledged only once its records are on disk, which is
what lets a relay mark its outbox rows published and forget them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from shared.bus.port import Headers, Record

TopicPartition = tuple[str, int]

SCHEMA = """
CREATE TABLE IF NOT EXISTS partitions (
    topic TEXT NOT NULL, partition INTEGER NOT NULL,
    log_start INTEGER NOT NULL DEFAULT 0, log_end INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (topic, partition));
CREATE TABLE IF NOT EXISTS records (
    topic TEXT NOT NULL, partition INTEGER NOT NULL, "offset" INTEGER NOT NULL,
    key TEXT NOT NULL, value BLOB NOT NULL, headers TEXT NOT NULL, published_at REAL NOT NULL,
    PRIMARY KEY (topic, partition, "offset"));
CREATE TABLE IF NOT EXISTS offsets (
    "group" TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, committed INTEGER NOT NULL,
    PRIMARY KEY ("group", topic, partition));
"""
BUSY_TIMEOUT_MS = 30_000


def connect(path: Path, writer: bool) -> sqlite3.Connection:
    """Autocommit mode: every transaction below is an explicit BEGIN IMMEDIATE ... COMMIT."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if writer:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.executescript(SCHEMA)
    return conn


@dataclass
class LogState:
    """What the process keeps in memory: it is the file's only writer (sqlite.py holds a lock)."""

    partitions: dict[str, int] = field(default_factory=dict)
    starts: dict[TopicPartition, int] = field(default_factory=dict)
    ends: dict[TopicPartition, int] = field(default_factory=dict)
    committed: dict[tuple[str, TopicPartition], int] = field(default_factory=dict)


def load(conn: sqlite3.Connection) -> LogState:
    state = LogState()
    for topic, partition, start, end in conn.execute("SELECT topic, partition, log_start, log_end FROM partitions"):
        state.partitions[topic] = max(state.partitions.get(topic, 0), partition + 1)
        state.starts[(topic, partition)], state.ends[(topic, partition)] = start, end
    for group, topic, partition, committed in conn.execute('SELECT "group", topic, partition, committed FROM offsets'):
        state.committed[(group, (topic, partition))] = committed
    return state


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def create_topics(conn: sqlite3.Connection, topics: Mapping[str, int]) -> None:
    rows = [(topic, p) for topic, count in topics.items() for p in range(count)]
    conn.executemany("INSERT OR IGNORE INTO partitions (topic, partition) VALUES (?, ?)", rows)


def append(conn: sqlite3.Connection, new_topics: Mapping[str, int], rows: Sequence[tuple],
           ends: Mapping[TopicPartition, int]) -> None:
    """One transaction: the records (topic, partition, offset, key, value, headers) and new ends."""
    now = time.time()
    with transaction(conn):
        create_topics(conn, new_topics)
        conn.executemany(
            'INSERT INTO records (topic, partition, "offset", key, value, headers, published_at) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [(*row, now) for row in rows])
        conn.executemany("UPDATE partitions SET log_end = ? WHERE topic = ? AND partition = ?",
                         [(end, topic, partition) for (topic, partition), end in ends.items()])


def register(conn: sqlite3.Connection, new_topics: Mapping[str, int], group: str,
             starts: Mapping[TopicPartition, int]) -> None:
    """A group subscribed: from now on retention keeps what it has not committed."""
    with transaction(conn):
        create_topics(conn, new_topics)
        conn.executemany('INSERT OR IGNORE INTO offsets ("group", topic, partition, committed) VALUES (?, ?, ?, ?)',
                         [(group, topic, partition, start) for (topic, partition), start in starts.items()])


def commit(conn: sqlite3.Connection, group: str, offsets: Mapping[TopicPartition, int]) -> None:
    with transaction(conn):
        conn.executemany(
            'INSERT INTO offsets ("group", topic, partition, committed) VALUES (?, ?, ?, ?) '
            'ON CONFLICT ("group", topic, partition) DO UPDATE SET committed = excluded.committed',
            [(group, topic, partition, offset) for (topic, partition), offset in offsets.items()])


def prune(conn: sqlite3.Connection, floors: Mapping[TopicPartition, int], unread_before: float,
          unread: Iterable[TopicPartition]) -> dict[TopicPartition, int]:
    """Delete records every group committed (below `floors`), and records older than
    `unread_before` in partitions no group ever joined; returns the new log starts."""
    starts: dict[TopicPartition, int] = {}
    with transaction(conn):
        for (topic, partition), floor in floors.items():
            conn.execute('DELETE FROM records WHERE topic = ? AND partition = ? AND "offset" < ?',
                         (topic, partition, floor))
            starts[(topic, partition)] = floor
        for topic, partition in unread:
            conn.execute("DELETE FROM records WHERE topic = ? AND partition = ? AND published_at < ?",
                         (topic, partition, unread_before))
            starts[(topic, partition)] = conn.execute(
                'SELECT COALESCE(MIN("offset"), (SELECT log_end FROM partitions WHERE topic = ? AND partition = ?)) '
                "FROM records WHERE topic = ? AND partition = ?", (topic, partition, topic, partition)).fetchone()[0]
        conn.executemany("UPDATE partitions SET log_start = MAX(log_start, ?) WHERE topic = ? AND partition = ?",
                         [(start, topic, partition) for (topic, partition), start in starts.items()])
    return starts


def read(conn: sqlite3.Connection, tp: TopicPartition, start: int, limit: int, max_bytes: int) -> list[Record]:
    """Up to `limit` records, and none after the one that reaches `max_bytes` of values: the
    cursor steps a row at a time, so the values after it are never read (the parts of a settled
    declaration are 2.5 MB each, Kafka's fetch.max.bytes does the same)."""
    topic, partition = tp
    rows = conn.execute(
        'SELECT "offset", key, value, headers FROM records WHERE topic = ? AND partition = ? AND "offset" >= ? '
        'ORDER BY "offset" LIMIT ?', (topic, partition, start, limit))
    records, size = [], 0
    for offset, key, value, headers in rows:
        records.append(Record(topic, partition, offset, key, value, decode_headers(headers)))
        size += len(value)
        if size >= max_bytes:
            break
    rows.close()
    return records


def encode_headers(headers: Headers) -> str:
    """Header values are bytes; latin-1 maps every byte to one character and back."""
    return json.dumps([[name, value.decode("latin-1")] for name, value in headers])


def decode_headers(text: str) -> Headers:
    return tuple((name, value.encode("latin-1")) for name, value in json.loads(text))
