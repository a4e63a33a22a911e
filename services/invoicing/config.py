"""Settings of the invoicing service (JW323 intake, the matcher, the exception queue and the JW325)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_INVOICING_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/invoicing.db"
    port: int = 8003
