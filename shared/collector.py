"""The cyclic garbage collector's pace for a serving process (design.md §10).

A declaration of 10,000 lines becomes a few hundred thousand short-lived objects (lines,
outcomes, events, rows) in one consumer batch, while the process already holds a large heap of
long-lived ones (modules, schemas, SQLAlchemy's compiled statements, the app). With CPython's
default thresholds (700, 10, 10) such a batch sets off a dozen full collections, each walking
the whole heap: measured at 2.3–3.9 s of a 10,000-line intake of 5–7 s (bench intake). Those
objects die by reference counting anyway; cycles are rare in them. Collecting the young
generation every 10,000 net allocations instead of 700 leaves a full collection to every two
million, which is a few per big declaration and still bounds how long a cycle's garbage lives.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (10_000, 20, 10)


def pace_for_batches() -> None:
    """Idempotent; called when a runtime opens, so every serving process (and bench) runs so."""
    gc.set_threshold(*THRESHOLDS)


_pauses = 0


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while a consumer applies a batch: the batch's objects are freed by
    reference counting as it goes, and what cycles it leaves are collected after it (the young
    generation's next collection). Nested and interleaved batches keep it paused until the last
    one ends; a process that disabled the collector itself is left as it was."""
    global _pauses
    if _pauses == 0 and not gc.isenabled():
        yield
        return
    _pauses += 1
    gc.disable()
    try:
        yield
    finally:
        _pauses -= 1
        if _pauses == 0:
            gc.enable()
