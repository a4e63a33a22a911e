"""Structured logging (structlog), as console lines or JSON, with BSNs masked.

A BSN is personal data; it belongs in events and stored messages (the business record), never
in application logs (design.md §7). The masking processor runs last before rendering, so no
call site can forget it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import structlog
from stdnum.nl import bsn

NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
MASK = "*********"
BSN_KEYS = frozenset({"bsn", "burgerservicenummer"})


def _mask_text(text: str) -> str:
    return NINE_DIGITS.sub(lambda m: MASK if bsn.is_valid(m.group()) else m.group(), text)


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        return _mask_text(value)
    if isinstance(value, dict):
        return {k: MASK if str(k).lower() in BSN_KEYS else _mask(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mask(v) for v in value)
    return value


def mask_bsn(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    return _mask(event_dict)


def configure_logging(fmt: str = "console", level: str = "INFO") -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer() if fmt == "json"
        else structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            mask_bsn,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping()[level]),
        cache_logger_on_first_use=False,
    )
