"""CSRF protection of the workbench's own forms: a signed double-submit token.

The browser gets a random nonce in a cookie of ours; every form carries
HMAC(secret, nonce + session id) in a hidden field, and every POST must send a field that
matches the cookies it arrives with. A forged request from another site can make the browser send
the cookies but cannot read them, so it cannot compute the field; binding the token to the session
means a nonce planted by someone else (a sibling subdomain can set cookies) is useless without the
victim's session. A few lines of the standard library's HMAC rather than a package: the kept
Starlette middlewares check a header only (a form without JavaScript sends none), and this needs
no server-side state in an app that has none.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request, Response

from shared.auth.sessions import SESSION_COOKIE, session_of

CSRF_COOKIE = "happyflow_web_csrf"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Csrf:
    def __init__(self, secret: str) -> None:
        self._key = secret.encode()

    def token(self, request: Request) -> str:
        """The token for forms on this page (a new nonce is set on the response by `keep_nonce`)."""
        return self._sign(_nonce(request), _session(request))

    async def check(self, request: Request) -> None:
        """Raise 403 unless an unsafe request carries the token of the cookies it came with."""
        if request.method in SAFE_METHODS:
            return
        nonce = request.cookies.get(CSRF_COOKIE)
        sent = (await request.form()).get(CSRF_FIELD)
        expected = self._sign(nonce or "", _session(request))
        if not nonce or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
            raise HTTPException(403, "csrf")

    def _sign(self, nonce: str, session: str) -> str:
        return hmac.new(self._key, f"{nonce}|{session}".encode(), hashlib.sha256).hexdigest()


def _session(request: Request) -> str:
    """The session the token is bound to: its id, which every service's renewal of the cookie's
    activity stamp leaves as it is (a page rendered before a renewal still posts)."""
    return session_of(request.cookies.get(SESSION_COOKIE, ""))


def _nonce(request: Request) -> str:
    if CSRF_COOKIE in request.cookies:
        return request.cookies[CSRF_COOKIE]
    if not hasattr(request.state, "new_csrf_nonce"):
        request.state.new_csrf_nonce = secrets.token_urlsafe(32)
    return str(request.state.new_csrf_nonce)


def keep_nonce(request: Request, response: Response) -> None:
    """Set the nonce cookie when this request made one."""
    nonce = getattr(request.state, "new_csrf_nonce", None)
    if nonce is not None:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
