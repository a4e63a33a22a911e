"""Settings of the gateway service (the VECOZO/GGK-like edge: parties, level-1 checks, evidence, routing, mailboxes)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_GATEWAY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    port: int = 8001
