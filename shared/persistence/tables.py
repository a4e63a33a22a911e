"""The kernel's tables, present in every service's database: events, outbox, inbox, leases.

Each service builds its own `MetaData` with `kernel_tables(metadata)` and adds its projections,
so each keeps its own database and its own migration history (design.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

# BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY is the auto-numbered rowid.
Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> sa.MetaData:
    """Every constraint named the same on SQLite and PostgreSQL, so `alembic check` sees no drift."""
    return sa.MetaData(naming_convention=NAMING)


@dataclass(frozen=True)
class KernelTables:
    events: sa.Table
    outbox: sa.Table
    inbox: sa.Table
    leases: sa.Table
    audit_log: sa.Table
    staff: sa.Table
    staff_tokens: sa.Table
    staff_sessions: sa.Table


def kernel_tables(metadata: sa.MetaData) -> KernelTables:
    events = sa.Table(
        "events",
        metadata,
        sa.Column("position", Position, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("stream_version", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(20), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("correlation_id", sa.Uuid(), nullable=True),
        sa.Column("causation_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        # Optimistic concurrency: a second writer of the same version loses (design.md §3.2).
        sa.UniqueConstraint("stream_id", "stream_version"),
        sa.UniqueConstraint("event_id"),
    )
    outbox = sa.Table(
        "outbox",
        metadata,
        sa.Column("position", Position, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Index(None, "published_at", "position"),
    )
    inbox = sa.Table(
        "inbox",
        metadata,
        sa.Column("consumer", sa.String(120), primary_key=True),
        sa.Column("event_id", sa.Uuid(), primary_key=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
    leases = sa.Table(
        "leases",
        metadata,
        sa.Column("name", sa.String(120), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    # Each service's audit rows of before the region's one log (shared/audit.py): nothing writes here
    # any more; forward_legacy moves what is left into the log, once.
    audit_log = sa.Table(
        "audit_log",
        metadata,
        sa.Column("id", Position, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_kind", sa.String(20), nullable=False),
        sa.Column("on_behalf_of", sa.String(200), nullable=True),
        sa.Column("client_bsn", sa.String(9), nullable=True),
        sa.Column("client_app", sa.String(300), nullable=True),
        sa.Column("action", sa.String(120), nullable=False),
        sa.Column("object", sa.String(300), nullable=True),
        sa.Index(None, "client_bsn"),
    )
    # Staff identities as the gateway publishes them (shared/auth/identity.py).
    staff = sa.Table(
        "staff_identities",
        metadata,
        sa.Column("username", sa.String(120), primary_key=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
    )
    staff_tokens = sa.Table(
        "staff_identity_tokens",
        metadata,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(120), nullable=False, index=True),
    )
    # Staff sessions as the gateway starts and ends them (shared/auth/sessions.py): the hash of
    # the session id only, never the id.
    staff_sessions = sa.Table(
        "staff_sessions",
        metadata,
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(120), nullable=False, index=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idle_seconds", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    return KernelTables(events, outbox, inbox, leases, audit_log, staff, staff_tokens, staff_sessions)
