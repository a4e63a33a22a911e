"""FastAPI pieces of authentication: reading the bearer token, and the errors every API uses."""

from __future__ import annotations

from fastapi import HTTPException, Request, status


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized()
    return token.strip()


def unauthorized() -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid bearer token is required",
                         headers={"WWW-Authenticate": "Bearer"})


def not_found(what: str = "message") -> HTTPException:
    """Outside the caller's scope looks exactly like not there at all (design.md §7)."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no such {what}")


def source_of(request: Request) -> str:
    """The address a request came from, as the server saw it (uvicorn takes X-Forwarded-For only
    from the proxies FORWARDED_ALLOW_IPS trusts)."""
    return request.client.host if request.client else "?"
