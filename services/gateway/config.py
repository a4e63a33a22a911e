"""Settings of the gateway service (the VECOZO/GGK-like edge: parties, level-1 checks, evidence,
routing, mailboxes)."""

import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # VECOZO's limit for one message


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_GATEWAY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    port: int = 8001
    max_message_bytes: int = Field(MAX_MESSAGE_BYTES, gt=0)
    ijw_schema_dir: Path | None = None
    """An official iJw 3.2 XSD package to validate against instead of the bundled schemas."""
    session_secret: str = Field(default_factory=lambda: secrets.token_urlsafe(48), min_length=32)
    """Signs staff session cookies; set the same value on every service (a random one per start
    otherwise, which logs everybody out at a restart)."""
