"""Event types of the gateway service, with their current versions."""

from shared.events.registry import EventType

TYPES: tuple[EventType, ...] = ()
