"""One subscription's place in its consumer group, as the runtime keeps it: joining (which takes
seconds with Kafka), consuming, and leaving and joining again when its worker fails."""

from __future__ import annotations

import asyncio

import structlog

from shared.bus.port import Bus, Consumer, Progress
from shared.bus.worker import ConsumerWorker
from shared.persistence.inbox import IdempotentHandler
from shared.service import Subscription

log = structlog.get_logger(__name__)


class Member:
    def __init__(self, bus: Bus, subscription: Subscription) -> None:
        self._bus = bus
        self.subscription = subscription
        self.consumer: Consumer | None = None
        self.worker: ConsumerWorker | None = None

    @property
    def group(self) -> str:
        return self.subscription.group

    @property
    def joined(self) -> bool:
        return self.worker is not None

    async def join(self) -> ConsumerWorker:
        if self.worker is not None:
            return self.worker
        consumer = self._bus.consumer(self.group, self.subscription.topics)
        await consumer.start()
        handler = self.subscription.handler
        batch = handler.batch if isinstance(handler, IdempotentHandler) else None
        self.consumer, self.worker = consumer, ConsumerWorker(self._bus, consumer, handler, batch_handler=batch)
        return self.worker

    async def leave(self) -> None:
        consumer, self.consumer, self.worker = self.consumer, None, None
        if consumer is None:
            return
        try:
            await consumer.stop()
        except Exception:  # leaving is best effort: a member that vanished is dropped by the group
            log.warning("consumer.leave_failed", group=self.group, exc_info=True)

    async def progress(self) -> Progress | None:
        """Where this member's partitions stand; None until joined (or when the broker is away)."""
        if self.consumer is None:
            return None
        try:
            return await self.consumer.progress()
        except Exception as error:  # a status report never fails for a broker hiccup
            log.warning("consumer.progress_unknown", group=self.group, error=repr(error))
            return None

    async def run(self, stop: asyncio.Event, rejoin_seconds: float) -> None:
        """Join, then consume until `stop`. A worker that fails (say, the dead-letter publish
        failed) must not be polled again: leave the group, wait, and join afresh from the last
        committed offset. A join that fails (the broker is away) is tried again the same way."""
        while not stop.is_set():
            try:
                worker = await self.join()
                await worker.run_forever(stop)
            except Exception:
                log.exception("consumer failed; rejoining", group=self.group)
                await self.leave()
                try:
                    await asyncio.wait_for(stop.wait(), rejoin_seconds)
                except TimeoutError:
                    pass
