"""Who to tell when a unit of work of this process commits outbox rows.

The relay of a process listens here so that it publishes a committed row at once instead of at
its next poll; rows other processes write still wait for that poll. Listeners are plain callables
(the relay passes its own asyncio.Event's `set`), so the store holds nothing bound to a loop.
"""

from __future__ import annotations

from collections.abc import Callable


class OutboxWatchers:
    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def watch(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after each commit that wrote outbox rows; returns how to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def committed(self) -> None:
        for listener in list(self._listeners):
            listener()
