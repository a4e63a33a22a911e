"""/docs (Swagger UI) and /redoc, served from npm packages through the app instead of FastAPI's
defaults, which load both from a CDN and show a blank page offline.

The pages carry no inline script (a CSP without 'unsafe-inline' forbids it): Swagger UI starts
from swagger-init.js, served beside this module, which reads the document's URL from a data
attribute; ReDoc's standalone bundle renders the <redoc spec-url> element by itself.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from shared.frontend import vendor_mounts, vendor_url

OWN_PREFIX = "/assets/apidocs"
# Script only from us; the two UIs set inline styles (ReDoc through styled-components, with a
# blob: worker for search), and ReDoc's sidebar links a logo from its vendor's CDN, which
# img-src 'self' keeps from being fetched.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def add_api_docs(app: FastAPI) -> None:
    """Add /docs and /redoc to an app created with docs_url=None and redoc_url=None."""
    title, spec = escape(app.title), escape(app.openapi_url or "/openapi.json")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page(title, f'<link rel="stylesheet" href="{vendor_url("swagger-ui", "swagger-ui.css")}">',
                     f'<div id="swagger-ui" data-openapi-url="{spec}"></div>'
                     f'<script src="{vendor_url("swagger-ui", "swagger-ui-bundle.js")}"></script>'
                     f'<script src="{OWN_PREFIX}/swagger-init.js"></script>')

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page(title, "", f'<redoc spec-url="{spec}"></redoc>'
                     f'<script src="{vendor_url("redoc", "redoc.standalone.js")}"></script>')

    app.router.routes.extend(vendor_mounts("swagger-ui", "redoc"))
    app.router.routes.append(Mount(OWN_PREFIX, StaticFiles(directory=Path(__file__).parent / "static"),
                                   name="apidocs"))


def _page(title: str, head: str, body: str) -> HTMLResponse:
    return HTMLResponse(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                        f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head>'
                        f"<body>{body}</body></html>", headers={"Content-Security-Policy": CSP})
