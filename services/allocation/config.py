"""Settings of the allocation service (the allocation register: JW301 versions, requests, start/stop, contracts)."""

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class AllocationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_ALLOCATION_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///var/allocation.db"
    port: int = 8002
    region: str = "region"
    """Names the register stream (`register-{region}`): one region per deployment."""
