"""The message-exchange contract between the gateway and the services (versioned, explicit).

- `gateway.MessageRouted` (gateway → owning service): a message that passed level 1, with its
  verbatim XML; the owner filters on `message_code`.
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
older version with its upcaster. The string constants and `payload()` serve the services that
still build and read payload dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from shared.events.registry import EventType
from shared.events.serializer import to_payload


@dataclass(frozen=True)
class MessageRouted:
    TYPE: ClassVar[str] = "gateway.MessageRouted"
    VERSION: ClassVar[int] = 1
    message_id: str
    message_code: str
    sender: str
    receiver: str
    submitter: str
    received_at: str
    """ISO 8601 with its zone, as the consumers not yet reading typed events parse it."""
    xml: str

    def payload(self) -> dict[str, Any]:
        return to_payload(self)


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

MESSAGE_ROUTED = MessageRouted.TYPE
MESSAGE_ISSUED = MessageIssued.TYPE
MESSAGE_STATUS = MessageStatus.TYPE
SECTION_PUBLISHED = SectionPublished.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
