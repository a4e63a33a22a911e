"""Event types of the allocation service, with their current versions."""

from shared.events.registry import EventType

TYPES: tuple[EventType, ...] = ()
