"""Settings of the payments service (payment runs, advances, budget ceilings and budget reports)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class PaymentsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_PAYMENTS_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/payments.db"
    port: int = 8004
    region: str = "region"
    """Names the payment book's stream (`book-{region}`): one region per deployment."""
    default_payment_term_days: int = Field(30, ge=0)
    """For an approved line of a provider without a contract in the region file."""
