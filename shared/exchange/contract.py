"""The message-exchange contract between the gateway and the services (versioned, explicit).

- `gateway.MessageRouted` (gateway → owning service): a message that passed level 1, with its
  verbatim XML; the owner filters on `message_code`.
- `exchange.MessageIssued` (service → gateway): an iJw message for a party's mailbox, with
  `in_reply_to` naming the gateway message it answers, if any.
- `exchange.MessageStatus` (service → gateway): the owner took a message up ("processing"),
  handled one that iJw gives no answer for ("processed"), or refused it without an iJw answer
  ("rejected").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from shared.events.registry import EventType

MESSAGE_ROUTED = "gateway.MessageRouted"
MESSAGE_ISSUED = "exchange.MessageIssued"
MESSAGE_STATUS = "exchange.MessageStatus"
SECTION_PUBLISHED = "region.SectionPublished"
"""(gateway → services) a section of the region file as loaded: {section, sha256, content};
sections: account, budgets, budget_lines (names of the budget lines), products, contracts, policy,
providers, municipalities (codes and names), procurement (per contract its lot, subcontractors and
outcome clauses; the region's outcome and tariff-harmonisation settings: issue 17), lump_sums
(lump-sum, function and availability schedules of contracts: id, contract, budget_line, form,
from, to, per, amount, shares {gemeentecode: "percent"}, settlement, corridor_percent), ledger (svb
account, contributions [{municipality, year, per_month}], equalisation {year: {key, shares,
population}})."""

TYPES = (EventType(MESSAGE_ROUTED, 1), EventType(MESSAGE_ISSUED, 1), EventType(MESSAGE_STATUS, 1),
         EventType(SECTION_PUBLISHED, 1))


@dataclass(frozen=True)
class MessageRouted:
    message_id: str
    message_code: str
    sender: str
    receiver: str
    submitter: str
    received_at: str
    xml: str

    def payload(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MessageIssued:
    message_id: str
    message_code: str
    sender: str
    addressee: str
    xml: str
    in_reply_to: str | None = None

    def payload(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MessageStatus:
    message_id: str
    status: str
    reason: str | None = None

    def payload(self) -> dict[str, Any]:
        return asdict(self)
