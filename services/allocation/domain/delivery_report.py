"""A provider's JW305 (start) or JW307 (stop) as one command (shared/commands.py): each product
is decided on its delivery stream against the allocation it names (TR019), and the message is
recorded only when no product is refused (IV032: a level-3 error rejects it all). The result
names each product's refusal (None: accepted), for the JW306 / JW308 the handler's command adds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.allocation.domain import delivery
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.delivery_decisions import ReportStart, ReportStop, decide_start, decide_stop
from services.allocation.domain.integration import delivery_reported
from services.allocation.domain.staged import Refusals, Staged, all_or_nothing
from shared.clock import AMSTERDAM
from shared.commands import Decision, History, Publish

Report = ReportStart | ReportStop
NamedAllocations = Mapping[tuple[str, int], AllocationVersion | None]
"""The effective version of each allocation the message names (None: unknown here)."""


@dataclass(frozen=True)
class ReportDeliveries:
    reports: tuple[Report, ...]


def streams(c: ReportDeliveries) -> list[str]:
    return list(dict.fromkeys(delivery.stream_id(r.municipality, r.number) for r in c.reports))


def decide_deliveries(c: ReportDeliveries, histories: Mapping[str, History], allocations: NamedAllocations,
                      now: datetime) -> Decision[Refusals]:
    local = now.astimezone(AMSTERDAM)
    staged = Staged(histories, delivery.evolve, delivery.Delivery())

    def stage(report: Report) -> None:
        stream = delivery.stream_id(report.municipality, report.number)
        allocation = allocations.get((report.municipality, report.number))
        if isinstance(report, ReportStart):
            staged.add(stream, decide_start(report, staged.state(stream), local, allocation))
        else:
            staged.add(stream, decide_stop(report, staged.state(stream), local, allocation))

    return all_or_nothing(staged, c.reports, stage,
                          lambda stream, e: Publish(delivery_reported(e.event), stream, e.tenant))
