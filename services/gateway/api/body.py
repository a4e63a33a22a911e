"""Reading a request body without ever holding more than the limit (413 beyond it)."""

from collections.abc import Callable

from fastapi import HTTPException, Request


async def read_limited(request: Request, limit: int,
                       refused: Callable[[int], HTTPException] | None = None) -> bytes:
    """The body, or `refused(limit)` (by default: too large for a message) once it passes `limit`."""
    refuse = refused or too_large
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise refuse(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise refuse(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"a message may be at most {limit // (1024 * 1024)} MB")
