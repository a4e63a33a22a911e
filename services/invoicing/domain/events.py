"""Event types of the invoicing service, with their current versions."""

from shared.events.registry import EventType

TYPES: tuple[EventType, ...] = ()
