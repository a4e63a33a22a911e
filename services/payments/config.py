"""Settings of the payments service (payment runs, advances, budget ceilings and budget reports)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class PaymentsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_PAYMENTS_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/payments.db"
    port: int = 8004
