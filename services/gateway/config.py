"""Settings of the gateway service (the VECOZO/GGK-like edge: parties, level-1 checks, evidence,
routing, mailboxes)."""

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, rate_limit

MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # VECOZO's limit for one message


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_GATEWAY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    port: int = 8001
    max_message_bytes: int = Field(MAX_MESSAGE_BYTES, gt=0)
    ijw_schema_dir: Path | None = None
    """An official iJw 3.2 XSD package to validate against instead of the bundled schemas."""
    session_idle_minutes: int = Field(30, ge=1, le=24 * 60)
    """A staff session ends after this long without a request to any service (NIST SP 800-63B-3
    asks re-authentication after 30 minutes of inactivity at its level 2; the workstation itself
    locks after 15, BIO 11.2.9)."""
    session_max_hours: int = Field(10, ge=1, le=24)
    """A staff session ends this long after sign-in, whatever the activity: one working day with
    its breaks, within the 12 hours NIST SP 800-63B-3 allows at level 2."""
    sign_in_failures_per_account: str = "10 per 15 minutes"
    """Wrong passwords for one username before its sign-ins are answered 429 until the oldest
    failure is older than the window (BIO 9.4.3: at most 10 attempts, a fixed blocking time)."""
    sign_in_failures_per_source: str = "50 per 15 minutes"
    """Failed sign-ins from one address, whatever the username: one office behind one address
    has room for its typos, a guesser trying many usernames does not."""

    @field_validator("sign_in_failures_per_account", "sign_in_failures_per_source")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        return rate_limit(value)
