"""Front-end packages from npm, served by the apps themselves: never from a CDN, which an offline
machine or a council network cannot reach.

`package.json` and its lock file sit at the repository root; `make install` runs `npm ci` into
`./node_modules` (ignored by git). Only the folders named here are served, so nothing else from
node_modules (sources, maps of other packages, install scripts) is reachable over HTTP.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

VENDOR_PREFIX = "/assets/vendor"

# URL name -> folder inside node_modules.
PACKAGES: dict[str, str] = {
    "swagger-ui": "swagger-ui-dist",
    "redoc": "redoc/bundles",
    "htmx": "htmx.org/dist",
    "nlds-components": "@utrecht/component-library-css/dist",
    "nlds-theme": "@nl-design-system-unstable/voorbeeld-design-tokens/dist",
    "noto-sans": "@fontsource/noto-sans",
    "noto-serif": "@fontsource/noto-serif",
}


def node_modules() -> Path:
    """`HAPPYFLOW_NODE_MODULES` when set (an image that installs them elsewhere), else the
    repository's own folder."""
    configured = os.environ.get("HAPPYFLOW_NODE_MODULES")
    return Path(configured) if configured else Path(__file__).resolve().parents[1] / "node_modules"


def vendor_url(name: str, file: str) -> str:
    return f"{VENDOR_PREFIX}/{name}/{file}"


def vendor_mounts(*names: str) -> list[Mount]:
    """Static routes for the named packages; a package that is not installed answers 404 (the
    pages still work, unstyled) rather than stopping the service."""
    root = node_modules()
    return [Mount(f"{VENDOR_PREFIX}/{name}", StaticFiles(directory=root / PACKAGES[name], check_dir=False),
                  name=f"vendor-{name}")
            for name in names]


def missing(*names: str) -> list[str]:
    """Which of the named packages are missing (for a warning at start)."""
    return [name for name in names if not (node_modules() / PACKAGES[name]).is_dir()]
