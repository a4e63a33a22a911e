"""The durable bus keeps what a process acknowledged: its log and committed offsets outlive the
process (the Kafka contract itself is in tests/contract/test_bus.py, run on this bus too)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shared.bus import BusInUse, Message, SqliteBus
from tests.support.kafka import poll_until

ROOT = Path(__file__).resolve().parents[2]


async def started(path: Path, **options: float) -> SqliteBus:
    bus = SqliteBus(path, **options)  # type: ignore[arg-type]
    await bus.start()
    return bus


async def test_a_group_resumes_at_its_committed_offset_in_a_new_process(tmp_path: Path) -> None:
    bus = await started(tmp_path / "bus.db")
    await bus.publish([Message("t", "k", b"%d" % i) for i in range(5)])
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    received = await poll_until(consumer, 5)
    await consumer.commit(received[:3])
    await bus.stop()  # as good as a kill for the group: nothing is committed on the way out
    again = await started(tmp_path / "bus.db")
    resumed = again.consumer("g", ["t"])
    await resumed.start()
    assert [r.value for r in await poll_until(resumed, 2)] == [b"3", b"4"]
    await again.publish([Message("t", "k", b"5")])
    assert [(r.offset, r.value) for r in await poll_until(resumed, 1)] == [(5, b"5")]
    await again.stop()


async def test_a_second_process_on_the_same_file_is_refused_until_the_first_stops(tmp_path: Path) -> None:
    first = await started(tmp_path / "bus.db")
    with pytest.raises(BusInUse, match="in use by another process"):
        await SqliteBus(tmp_path / "bus.db").start()
    await first.stop()
    second = await started(tmp_path / "bus.db")
    await second.stop()


async def test_retention_drops_only_what_every_group_committed(tmp_path: Path) -> None:
    bus = await started(tmp_path / "bus.db", partitions=1)
    fast, slow = bus.consumer("fast", ["t"]), bus.consumer("slow", ["t"])
    await fast.start()
    await slow.start()
    await bus.publish([Message("t", "k", b"%d" % i) for i in range(4)])
    await fast.commit(await poll_until(fast, 4))
    await slow.commit((await poll_until(slow, 4))[:1])
    await bus.prune()
    await bus.stop()
    bus = await started(tmp_path / "bus.db", partitions=1)
    late = bus.consumer("slow", ["t"])
    await late.start()
    assert [r.value for r in await poll_until(late, 3)] == [b"1", b"2", b"3"]
    await bus.stop()


async def test_records_no_group_reads_are_kept_for_the_retention_period(tmp_path: Path) -> None:
    bus = await started(tmp_path / "bus.db", partitions=1)
    await bus.publish([Message("t.dlq", "k", b"dead")])
    await bus.prune()
    reader = bus.consumer("operator", ["t.dlq"])
    await reader.start()
    assert [r.value for r in await poll_until(reader, 1)] == [b"dead"]
    await bus.stop()


async def test_a_publish_acknowledged_just_before_a_kill_is_delivered_after_it(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import asyncio, os, signal
        from pathlib import Path
        from shared.bus import Message, SqliteBus

        async def main():
            bus = SqliteBus(Path({str(tmp_path / "bus.db")!r}))
            await bus.start()
            await bus.publish([Message("t", "k", b"acknowledged")])
            os.kill(os.getpid(), signal.SIGKILL)

        asyncio.run(main())
    """)
    done = await asyncio.to_thread(subprocess.run, [sys.executable, "-c", script], cwd=ROOT,
                                   capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    bus = await started(tmp_path / "bus.db")  # the dead process's lock went with it
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    assert [r.value for r in await poll_until(consumer, 1)] == [b"acknowledged"]
    await bus.stop()


async def test_a_poll_hands_out_big_records_a_few_megabytes_at_a_time_in_order(tmp_path: Path) -> None:
    """The parts of a settled declaration are megabytes each: a poll holds a few, never none."""
    bus = await started(tmp_path / "bus.db", partitions=1)
    big = 3 * 1024 * 1024
    await bus.publish([Message("t", "k", bytes([i]) * big) for i in range(4)])
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    polls = []
    while records := await consumer.poll(max_records=100):
        polls.append([r.offset for r in records])
        await consumer.commit(records)
    assert polls == [[0, 1], [2, 3]]
    await bus.stop()
