"""Sign-in by form and sign-out. The workbench asks the gateway and passes the session cookie it
sets on to the browser: the user's session is the gateway's, the workbench keeps none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import ApiError, SignInRequired
from services.web.clients.gateway import GatewayClient
from services.web.context import Workbench, redirect


@dataclass
class SignInView:
    username: str = ""
    back: str = "/"
    errors: dict[str, str] = field(default_factory=dict)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/aanmelden")
    async def sign_in_form(request: Request, terug: str = "/") -> Response:
        return wb.render(request, "sign_in.html", SignInView(back=local_path(terug)), None)

    @routes.post("/aanmelden")
    async def sign_in(request: Request, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
                      terug: Annotated[str, Form()] = "/") -> Response:
        view = SignInView(username.strip(), local_path(terug))
        view.errors = {k: v for k, v in (("username", "" if view.username else "empty"),
                                          ("password", "" if password else "empty")) if v}
        if not view.errors:
            try:
                answer = await GatewayClient(wb.api(request)).log_in(view.username, password)
            except SignInRequired:
                view.errors = {"password": "wrong"}
            else:
                return _passing_cookies(answer.headers.get_list("set-cookie"), redirect(view.back))
        return wb.render(request, "sign_in.html", view, None, status=400 if "wrong" not in view.errors.values() else 401)

    @routes.post("/afmelden")
    async def sign_out(request: Request) -> Response:
        try:
            answer = await GatewayClient(wb.api(request)).log_out()
            cookies = answer.headers.get_list("set-cookie")
        except ApiError:
            cookies = []  # the session had already ended
        return _passing_cookies(cookies, redirect("/aanmelden", "signed_out"))

    return routes


def _passing_cookies(set_cookies: list[str], response: Response) -> Response:
    for header in set_cookies:
        response.headers.append("set-cookie", header)
    return response


def local_path(path: str, otherwise: str = "/") -> str:
    """Only a path on this site: a link must not send anyone elsewhere after signing in or acting."""
    parts = urlsplit(path)
    safe = path.startswith("/") and not path.startswith("//") and "\\" not in path and not parts.netloc
    return path if safe else otherwise
