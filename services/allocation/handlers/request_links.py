"""A municipality's own JW301 that answers a provider's JW315 names its ReferentieAanbieder
(IV097, TR379). The allocation takes the request's referrer type (iJw 3.2's JW301 has no
Verwijzer; referral monitoring needs it) and the request is honoured, so it leaves the access
team's work list — as when staff honour it here. An allocation issued without a request has no
referrer type: the JW301 cannot say who referred, and none is assumed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.allocation.adapters import projections
from services.allocation.domain import request as req
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.request_decisions import decide_honoured_by_jw301, requested_referrer
from services.allocation.handlers.streams import StagedStreams
from services.allocation.ports import AllocationWork


class RequestLinks:
    """The requests one JW301 names, loaded once, honoured once the JW301 is recorded."""

    def __init__(self, work: AllocationWork) -> None:
        self._uow = work
        self._streams = StagedStreams(work, req.evolve, req.Request())
        self._honoured: dict[str, list[int]] = {}

    async def with_referrers(self, versions: tuple[AllocationVersion, ...]) -> tuple[AllocationVersion, ...]:
        return tuple([await self._linked(v) for v in versions])

    async def _linked(self, version: AllocationVersion) -> AllocationVersion:
        if version.provider_reference is None or version.referrer_type is not None:
            return version
        stream = req.stream_id(version.provider_agb, version.provider_reference)
        referrer = requested_referrer(await self._streams.state(stream), version.municipality,
                                      version.provider_agb, version.client_bsn)
        if referrer is None:
            return version
        self._honoured.setdefault(stream, []).append(version.number)
        return replace(version, referrer_type=referrer)

    async def honour(self, now: datetime) -> None:
        """Only after the JW301's versions were recorded: a refused JW301 honours nothing."""
        for stream, numbers in self._honoured.items():
            state = await self._streams.state(stream)
            self._streams.add(stream, decide_honoured_by_jw301(state, tuple(sorted(set(numbers))), now))
        await projections.project(self._uow.ports, self._streams.append_all(now))
