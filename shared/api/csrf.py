"""Cross-site request forgery: a change made with the staff session cookie needs a token that
only the caller's own pages can know (double-submit cookie, `starlette-csrf`).

A browser sends the session cookie (`happyflow_session`) with every request to our host,
whichever page made it. SameSite=Strict keeps it off requests from other sites, but not from
another origin of the same site (another port, a sibling host) nor from a browser that ignores
SameSite. So every unsafe request (POST, PUT, PATCH, DELETE) that carries the session cookie
must also carry the token twice: as the `csrftoken` cookie, which every answer to a request
without one sets (signed with the session secret, so every service accepts the token another
one set), and as the `X-CSRFToken` header with the same value. A page of another origin can
make the browser send cookies, but can neither read them nor add a header without a CORS
preflight, which no service allows. A request without the session cookie (a bearer token: the
gateway protocol, scripts) carries no ambient credential and is not checked.

What the staff workbench sends when it calls a service for the signed-in user:

    Cookie: happyflow_session=<the user's session>; csrftoken=<token>
    X-CSRFToken: <token>

where <token> is the `csrftoken` cookie of an earlier answer (the sign-in's has one), kept with
the user's session. Without it, or with another value, the answer is 403 with a problem
document of type `urn:happyflow:problem:csrf`, and nothing changes.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp
from starlette_csrf import CSRFMiddleware

from shared.api.problems import CSRF, problem_response
from shared.auth.sessions import SESSION_COOKIE

CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "X-CSRFToken"
NOT_AN_API = re.compile(r"^/(?!(auth|gateway|allocation|invoicing|payments)(/|$))")
"""The workbench's pages, mounted beside the APIs in the embedded default: its forms carry a
token of their own (services/web/csrf.py), which a form without JavaScript can send; a header
it cannot."""


class CsrfGuard(CSRFMiddleware):
    def __init__(self, app: ASGIApp, secret: str) -> None:
        super().__init__(app, secret, sensitive_cookies={SESSION_COOKIE}, cookie_name=CSRF_COOKIE,
                         exempt_urls=[NOT_AN_API],
                         header_name=CSRF_HEADER.lower(), cookie_samesite="strict")

    def _get_error_response(self, request: Request) -> Response:
        return problem_response(403, f"a change made with the session cookie needs the {CSRF_COOKIE} cookie "
                                f"and the same value in the {CSRF_HEADER} header", request.url.path, type=CSRF)
