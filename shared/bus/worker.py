"""Runs a handler over a consumer: retry with back-off, then dead-letter, then commit.

A record's offset is committed only after its handler returned or its dead-letter copy was
acknowledged, so a crash anywhere re-delivers and never loses. Handlers must be idempotent
(inbox row in the same transaction as their effects): redelivery is normal, not an error.

Offsets are committed once per polled batch, not per record: a commit is a broker round trip,
and the batch is the unit of cost (design.md §10). If a batch is cut short by an exception (the
dead-letter publish failed, or the task was cancelled), the records handled so far are committed
and the exception propagates. The consumer has by then fetched past the unhandled records, so it
must not be polled again: stop it (stop() commits nothing) and start a fresh one, which resumes
at the committed offset.
"""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog

from shared.bus.port import BatchHandler, Bus, Consumer, Handler, Message, Record

log = structlog.get_logger(__name__)

Sleep = Callable[[float], Awaitable[object]]

DLQ_SUFFIX = ".dlq"
DLQ_HEADERS = ("error", "dlq-source-topic", "dlq-source-partition", "dlq-source-offset")


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` handler calls in all; between them base_delay, doubled each time, capped."""

    attempts: int = 5
    base_delay: float = 0.05
    max_delay: float = 2.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    def delay(self, failed_attempt: int) -> float:
        """The pause after the `failed_attempt`-th failure (1-based)."""
        return min(self.max_delay, self.base_delay * 2 ** (failed_attempt - 1))


def dead_letter(record: Record, error: BaseException) -> Message:
    """The copy of `record` for `<topic>.dlq`: same key, value and headers, plus why and whence."""
    kept = tuple((name, value) for name, value in record.headers if name not in DLQ_HEADERS)
    context = (
        ("error", f"{type(error).__name__}: {error}".encode()),
        ("dlq-source-topic", record.topic.encode()),
        ("dlq-source-partition", str(record.partition).encode()),
        ("dlq-source-offset", str(record.offset).encode()),
    )
    return Message(record.topic + DLQ_SUFFIX, record.key, record.value, kept + context)


class ConsumerWorker:
    def __init__(
        self,
        bus: Bus,
        consumer: Consumer,
        handler: Handler,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Sleep = asyncio.sleep,
        batch_handler: BatchHandler | None = None,
    ) -> None:
        self._bus = bus
        self._consumer = consumer
        self._handler = handler
        self._batch_handler = batch_handler
        self._retry = retry
        self._sleep = sleep

    async def run_once(self, max_records: int = 100, timeout: float = 0.0) -> int:
        """Poll once, handle every record in order, commit; return how many were processed."""
        records = await self._consumer.poll(max_records=max_records, timeout=timeout)
        if len(records) > 1 and self._batch_handler is not None and await self._batch(records):
            await self._consumer.commit(records)
            return len(records)
        done: list[Record] = []
        try:
            for record in records:
                await self._process(record)
                done.append(record)
        finally:
            if done:
                await self._consumer.commit(done)
        return len(done)

    async def run_forever(self, stop: asyncio.Event, poll_timeout: float = 0.5) -> None:
        """Loop until `stop` is set; the poll timeout bounds how late the stop is noticed."""
        while not stop.is_set():
            await self.run_once(timeout=poll_timeout)

    async def _batch(self, records: list[Record]) -> bool:
        try:
            await self._batch_handler(records)  # type: ignore[misc]
            return True
        except Exception as exc:  # take them one by one, with retries; the inbox skips what was applied
            log.info("bus.batch_fell_back", **_where(records[0]), records=len(records), error=repr(exc))
            return False

    async def _process(self, record: Record) -> None:
        for attempt in range(1, self._retry.attempts + 1):
            try:
                await self._handler(record)
                return
            except Exception as exc:
                if attempt == self._retry.attempts:
                    await self._send_to_dlq(record, exc)
                    return
                delay = self._retry.delay(attempt)
                log.warning(
                    "bus.handler_failed",
                    **_where(record),
                    attempt=attempt,
                    retry_in=delay,
                    error=repr(exc),
                )
                await self._sleep(delay)

    async def _send_to_dlq(self, record: Record, exc: Exception) -> None:
        message = dead_letter(record, exc)
        await self._bus.publish([message])
        log.error(
            "bus.dead_lettered",
            **_where(record),
            dlq_topic=message.topic,
            attempts=self._retry.attempts,
            error=repr(exc),
            exc_info=exc,
        )


def _where(record: Record) -> dict[str, object]:
    return {
        "topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
        "key": record.key,
    }
