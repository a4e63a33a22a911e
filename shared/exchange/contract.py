"""The message-exchange contract between the gateway and the services (versioned, explicit).

- `gateway.MessageRouted` (gateway → owning service): a message that passed level 1, with its
  bytes as received, compressed; the owner filters on `message_code`. Version 1 carried the XML
  as text; its upcaster compresses it.
- `exchange.MessageIssued` (service → gateway): an iJw message for a party's mailbox, with
  `in_reply_to` naming the gateway message it answers, if any.
- `exchange.MessageStatus` (service → gateway): the owner took a message up ("processing"),
  handled one that iJw gives no answer for ("processed"), or refused it without an iJw answer
  ("rejected").
- `region.SectionPublished` (gateway → services): a section of the region file as loaded:
  {section, sha256, content}; sections: account, budgets, budget_lines (names of the budget lines),
  products, contracts, policy, providers, municipalities (codes and names), procurement (per
  contract its lot, subcontractors and outcome clauses; the region's outcome and
  tariff-harmonisation settings: issue 17), lump_sums (lump-sum, function and availability
  schedules of contracts: id, contract, budget_line, form, from, to, per, amount, shares
  {gemeentecode: "percent"}, settlement, corridor_percent), ledger (svb account, contributions
  [{municipality, year, per_month}], equalisation {year: {key, shares, population}}).

Each is a typed event class (shared/events/serializer.py): produced with `NewEvent.of(event, …)`
and consumed through a registry built from `CLASSES` (`EventRegistry.of(CLASSES)`), which lifts an
older version with its upcaster (`UPCASTERS`, for every registry that reads these). The string
constants and `payload()` serve the services that still build and read payload dicts.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass
from typing import Any, ClassVar

from shared.events.registry import EventType, Payload, Upcaster
from shared.events.serializer import to_payload


COMPRESSION_LEVEL = 1
"""zlib's fastest level: iJw XML repeats its tags, so even it shrinks the demo JW323 3.4 times and
the bench's generated 100,000 lines 56 times, in 0.07 s of CPU for those 65 MB."""


@dataclass(frozen=True)
class MessageRouted:
    TYPE: ClassVar[str] = "gateway.MessageRouted"
    VERSION: ClassVar[int] = 2
    message_id: str
    message_code: str
    sender: str
    receiver: str
    submitter: str
    received_at: str
    """ISO 8601 with its zone, as the consumers not yet reading typed events parse it."""
    compressed: bytes
    """The message's bytes as received, zlib-compressed (base64 in JSON): a big JW323 travels the
    outbox, the bus and Kafka a fraction of its size and is never held as text on the way."""

    @classmethod
    def of(cls, message_id: str, message_code: str, sender: str, receiver: str, submitter: str,
           received_at: str, body: bytes) -> MessageRouted:
        return cls(message_id, message_code, sender, receiver, submitter, received_at,
                   zlib.compress(body, COMPRESSION_LEVEL))

    def body(self) -> bytes:
        """The message's bytes, exactly as the gateway received them."""
        return zlib.decompress(self.compressed)

    def payload(self) -> dict[str, Any]:
        return to_payload(self)


def _routed_compressed(payload: Payload) -> Payload:
    """Version 1 carried the XML as text (the bytes as received: level 1 admits UTF-8 only)."""
    lifted = {k: v for k, v in payload.items() if k != "xml"}
    lifted["compressed"] = base64.b64encode(zlib.compress(payload["xml"].encode("utf-8"), COMPRESSION_LEVEL)).decode()
    return lifted


@dataclass(frozen=True)
class MessageIssued:
    TYPE: ClassVar[str] = "exchange.MessageIssued"
    VERSION: ClassVar[int] = 1
    message_id: str
    message_code: str
    sender: str
    addressee: str
    xml: str
    in_reply_to: str | None = None

    def payload(self) -> dict[str, Any]:
        return to_payload(self)


@dataclass(frozen=True)
class MessageStatus:
    TYPE: ClassVar[str] = "exchange.MessageStatus"
    VERSION: ClassVar[int] = 1
    message_id: str
    status: str
    reason: str | None = None

    def payload(self) -> dict[str, Any]:
        return to_payload(self)


@dataclass(frozen=True)
class SectionPublished:
    TYPE: ClassVar[str] = "region.SectionPublished"
    VERSION: ClassVar[int] = 1
    section: str
    sha256: str
    content: Any
    """The section as the region file gives it, in JSON values (each owner reads its own shape)."""


CLASSES = (MessageRouted, MessageIssued, MessageStatus, SectionPublished)
UPCASTERS: dict[tuple[str, int], Upcaster] = {(MessageRouted.TYPE, 1): _routed_compressed}

MESSAGE_ROUTED = MessageRouted.TYPE
MESSAGE_ISSUED = MessageIssued.TYPE
MESSAGE_STATUS = MessageStatus.TYPE
SECTION_PUBLISHED = SectionPublished.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
