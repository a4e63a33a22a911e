"""What in the process still refers to a value: bytes an SQL adapter wrote must not stay in memory."""

from __future__ import annotations

import gc
import inspect


def held_by(value: object) -> list[object]:
    """The objects referring to `value`, besides running frames and coroutines (the test's own
    locals)."""
    gc.collect()
    return [r for r in gc.get_referrers(value) if not (inspect.isframe(r) or inspect.iscoroutine(r))]
