"""Deterministic drain for tests of the in-memory bus: no sleeps, no background tasks."""

from collections.abc import Sequence

from shared.bus.worker import ConsumerWorker


async def drain(workers: Sequence[ConsumerWorker], max_rounds: int = 10_000) -> int:
    """Run each worker once, round-robin, until a whole round processes nothing.

    Handlers may publish, so one worker's output can feed another's input in a later round.
    Returns how many records were processed in all. A cascade that never settles (a handler
    publishing to its own topic on every record, say) raises instead of spinning forever.
    """
    total = 0
    for _ in range(max_rounds):
        processed = 0
        for worker in workers:
            processed += await worker.run_once()
        if processed == 0:
            return total
        total += processed
    raise RuntimeError(f"bus did not drain within {max_rounds} rounds ({total} records processed)")
