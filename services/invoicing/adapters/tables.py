"""The invoicing service's tables: the kernel's; read models of the allocations, tariffs and
policy it matches against (projected from other services' events); the JW323 bodies as received
(a record, never rebuilt); and its own declarations and lines, which are also the exception queue
(a projection of its own events, adapters/projections.py)."""

import sqlalchemy as sa

from shared.persistence.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)
TIMESTAMP = sa.DateTime(timezone=True)

allocation_versions = sa.Table(
    "allocation_versions", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("number", sa.BigInteger(), primary_key=True),
    sa.Column("decided_on", sa.Date(), primary_key=True),
    sa.Column("decided_at", sa.String(8), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("bsn", sa.String(9), nullable=False),
    sa.Column("version", sa.JSON(), nullable=False),
    sa.Index(None, "municipality", "provider"),
)
tariffs = sa.Table(
    "tariffs", metadata,
    sa.Column("provider", sa.String(8), primary_key=True),
    sa.Column("code", sa.String(5), primary_key=True),
    sa.Column("unit", sa.String(2), primary_key=True),
    sa.Column("valid_from", sa.Date(), primary_key=True),
    sa.Column("valid_to", sa.Date(), nullable=True),
    sa.Column("category", sa.String(2), nullable=False),
    sa.Column("cents", sa.BigInteger(), nullable=False),
)
settings = sa.Table(
    "match_settings", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.JSON(), nullable=False),
)
declarations = sa.Table(
    "declarations", metadata,
    sa.Column("declaration_id", sa.String(36), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("municipality", sa.String(4), nullable=False),
    sa.Column("number", sa.String(12), nullable=False),
    sa.Column("message_identification", sa.String(20), nullable=False),
    sa.Column("period_begin", sa.Date(), nullable=False),
    sa.Column("received_on", sa.Date(), nullable=False),
    sa.Column("due_on", sa.Date(), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("submitted", sa.BigInteger(), nullable=False),
    sa.Column("granted", sa.BigInteger(), nullable=True),
    sa.Column("answer_id", sa.String(36), nullable=True),
    sa.Column("answered_on", sa.Date(), nullable=True),
    # The JW325's own codes: {"header": [...], "declaration": [...]} (8001, 0200, 9333, 9056, ...).
    sa.Column("answer_codes", sa.JSON(), nullable=True),
    sa.Index(None, "provider", "municipality"),
    sa.Index(None, "provider", "message_identification"),
    sa.Index(None, "provider", "number"),
)
# The received JW323, kept as it came: an input, not a projection (a rebuild leaves it alone).
declaration_bodies = sa.Table(
    "declaration_bodies", metadata,
    sa.Column("declaration_id", sa.String(36), primary_key=True),
    sa.Column("xml", sa.LargeBinary(), nullable=False),
)
# The JW325 as sent, kept beside the JW323 it answers: also a record, not a projection. The gateway
# delivers it; finance downloads it from here, the service that wrote it.
answer_bodies = sa.Table(
    "answer_bodies", metadata,
    sa.Column("declaration_id", sa.String(36), primary_key=True),
    sa.Column("answer_id", sa.String(36), nullable=False),
    sa.Column("xml", sa.LargeBinary(), nullable=False),
)
lines = sa.Table(
    "declaration_lines", metadata,
    sa.Column("declaration_id", sa.String(36), primary_key=True),
    sa.Column("reference", sa.String(20), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("municipality", sa.String(4), nullable=False),
    sa.Column("bsn", sa.String(9), nullable=False),
    sa.Column("allocation_number", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("codes", sa.JSON(), nullable=False),
    sa.Column("signed_amount", sa.BigInteger(), nullable=False),
    # The year of the care (ProductPeriode Begindatum): what a contract's ceiling for it counts.
    sa.Column("care_year", sa.Integer(), nullable=True),
    # Paid regardless of its contract's ceiling (policy ceiling_exempt): never counted under it.
    sa.Column("ceiling_exempt", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("credited", sa.Boolean(), nullable=False),
    sa.Column("due_on", sa.Date(), nullable=True),
    sa.Column("line", sa.JSON(), nullable=False),
    sa.Column("basis", sa.JSON(), nullable=False),
    sa.Column("claimed_by", sa.String(120), nullable=True),
    sa.Column("comments", sa.JSON(), nullable=True),
    # Four eyes: the first of two approvals of a held line at or above the policy's four_eyes_from.
    sa.Column("first_approved_by", sa.String(120), nullable=True),
    sa.Column("first_reason", sa.Text(), nullable=True),
    # How an approved line came to be approved (domain/evidence.py): the lawfulness evidence.
    sa.Column("approval", sa.JSON(), nullable=True),
    sa.Index(None, "provider", "reference"),
    sa.Index(None, "municipality", "allocation_number", "status"),
    sa.Index(None, "status", "municipality"),
    sa.Index(None, "provider", "care_year", "status"),
    sa.Index(None, "bsn"),  # finance searching a client's declarations
)
