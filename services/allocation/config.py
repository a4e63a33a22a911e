"""Settings of the allocation service (the allocation register: JW301 versions, requests, start/stop, contracts)."""

import secrets

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class AllocationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_ALLOCATION_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/allocation.db"
    port: int = 8002
    region: str = "region"
    """Names the register stream (`register-{region}`): one region per deployment."""
    session_secret: str = Field(default_factory=lambda: secrets.token_urlsafe(48), min_length=32)
    """Verifies staff session cookies; set the same value as the gateway's (a random one per
    start otherwise, which makes only bearer tokens work here)."""
