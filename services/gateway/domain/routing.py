"""Which messages the gateway accepts from whom, and which service owns each (design.md §3, §4).

Providers send the heen-berichten of the lifecycle and the receipts of what they received; a
municipality party may post a JW301 it issued itself. The answers the services produce (JW306,
JW308, JW316, JW318, JW319, JW325) only ever leave through the mailboxes.
"""

from __future__ import annotations

from shared.auth.principal import PartyKind

OWNER: dict[str, str] = {
    "301": "allocation",
    "302": "allocation",
    "305": "allocation",
    "307": "allocation",
    "315": "allocation",
    "317": "allocation",
    "320": "allocation",
    "323": "invoicing",
}

ACCEPTED_FROM: dict[PartyKind, frozenset[str]] = {
    PartyKind.PROVIDER: frozenset({"302", "305", "307", "315", "317", "320", "323"}),
    PartyKind.HUB: frozenset({"302", "305", "307", "315", "317", "320", "323"}),
    PartyKind.MUNICIPALITY: frozenset({"301"}),
}

DELIVERED_DIRECTLY = frozenset({"301"})
"""A municipality's own JW301 goes to the provider's mailbox as it came (the allocation service
registers it as well); everything else is answered by the owning service."""


class RefusedMessage(ValueError):
    def __init__(self, rule: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.rule = rule
        self.status = status


def check_acceptable(code: str, kind: PartyKind) -> None:
    if code not in OWNER:
        raise RefusedMessage("DIRECTION", f"JW{code} is sent by municipalities, not accepted at the gateway")
    if code not in ACCEPTED_FROM[kind]:
        # Beyond the party's role (a municipality sending a declaration): refused as such, 403.
        raise RefusedMessage("DIRECTION", f"a {kind.value} does not send JW{code}", 403)


def addresses(message: object) -> tuple[str, str]:
    """(sender, receiver) of a message: a retour message's sender is its original's receiver."""
    header = getattr(message, "header")
    header = getattr(header, "header", header)  # a JW325's own header is inside its answer header
    original = getattr(header, "original", None)
    if original is not None:
        return original.receiver, original.sender
    return header.sender, header.receiver


def municipality_of(sender: str, receiver: str) -> str | None:
    """The tenant of a message: the four-digit gemeentecode on either end."""
    return next((code for code in (sender, receiver) if len(code) == 4), None)
