"""KafkaSettings guard the producer promises; no broker needed."""

import pytest

from shared.bus import KafkaBus, KafkaSettings, Message


def test_producer_is_idempotent_with_acks_all_by_default() -> None:
    settings = KafkaSettings(bootstrap_servers="kafka:9092")
    assert (settings.enable_idempotence, settings.acks) == (True, "all")


def test_idempotence_without_acks_all_is_rejected() -> None:
    with pytest.raises(ValueError, match="acks"):
        KafkaSettings(bootstrap_servers="kafka:9092", acks=1)


def test_acks_one_is_allowed_once_idempotence_is_off() -> None:
    assert KafkaSettings(bootstrap_servers="kafka:9092", enable_idempotence=False, acks=1).acks == 1


def test_heartbeat_must_be_shorter_than_the_session() -> None:
    with pytest.raises(ValueError, match="heartbeat"):
        KafkaSettings("kafka:9092", session_timeout_ms=3000, heartbeat_interval_ms=3000)


async def test_publishing_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        await KafkaBus(KafkaSettings("kafka:9092")).publish([Message("t", "k", b"v")])
