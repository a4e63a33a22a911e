"""The outcome part of payments (issue 17, item 6): the allocation service's allocations and
stops kept for the indicators (client by pseudonym), the providers' scores imported from a CSV
(refused whole with every problem), and outcome clauses settled for a closed period into the
payment book."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from services.payments.adapters.procurement_terms import clauses_of, reentry_days
from services.payments.adapters.region_terms import contract_for, contracts_of
from services.payments.context import Payments, PaymentsWork
from services.payments.domain.errors import PaymentsError
from services.payments.domain.outcome_clauses import SettleOutcomes, decide_settle_outcomes
from services.payments.domain.outcome_events import SCORES_STREAM, OutcomeScoresImported
from services.payments.domain.outcome_measures import measure
from services.payments.domain.outcome_periods import Period
from services.payments.domain.outcome_scores import Problem, Score, read_scores, score_rows
from services.payments.domain.outcomes import cases
from services.payments.handlers.book import book_command
from services.payments.handlers.financing import ALLOCATION
from services.payments.ports import AllocationFact, PaymentsPorts, StopFact
from shared.audit import AuditEntry
from shared.commands import Append, Command, Decision, History
from shared.events.envelope import Envelope
from shared.exchange.allocation import AllocationPublished, DeliveryReported
from shared.persistence.inbox import Apply


class ScoresRefused(PaymentsError):
    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the file; nothing was imported")
        self.problems = problems


def outcome_consumer(ctx: Payments) -> Apply:
    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        facts = uow.ports.region_facts
        if envelope.type == AllocationPublished.TYPE:
            a: AllocationPublished = ALLOCATION.decode(envelope)
            await facts.record_allocation(AllocationFact(
                a.municipality, a.allocation_number, await facts.pseudonym(a.client_bsn), a.provider_agb,
                a.product.code if a.product else None, a.start, a.deleted))
        elif envelope.type == DeliveryReported.TYPE:
            d: DeliveryReported = ALLOCATION.decode(envelope)
            if d.kind not in ("stopped", "stop_withdrawn"):
                return
            stopped = d.kind == "stopped" and d.end is not None
            await facts.record_stop(StopFact(
                d.municipality, d.allocation_number, d.product.code if d.product else None, d.begin, d.provider_agb,
                d.end if stopped else None, d.reason if stopped else None))

    return apply


async def import_scores(ctx: Payments, text: str, filename: str, audit: AuditEntry) -> tuple[Score, ...]:
    """Validates the whole file first; nothing is stored unless every row is right. Returns the
    scores stored (the projection of OutcomeScoresImported keeps them)."""
    return await ctx.commands(IMPORT_SCORES, (text, filename, audit, str(uuid.uuid4())))  # type: ignore[no-any-return]


async def _known(ports: PaymentsPorts, _: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The region's providers and products, which every row must name."""
    known = await ports.region_facts.sections()
    return (frozenset(p["agb"] for p in known.get("providers", [])),
            frozenset(p["code"] for p in known.get("products", [])))


def _decide_import(given: tuple[str, str, AuditEntry, str], history: Mapping[str, History],
                   known: tuple[frozenset[str], frozenset[str]], now: datetime) -> Decision[tuple[Score, ...]]:
    text, filename, audit, import_id = given
    scores, problems = read_scores(text, *known)
    if problems:
        raise ScoresRefused(problems)
    event = OutcomeScoresImported(import_id, filename[:120], audit.user, score_rows(scores))
    return Decision(scores, appends=[Append(SCORES_STREAM, len(history[SCORES_STREAM]), [event])], audit=[audit])


IMPORT_SCORES: Command = Command(lambda _: [SCORES_STREAM], _decide_import, _known)


async def measured_clauses(ctx: Payments, period: Period) -> list[tuple[Any, Any]]:
    """Every outcome clause of the region with what it measures over `period`."""
    facts = ctx.queries.region_facts
    known = await facts.sections()
    contracts = contracts_of(known.get("contracts", []))
    clauses = clauses_of(known.get("procurement"), contracts)
    region = sorted(known.get("budgets", {}))
    trajectories = await facts.trajectories(region, period)
    starts = await facts.starts_after({t.client for t in trajectories}, period.first)
    scores = await facts.scores(period)
    found = cases(trajectories, starts, reentry_days(known.get("procurement")), ctx.clock.today())
    measured = []
    for clause in clauses:
        chosen = [c for c in found if getattr(contract_for(contracts, c.trajectory.provider,
                                                           c.trajectory.municipality), "contract_id", None)
                  == clause.contract_id]
        measured.append((clause, measure(clause, chosen, scores)))
    return measured


async def settle_outcomes(ctx: Payments, period: Period, by: str, audit: AuditEntry) -> list[Any]:
    command = SettleOutcomes(period, tuple(await measured_clauses(ctx, period)), ctx.clock.today(), by)
    return await book_command(ctx, decide_settle_outcomes, command, audit)
