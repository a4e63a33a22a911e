"""The payments service's tables: the kernel's; projections of its own events (items, runs,
ceilings), which a replay of its event store rebuilds; and reference data kept from other
services' events (region sections, the declared lines with their products, allocations)."""

import sqlalchemy as sa

from shared.persistence.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)

items = sa.Table(
    "payable_items", metadata,
    sa.Column("item_id", sa.String(80), primary_key=True),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("municipality", sa.String(8), nullable=False),
    sa.Column("contract_id", sa.String(40), nullable=False),
    sa.Column("declaration_id", sa.String(36), nullable=True),
    sa.Column("amount", sa.BigInteger(), nullable=False),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("due_on", sa.Date(), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("run_id", sa.String(40), nullable=True),
    sa.Index(None, "status", "due_on"),
    sa.Index(None, "provider", "due_on"),
    sa.Index(None, "run_id"),
)
runs = sa.Table(
    "payment_runs", metadata,
    sa.Column("run_id", sa.String(40), primary_key=True),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("due_up_to", sa.Date(), nullable=False),
    sa.Column("total", sa.BigInteger(), nullable=False),
    sa.Column("carried_forward", sa.JSON(), nullable=False),
    sa.Column("created_by", sa.String(120), nullable=False),
    sa.Column("approved_by", sa.String(120), nullable=True),
    sa.Column("message_id", sa.String(35), nullable=True),
    sa.Column("execution_date", sa.Date(), nullable=True),
    sa.Column("exported_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("executed_on", sa.Date(), nullable=True),
)
ceilings = sa.Table(
    "ceilings", metadata,
    sa.Column("contract_id", sa.String(40), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("amount", sa.BigInteger(), nullable=False),
    sa.Column("warn_at", sa.JSON(), nullable=False),
    sa.Column("announced", sa.JSON(), nullable=False),
)
ceiling_usage = sa.Table(
    "ceiling_usage", metadata,
    sa.Column("contract_id", sa.String(40), primary_key=True),
    sa.Column("year", sa.Integer(), primary_key=True),
    sa.Column("line_id", sa.String(80), primary_key=True),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("amount", sa.BigInteger(), nullable=False),
)
reference = sa.Table(
    "reference_sections", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("content", sa.JSON(), nullable=False),
)
# Every declared line invoicing told payments of (held, or final: approved or rejected — before
# or with its JW325), with its product: what the budget counts as realised and in behandeling.
line_products = sa.Table(
    "line_products", metadata,
    sa.Column("line_id", sa.String(80), primary_key=True),
    sa.Column("municipality", sa.String(4), nullable=False),
    sa.Column("allocation_number", sa.BigInteger(), nullable=False),
    sa.Column("category", sa.String(2), nullable=False),
    sa.Column("code", sa.String(5), nullable=True),
    sa.Column("unit", sa.String(2), nullable=False),
    # Signed like the amount: a credit gives its volume back to the allocation.
    sa.Column("volume", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("amount", sa.BigInteger(), nullable=False),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("credits", sa.String(80), nullable=True),
    # The lump-sum schedule the line falls under: information, not realised (issue 17).
    sa.Column("lump_sum", sa.String(40), nullable=True),
    sa.Index(None, "municipality", "allocation_number"),
    sa.Index(None, "municipality", "period_start"),
)
allocations = sa.Table(
    "allocations", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("number", sa.BigInteger(), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("category", sa.String(2), nullable=True),
    sa.Column("code", sa.String(5), nullable=True),
    sa.Column("start", sa.Date(), nullable=False),
    sa.Column("end", sa.Date(), nullable=True),
    sa.Column("volume", sa.BigInteger(), nullable=True),
    sa.Column("unit", sa.String(2), nullable=True),
    sa.Column("frequency", sa.Integer(), nullable=True),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.Column("referrer_type", sa.String(2), nullable=True),
    sa.Column("first_allocated_on", sa.Date(), nullable=False),
    sa.Index(None, "municipality", "deleted"),
)
bank_statements = sa.Table(
    "bank_statements", metadata,
    sa.Column("account", sa.String(34), primary_key=True),
    sa.Column("statement_id", sa.String(35), primary_key=True),
    sa.Column("message_id", sa.String(35), nullable=False),
    sa.Column("entries", sa.Integer(), nullable=False),
    sa.Column("matched", sa.Integer(), nullable=False),
    sa.Column("imported_by", sa.String(120), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)
# Starts (JW305) and stops (JW307) the allocation service accepted, one row per start: the
# monitoring of lump-sum contracts (clients in care per month). A withdrawn start is removed.
care_spells = sa.Table(
    "care_spells", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("allocation_number", sa.BigInteger(), primary_key=True),
    sa.Column("begin", sa.Date(), primary_key=True),
    sa.Column("client", sa.String(9), nullable=False),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("product", sa.String(5), nullable=True),
    sa.Column("end", sa.Date(), nullable=True),
    sa.Column("reason", sa.String(2), nullable=True),
    sa.Index(None, "provider", "begin"),
)
# Outcome indicators (issue 17): allocations and stops (JW307) from the allocation service's
# events, the client known only by a keyed pseudonym (never the BSN), and the scores providers
# report (a projection of payments.OutcomeScoresImported).
outcome_allocations = sa.Table(
    "outcome_allocations", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("number", sa.BigInteger(), primary_key=True),
    sa.Column("client", sa.String(24), nullable=False),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("code", sa.String(5), nullable=True),
    sa.Column("start", sa.Date(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.Index(None, "client"),
)
outcome_stops = sa.Table(
    "outcome_stops", metadata,
    sa.Column("municipality", sa.String(4), primary_key=True),
    sa.Column("number", sa.BigInteger(), primary_key=True),
    sa.Column("code", sa.String(5), primary_key=True),
    sa.Column("begin", sa.Date(), primary_key=True),
    sa.Column("provider", sa.String(8), nullable=False),
    sa.Column("end", sa.Date(), nullable=False),
    sa.Column("reason", sa.String(2), nullable=False),
    sa.Index(None, "end"),
)
outcome_scores = sa.Table(
    "outcome_scores", metadata,
    sa.Column("provider", sa.String(8), primary_key=True),
    sa.Column("code", sa.String(5), primary_key=True),
    sa.Column("period", sa.String(7), primary_key=True),
    sa.Column("satisfaction", sa.Integer(), nullable=True),
    sa.Column("goal_attainment", sa.Integer(), nullable=True),
    sa.Column("respondents", sa.Integer(), nullable=False),
)
