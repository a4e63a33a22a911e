"""Throttling of failed attempts (wrong passwords, unknown tokens), with the `limits` library.

Only failures are counted, in a moving window per key (an account, a source address): a key
that has failed `limit` times within the window is answered 429 with Retry-After until the oldest
failure leaves the window — for every attempt, the right one too, or the answers would still
tell a guesser when a guess was right. The counts live in the memory of the process (one count
per service); a restart forgets them, which costs a guesser a restart of ours.
"""

from __future__ import annotations

import math
import time

import structlog
from fastapi import HTTPException, status
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

log = structlog.get_logger(__name__)


class Throttle:
    def __init__(self, limit: str, namespace: str) -> None:
        self._item = parse(limit)
        self._namespace = namespace
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def retry_after(self, key: str) -> int | None:
        """Seconds until `key` may try again, or None when it may now."""
        if await self._limiter.test(self._item, self._namespace, key):
            return None
        reset, _ = await self._limiter.get_window_stats(self._item, self._namespace, key)
        return max(1, math.ceil(reset - time.time()))  # the library keeps its windows in wall time

    async def failed(self, key: str) -> None:
        """Counts a failure; the one that fills the window is logged (the refusals after it are
        not, so a guesser cannot flood the log)."""
        await self._limiter.hit(self._item, self._namespace, key)
        if not await self._limiter.test(self._item, self._namespace, key):
            log.warning("auth.throttled", limit=self._namespace, key=key, window=str(self._item))


def too_many(retry_after: int, what: str) -> HTTPException:
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, f"too many {what}; try again in {retry_after} s",
                         headers={"Retry-After": str(retry_after)})
