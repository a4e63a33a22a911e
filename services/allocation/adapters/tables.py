"""The allocation service's tables: the kernel's, then its read models.

Every read model here is written in the transaction of the events it follows (projections.py)
and can be rebuilt by replaying the event store (rebuild.py), except `region_sections` and
`approved_declarations`, which keep what other services sent (see their comments).
"""

import sqlalchemy as sa

from shared.persistence.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)
TIMESTAMP = sa.DateTime(timezone=True)

# The effective version of every allocation (IV013), for search, OP087 and the checks.
allocations = sa.Table(
    "allocations", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("allocation_number", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("client_bsn", sa.String(9), nullable=False, index=True),
    sa.Column("provider_agb", sa.String(8), nullable=False, index=True),
    sa.Column("category", sa.String(2), nullable=True),
    sa.Column("product_code", sa.String(5), nullable=True),
    sa.Column("start", sa.Date(), nullable=False),
    sa.Column("end", sa.Date(), nullable=True),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.Column("version", sa.JSON(), nullable=False),
    sa.Column("receipt", sa.String(20), nullable=False),
    sa.Column("receipt_codes", sa.JSON(), nullable=False),
)
# Client particulars a JW301 must carry (name, birth date, gender, contact), as last recorded
# (domain/client.py) from the staff API, a JW315 or a municipality's JW301.
clients = sa.Table(
    "clients", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("client_bsn", sa.String(9), primary_key=True),
    sa.Column("details", sa.JSON(), nullable=False),
)
# Every JW301 sent to a provider, by this service or by the municipality: OP087's "changed since
# the previous JW301", and the JW302 that answers one names it by its BerichtIdentificatie.
jw301_messages = sa.Table(
    "jw301_messages", metadata,
    sa.Column("identification", sa.String(12), primary_key=True),
    sa.Column("message_id", sa.String(36), nullable=False),
    sa.Column("municipality", sa.String(4), nullable=False),
    sa.Column("client_bsn", sa.String(9), nullable=False),
    sa.Column("provider_agb", sa.String(8), nullable=False),
    sa.Column("allocation_numbers", sa.JSON(), nullable=False),
    sa.Column("made_at", sa.DateTime(), nullable=False),  # Dutch local time, like Toewijzingstijd
    sa.Index(None, "municipality", "client_bsn", "provider_agb"),
)
# The access team's work list of JW315/JW317 requests.
requests = sa.Table(
    "requests", metadata,
    sa.Column("provider_agb", sa.String(8), primary_key=True),
    sa.Column("reference", sa.String(36), primary_key=True),
    sa.Column("municipality", sa.String(4), nullable=False, index=True),
    sa.Column("client_bsn", sa.String(9), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("received_on", sa.Date(), nullable=False),
    sa.Column("due", sa.Date(), nullable=True),
    sa.Column("message_id", sa.String(36), nullable=True),
    sa.Column("requested", sa.JSON(), nullable=False),
    sa.Column("answer", sa.JSON(), nullable=True),
)
# The last content of each region-file section, so sections can be applied in dependency
# order whatever order they arrive in (products before contracts and budgets), and the content
# last applied: a reload applies only what changed in the file, never undoing an admin's change
# to a section the file left as it was. Bookkeeping of consumed input, not a projection: a
# rebuild leaves it alone.
region_sections = sa.Table(
    "region_sections", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.JSON(), nullable=False),
    sa.Column("applied_sha256", sa.String(64), nullable=True),
)
# Approved, not credited declaration lines per allocation (TR385/OP362), fed by invoicing's
# DeclarationSettled (handlers/declarations.py): another service's facts, not a projection; it
# comes back by consuming the invoicing topic again.
approved_declarations = sa.Table(
    "approved_declarations", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("allocation_number", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("approved_lines", sa.Integer(), nullable=False),
)
