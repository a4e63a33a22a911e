"""Settings of the workbench: where the services' APIs are, and the key of its form tokens.

It has no database and no bus; in the embedded default it calls the services inside the same
process (the base URLs are then unused), in the distributed mode over HTTP."""

import secrets
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HAPPYFLOW_WEB_", extra="ignore", frozen=True)

    gateway_url: str = "http://127.0.0.1:8001"
    allocation_url: str = "http://127.0.0.1:8002"
    invoicing_url: str = "http://127.0.0.1:8003"
    payments_url: str = "http://127.0.0.1:8004"
    secret: str = Field(default_factory=lambda: secrets.token_urlsafe(48), min_length=32)
    """Signs the CSRF tokens of the workbench's forms; random per start unless set (a restart
    then only makes open forms ask to be sent again)."""
    api_timeout_seconds: float = Field(30.0, gt=0)
    host: str = "127.0.0.1"
    port: int = Field(8000, gt=0, lt=65536)
    log_format: Literal["console", "json"] = "console"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    def base_urls(self) -> dict[str, str]:
        return {"gateway": self.gateway_url, "allocation": self.allocation_url,
                "invoicing": self.invoicing_url, "payments": self.payments_url}
