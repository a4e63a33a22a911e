"""Reading a request body without ever holding more than the limit (413 beyond it)."""

import io
from collections.abc import Callable

from fastapi import HTTPException, Request


async def read_limited(request: Request, limit: int,
                       refused: Callable[[int], HTTPException] | None = None) -> bytes:
    """The body, or `refused(limit)` (by default: too large for a message) once it passes `limit`."""
    refuse = refused or too_large
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise refuse(limit)
    # Written into one buffer as it comes: a list of chunks joined at the end holds a big message
    # twice, and BytesIO hands its buffer over without a copy.
    body = io.BytesIO()
    async for chunk in request.stream():
        if body.tell() + len(chunk) > limit:
            raise refuse(limit)
        body.write(chunk)
    return body.getvalue()


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"a message may be at most {limit // (1024 * 1024)} MB")
