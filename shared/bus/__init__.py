"""Messaging between services: the bus port, its adapters (in memory, durable in one SQLite file,
Kafka), and the worker that runs a handler over a consumer with retries, dead-lettering and
commits after handling."""

from shared.bus.drain import drain
from shared.bus.kafka import KafkaBus, KafkaSettings
from shared.bus.memory import InMemoryBus
from shared.bus.port import Bus, Consumer, Handler, Message, Record
from shared.bus.sqlite import BusInUse, SqliteBus
from shared.bus.worker import ConsumerWorker, RetryPolicy, dead_letter

__all__ = [
    "Bus",
    "BusInUse",
    "Consumer",
    "ConsumerWorker",
    "Handler",
    "InMemoryBus",
    "KafkaBus",
    "KafkaSettings",
    "Message",
    "Record",
    "RetryPolicy",
    "SqliteBus",
    "dead_letter",
    "drain",
]
