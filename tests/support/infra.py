"""What a test does when a real component (PostgreSQL, the Kafka-protocol broker) is missing.

Locally a missing binary skips the test, so a laptop without PostgreSQL can still run the suite.
Under CI=true it is a failure: CI must prove the contract suites ran on the real adapters.
"""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (required under CI=true)", pytrace=False)
    pytest.skip(reason)
