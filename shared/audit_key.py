"""The region's audit key: what the client pseudonyms in the audit log are computed with.

It must be the same at every service and across restarts, or an auditor's search by BSN would
miss entries. In production it is a setting (`HAPPYFLOW_<SERVICE>_AUDIT_KEY`, one value for all
services). The embedded default keeps it in `audit.key` beside its SQLite files, made once with
owner-only permissions, so `make run` works without configuration and a restart keeps it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from shared.settings import ServiceSettings, SettingsError

KEY_FILE = "audit.key"


def audit_key(settings: ServiceSettings) -> bytes:
    if settings.audit_key:
        return settings.audit_key.encode("utf-8")
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        prefix = settings.model_config.get("env_prefix", "")
        raise SettingsError(f"{prefix}AUDIT_KEY: required with this database (32+ characters, "
                            "the same at every service)")
    return key_in(Path(url.database).parent).encode("utf-8")


def key_in(folder: Path) -> str:
    """The key kept in `folder` (the embedded default's data folder), made on first use."""
    path = folder / KEY_FILE
    folder.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w") as out:  # first start: only this process got to create it
        out.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()
