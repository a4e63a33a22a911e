"""Reading a request body without ever holding more than the limit (413 beyond it)."""

import io
from collections.abc import AsyncIterator, Callable

from fastapi import HTTPException, Request

from services.gateway.handlers.received import ReceivedBytes


async def read_limited(request: Request, limit: int,
                       refused: Callable[[int], HTTPException] | None = None) -> bytes:
    """The body, or `refused(limit)` (by default: too large for a message) once it passes `limit`."""
    # Written into one buffer as it comes: a list of chunks joined at the end holds a big message
    # twice, and BytesIO hands its buffer over without a copy.
    body = io.BytesIO()
    async for chunk in _limited(request, limit, refused or too_large):
        body.write(chunk)
    return body.getvalue()


async def spool_limited(request: Request, limit: int) -> ReceivedBytes:
    """The body hashed and spooled as it comes (handlers/received.py), or 413 once it passes
    `limit`; the caller closes it."""
    received = ReceivedBytes()
    try:
        async for chunk in _limited(request, limit, too_large):
            received.write(chunk)
    except BaseException:
        received.close()
        raise
    return received


async def _limited(request: Request, limit: int, refuse: Callable[[int], HTTPException]) -> AsyncIterator[bytes]:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise refuse(limit)
    read = 0
    async for chunk in request.stream():
        read += len(chunk)
        if read > limit:
            raise refuse(limit)
        yield chunk


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"a message may be at most {limit // (1024 * 1024)} MB")
