"""The one event style: frozen dataclasses with `TYPE` and `VERSION`, and one serializer for them.

An event class names its type and version as class constants chosen by people (style.md,
principle 5) and carries its fields typed: dates, datetimes, UUIDs, enums, nested frozen
dataclasses and tuples. msgspec turns it into the payload the stores and buses carry (plain JSON
values: a date as ISO 8601, an enum as its value) and back, checking every field's type on the
way in, so a consumer never reads a hand-built dict.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar, Protocol, TypeVar

import msgspec

E = TypeVar("E")


class Event(Protocol):
    TYPE: ClassVar[str]
    VERSION: ClassVar[int]


class MalformedEvent(ValueError):
    """A payload that does not fit its event class (a field missing, of the wrong type)."""


def to_payload(event: object) -> dict[str, Any]:
    payload = msgspec.to_builtins(event)
    if not isinstance(payload, dict):
        raise TypeError(f"{type(event).__name__} is not an event dataclass")
    return payload


def from_payload(cls: type[E], payload: dict[str, Any]) -> E:
    """`strict=False` lets the JSON forms in (an ISO string for a date, a list for a tuple)."""
    try:
        return msgspec.convert(payload, cls, strict=False)
    except msgspec.ValidationError as error:
        raise MalformedEvent(f"{getattr(cls, 'TYPE', cls.__name__)}: {error}") from None


def from_json(cls: type[E], data: bytes | msgspec.Raw) -> E:
    """The event of a payload's JSON, decoded straight into `cls`: what `from_payload` makes of
    the same JSON read as a dict, without building the dict."""
    try:
        return _decoder(cls).decode(data)
    except msgspec.ValidationError as error:
        raise MalformedEvent(f"{getattr(cls, 'TYPE', cls.__name__)}: {error}") from None


@cache
def _decoder(cls: type[E]) -> msgspec.json.Decoder[E]:
    return msgspec.json.Decoder(cls, strict=False)
