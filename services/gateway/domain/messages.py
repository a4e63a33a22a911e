"""The life of a message that came in through the gateway: received → processing → answered
(an iJw answer is in the mailbox), processed (handled; iJw has no answer for it, such as a
municipality's own JW301 or a JW302), or rejected by the owning service. A status never goes
back (a late "processing" after the answer changes nothing)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    ANSWERED = "answered"
    PROCESSED = "processed"
    REJECTED = "rejected"


_RANK = {Status.RECEIVED: 0, Status.PROCESSING: 1, Status.ANSWERED: 2, Status.PROCESSED: 2, Status.REJECTED: 2}


def advance(current: Status, reported: Status) -> Status:
    return reported if _RANK[reported] > _RANK[current] else current
