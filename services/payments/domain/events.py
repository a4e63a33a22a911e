"""Event types of the payments service, with their current versions."""

from shared.events.registry import EventType

TYPES: tuple[EventType, ...] = ()
