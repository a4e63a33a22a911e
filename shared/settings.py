"""Settings: one pydantic-settings class per service, each with its own environment prefix
(HAPPYFLOW_GATEWAY_DATABASE_URL, ...), validated at start with messages a person can act on.
"""

from __future__ import annotations

import secrets
from typing import Literal, TypeVar

from limits import parse
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_DATABASES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")


class SettingsError(ValueError):
    pass


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    database_url: str
    bus: Literal["memory", "kafka"] = "memory"
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_idempotence: bool = True
    """Producer idempotence (acks=all); on in production, off only for brokers that lack it."""
    kafka_session_timeout_ms: int = 10_000
    """How long the group waits for a member that stopped heartbeating (a killed process) before
    handing its partitions to the others: a restarted service consumes again after about this."""
    log_format: Literal["console", "json"] = "console"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    audit_key: str | None = Field(None, min_length=32)
    """The region's key for the client pseudonyms in the audit log (shared/audit.py): the same
    value at every service. Unset on SQLite, a key file beside the database is made once and kept."""
    session_secret: str = Field(default_factory=lambda: secrets.token_urlsafe(48), min_length=32)
    """Signs and verifies staff session cookies: set the same value on every service (a random
    one per start otherwise, which ends every session at a restart and makes only bearer tokens
    work at a service whose secret differs from the gateway's)."""
    secure_cookies: bool = False
    """Mark session cookies `Secure` on every response, for a service behind a TLS-terminating
    proxy that does not pass the scheme on; a request that arrives as https gets it anyway."""
    token_failures_per_source: str = "30 per 5 minutes"
    """Unknown bearer tokens one source address may present before it is answered 429 (all its
    token attempts, right ones too, until the window frees a place)."""

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(SUPPORTED_DATABASES):
            raise ValueError(f"must start with one of {', '.join(SUPPORTED_DATABASES)}")
        return value

    @field_validator("kafka_session_timeout_ms")
    @classmethod
    def _session_timeout_range(cls, value: int) -> int:
        if not 1_000 <= value <= 300_000:
            raise ValueError("must be between 1000 and 300000 (milliseconds)")
        return value

    @field_validator("token_failures_per_source")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        return rate_limit(value)

    @field_validator("port")
    @classmethod
    def _port_range(cls, value: int) -> int:
        if not 0 < value < 65536:
            raise ValueError("must be between 1 and 65535")
        return value


def rate_limit(value: str) -> str:
    """A limit in the notation of the `limits` library ("10 per 15 minutes", "30/5minutes")."""
    try:
        limit = parse(value)
    except ValueError:
        limit = None
    if limit is None or limit.amount < 1:
        raise ValueError('must be a rate limit of at least one, such as "10 per 15 minutes"')
    return value


S = TypeVar("S", bound=BaseSettings)


def load_settings(cls: type[S], **overrides: object) -> S:
    """Build settings from the environment (and overrides), or fail naming each bad variable."""
    try:
        return cls(**overrides)
    except ValidationError as error:
        prefix = cls.model_config.get("env_prefix", "")
        problems = [
            f"  {prefix}{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in error.errors()
        ]
        raise SettingsError(f"invalid {cls.__name__}:\n" + "\n".join(problems)) from None
