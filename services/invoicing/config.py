"""Settings of the invoicing service (JW323 intake, the matcher, the exception queue, the JW325)."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_INVOICING_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/invoicing.db"
    port: int = 8003
    margin_working_days: int = Field(2, ge=0, le=10)
    """Held lines still open this many working days before the JW325 is due are rejected."""
    ijw_schema_dir: Path | None = None
