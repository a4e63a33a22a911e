"""The gateway's tables: the kernel's; its read models (parties, staff, received messages and
their status, mailboxes, region sections), which are projections of its own events and which a
replay rebuilds (adapters/rebuild.py); and its records, which no event carries and a rebuild
leaves alone: the bytes of every message as received or delivered (evidence, kept verbatim) and
the staff password hashes (secrets, never put in an immutable event)."""

import sqlalchemy as sa

from shared.persistence.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)
TIMESTAMP = sa.DateTime(timezone=True)

parties = sa.Table(
    "parties", metadata,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("on_behalf_of", sa.JSON(), nullable=False),
)
party_tokens = sa.Table(
    "party_tokens", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("party_code", sa.String(8), nullable=False, index=True),
)
staff_users = sa.Table(
    "staff_users", metadata,
    sa.Column("username", sa.String(120), primary_key=True),
    sa.Column("roles", sa.JSON(), nullable=False),
    sa.Column("municipalities", sa.JSON(), nullable=False),
    sa.Column("name", sa.String(120), nullable=True),
)
staff_tokens = sa.Table(
    "staff_tokens", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(120), nullable=False, index=True),
)
received_messages = sa.Table(
    "received_messages", metadata,
    sa.Column("message_id", sa.String(36), primary_key=True),
    sa.Column("submitter", sa.String(8), nullable=False),
    sa.Column("sender", sa.String(8), nullable=False),
    sa.Column("receiver", sa.String(8), nullable=False),
    sa.Column("message_code", sa.String(3), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("received_at", TIMESTAMP, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("answer_id", sa.String(36), nullable=True),
    # The global position of its MessageReceived event: pages of a listing follow it, and on
    # PostgreSQL a later commit always has a higher one (the append lock), so paging misses nothing.
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("identification", sa.String(12), nullable=True),
    sa.Column("dated", sa.Date(), nullable=True),
    sa.Column("answers", sa.String(36), nullable=True),
    sa.Column("conversation_id", sa.String(36), nullable=False),
    sa.Column("violations", sa.JSON(), nullable=True),
    # The same bytes from the same party are the same message (design.md §4): a concurrent
    # duplicate loses on this key in the projection written with its MessageReceived event.
    sa.UniqueConstraint("submitter", "sha256"),
    sa.Index(None, "submitter", "position"),
    sa.Index(None, "sender", "position"),
)
message_references = sa.Table(
    "message_references", metadata,
    sa.Column("sender", sa.String(8), primary_key=True),
    sa.Column("reference", sa.String(36), primary_key=True),
    sa.Column("message_id", sa.String(36), primary_key=True),
)
"""The ReferentieAanbieder each received request (JW315, JW317) asks under: how a JW319 or an
honouring JW301 finds the request it answers."""
mailbox = sa.Table(
    "mailbox", metadata,
    sa.Column("message_id", sa.String(36), primary_key=True),
    sa.Column("addressee", sa.String(8), nullable=False),
    sa.Column("sender", sa.String(8), nullable=False),
    sa.Column("message_code", sa.String(3), nullable=False),
    sa.Column("in_reply_to", sa.String(36), nullable=True),
    sa.Column("created_at", TIMESTAMP, nullable=False),
    sa.Column("acknowledged_at", TIMESTAMP, nullable=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("identification", sa.String(12), nullable=True),
    sa.Column("dated", sa.Date(), nullable=True),
    sa.Column("conversation_id", sa.String(36), nullable=False),
    sa.Index(None, "addressee", "acknowledged_at"),
    sa.Index(None, "addressee", "position"),
)
region_sections = sa.Table(
    "region_sections", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
)
region_loads = sa.Table(
    "region_loads", metadata,
    sa.Column("position", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("region", sa.String(200), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("loaded_by", sa.String(120), nullable=True),
    sa.Column("loaded_at", TIMESTAMP, nullable=False),
    sa.Column("changes", sa.JSON(), nullable=False),
)
"""Every load of a region file that changed something: which file (its SHA-256), when, by whom
(None: the command line) and what it changed."""

# Records. Received and delivered messages have ids of their own (ours; the issuing service's),
# so their bytes are kept apart rather than trusting the two id spaces never to meet.
received_bodies = sa.Table(
    "received_bodies", metadata,
    sa.Column("message_id", sa.String(36), primary_key=True),
    sa.Column("body", sa.LargeBinary(), nullable=False),
)
mailbox_bodies = sa.Table(
    "mailbox_bodies", metadata,
    sa.Column("message_id", sa.String(36), primary_key=True),
    sa.Column("body", sa.LargeBinary(), nullable=False),
)
staff_passwords = sa.Table(
    "staff_passwords", metadata,
    sa.Column("username", sa.String(120), primary_key=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
)
# The region's audit log (NEN 7513), hash-chained: each entry carries the hash of the one before
# (services/gateway/domain/audit_chain.py). A record, not a projection: no event of the gateway's
# own store carries it, and a rebuild leaves it alone. Append-only: `seq` is the chain's order,
# and one predecessor per entry (unique prev_hash) makes a fork impossible even for a writer that
# ignored the lock.
audit_trail = sa.Table(
    "audit_trail", metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=False),
    sa.Column("entry_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("at", TIMESTAMP, nullable=False),
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("roles", sa.String(200), nullable=False),
    sa.Column("municipality", sa.String(4), nullable=True),
    sa.Column("action", sa.String(120), nullable=False),
    sa.Column("object", sa.String(300), nullable=True),
    sa.Column("client", sa.String(64), nullable=True),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("outcome", sa.String(10), nullable=False),
    sa.Column("service", sa.String(20), nullable=False),
    sa.Column("address", sa.String(100), nullable=True),
    sa.Column("app", sa.String(300), nullable=True),
    sa.Column("on_behalf_of", sa.String(200), nullable=True),
    sa.Column("legacy", sa.Boolean(), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index(None, "username", "seq"),
    sa.Index(None, "action", "seq"),
    sa.Index(None, "client", "seq"),
    sa.Index(None, "municipality", "seq"),
    sa.Index(None, "at"),
)
