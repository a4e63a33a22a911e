"""Settings come from the environment with a prefix per service and fail with the variable's name."""

import pytest

from services.gateway.config import GatewaySettings
from services.invoicing.config import InvoicingSettings
from shared.settings import SettingsError, load_settings


def test_each_service_reads_only_its_own_prefix(monkeypatch):
    monkeypatch.setenv("HAPPYFLOW_INVOICING_DATABASE_URL", "postgresql+asyncpg://u@db/invoicing")
    assert load_settings(InvoicingSettings).database_url == "postgresql+asyncpg://u@db/invoicing"
    assert load_settings(GatewaySettings).database_url.startswith("sqlite+aiosqlite://")


def test_producer_idempotence_is_on_unless_turned_off():
    assert load_settings(GatewaySettings).kafka_idempotence is True


def test_an_unsupported_database_names_the_variable(monkeypatch):
    monkeypatch.setenv("HAPPYFLOW_GATEWAY_DATABASE_URL", "mysql://x")
    with pytest.raises(SettingsError, match="HAPPYFLOW_GATEWAY_DATABASE_URL: Value error, must start with"):
        load_settings(GatewaySettings)


def test_every_bad_variable_is_reported_at_once(monkeypatch):
    monkeypatch.setenv("HAPPYFLOW_GATEWAY_PORT", "eighty")
    monkeypatch.setenv("HAPPYFLOW_GATEWAY_BUS", "rabbit")
    with pytest.raises(SettingsError) as error:
        load_settings(GatewaySettings)
    assert "HAPPYFLOW_GATEWAY_PORT" in str(error.value) and "HAPPYFLOW_GATEWAY_BUS" in str(error.value)
