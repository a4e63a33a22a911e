"""The access team's answer to a request as one command: honour it (the allocations issued or
changed for it), reject it (JW319 VerzoekAntwoord 1) or put it in onderzoek (VerzoekAntwoord 2).
The decision appends the answer to the request's stream and audits it, naming the request's
client; the handler's command adds the JW319 to the decision, and makes the allocation that
honours a JW315 in the same transaction. `LOOK` reads the request as it is, deciding nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.domain import request as req
from services.allocation.domain.appends import appends
from services.allocation.domain.request_decisions import (
    HonourRequest,
    PutRequestUnderInvestigation,
    RejectRequest,
    decide_honour,
    decide_investigate,
    decide_reject,
)
from shared.clock import AMSTERDAM
from shared.commands import Decision, History


@dataclass(frozen=True)
class AnswerRequest:
    answer: HonourRequest | RejectRequest | PutRequestUnderInvestigation
    audit: Any = None
    """The staff user's audit entry (shared/audit.py), completed with the request's client."""


def streams(c: AnswerRequest) -> list[str]:
    return [req.stream_id(c.answer.provider_agb, c.answer.reference)]


def decide_answer(c: AnswerRequest, histories: Mapping[str, History], _: None, now: datetime) -> Decision[req.Request]:
    """`now` in Dutch local time: the day answered is the Dutch business day."""
    [stream] = streams(c)
    request = reduce(req.evolve, histories[stream], req.Request())
    local = now.astimezone(AMSTERDAM)
    if isinstance(c.answer, HonourRequest):
        decided = decide_honour(c.answer, request, local)
    elif isinstance(c.answer, RejectRequest):
        decided = decide_reject(c.answer, request, local)
    else:
        decided = decide_investigate(c.answer, request, local)
    after = reduce(req.evolve, decided, request)
    audited = [] if c.audit is None else [replace(c.audit, client_bsn=after.client_bsn,
                                                   municipality=after.municipality)]
    return Decision(after, appends(stream, len(histories[stream]), decided), audit=audited)


@dataclass(frozen=True)
class RequestKey:
    provider_agb: str
    reference: str


def key_streams(c: RequestKey) -> list[str]:
    return [req.stream_id(c.provider_agb, c.reference)]


def decide_look(c: RequestKey, histories: Mapping[str, History], _: None, now: datetime) -> Decision[req.Request]:
    """The request as it is: what honouring it needs to know before it decides (a JW315 still open
    becomes a new allocation first)."""
    [stream] = key_streams(c)
    return Decision(reduce(req.evolve, histories[stream], req.Request()))
