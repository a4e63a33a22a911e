"""Which message answers which, and the conversation a message belongs to (VECOZO links the
messages of one exchange by a conversation id).

A retour copies the header of the message it answers, a JW325 names its JW323's
BerichtIdentificatie (TR337), and a JW319 or an allocation honouring a request names the
request's ReferentieAanbieder. These facts are read from the decoded message; the gateway finds
the message they point to among what it received and delivered. A message that answers nothing
starts a conversation of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ANSWERS: dict[str, str] = {
    "302": "301", "306": "305", "308": "307", "316": "315", "318": "317", "320": "319", "325": "323",
}
"""retour (or answer) → the message it answers, found by that message's BerichtIdentificatie"""
REQUESTS = ("315", "317")
"""a JW319 answers, and a JW301 may honour, one of these, found by its ReferentieAanbieder"""


@dataclass(frozen=True)
class Answered:
    """The message another one answers, and the conversation they share."""

    message_id: str
    conversation_id: str


@dataclass(frozen=True)
class Facts:
    identification: str | None = None
    dated: date | None = None
    original: tuple[str, date] | None = None
    """BerichtIdentificatie (Identificatie, Dagtekening) of the message this one answers"""
    references: tuple[str, ...] = ()
    """the ReferentieAanbieder a request (JW315, JW317) asks under"""
    answered_references: tuple[str, ...] = ()
    """the ReferentieAanbieder a JW319 answers or a JW301 honours"""


def facts_of(message: object) -> Facts:
    header = getattr(message, "header")
    original = None
    if hasattr(header, "declaration_id"):  # JW325
        own, original = header.header.message_id, header.declaration_id
    elif hasattr(header, "original"):  # a retour: its own id, and the heen header copied
        own, original = _Id(header.return_id, header.return_date), header.original.message_id
    else:
        own = header.message_id
    return Facts(own.identification, own.date,
                 None if original is None else (original.identification, original.date),
                 _references(message), _answered_references(message))


@dataclass(frozen=True)
class _Id:
    identification: str
    date: date


def _references(message: object) -> tuple[str, ...]:
    code, client = getattr(message, "code"), getattr(message, "client", None)
    if code == "315" and client is not None:
        return tuple(dict.fromkeys(p.reference for p in client.products))
    if code == "317" and client is not None:
        return (client.request.reference,)
    return ()


def _answered_references(message: object) -> tuple[str, ...]:
    code = getattr(message, "code")
    if code == "319":
        return (message.answer.reference,)  # type: ignore[attr-defined]
    if code == "301":
        allocations = message.client.allocations  # type: ignore[attr-defined]
        return tuple(dict.fromkeys(a.provider_reference for a in allocations if a.provider_reference))
    return ()
