"""The OpenAPI document of every service, as the embedded app serves it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from services.runtime import create_app, embedded


def every_service_document() -> dict[str, Any]:
    """Built from the routes alone: no database is opened (the folder only names the files)."""
    with tempfile.TemporaryDirectory() as var:
        return create_app(embedded(Path(var))).openapi()
