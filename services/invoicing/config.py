"""Settings of the invoicing service (JW323 intake, the matcher, the exception queue, the JW325)."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.ijw.parsing import MAX_BYTES
from shared.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_INVOICING_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/invoicing.db"
    port: int = 8003
    margin_working_days: int = Field(2, ge=0, le=10)
    """Held lines still open this many working days before the JW325 is due are rejected."""
    ijw_schema_dir: Path | None = None
    max_message_bytes: int = Field(MAX_BYTES, gt=0)
    """The largest routed message it decodes: OP179's 25 MB, as at the gateway, unless configured."""
