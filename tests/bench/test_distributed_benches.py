"""Smoke tests of the benchmarks on the distributed deployment (deploy/local's processes, with a
second invoicing process in the consumer group), at tiny sizes and on one deployment: each prints
the figures it names, with its raw limits and its target. The invoicing group's JW325s compare
identical to a one-process run, and the comparison fails, naming the declaration, when one differs."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.bench import distributed, group, national
from services.bench.deployed import Deployed
from services.bench.workload import municipality_codes, plan, provider_codes, single
from tests.support.distributed import QUICK_GROUPS

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]


@pytest.fixture(scope="module")
def deployed(postgres_cluster, kafka_bootstrap) -> Iterator[Deployed]:
    # The fixtures prove the binaries exist (and fail under CI when they do not); the deployment
    # starts its own cluster and broker, as `happyflow bench` does; its groups join sooner.
    with Deployed(invoicing=2, env=QUICK_GROUPS) as running:
        yield running


async def test_bench_distributed_prints_post_to_jw325_beside_its_limits(deployed, tmp_path: Path, capsys):
    await distributed.measure(deployed, single(120, first=1, prefix="D"), tmp_path)
    out = capsys.readouterr().out
    for figure in ("POST → JW325 in the mailbox", "gateway receipt (202)", "limit: lxml decode + XSD",
                   "limit: one event per line, one transaction (PostgreSQL, fsync on)", "limit: Kafka produce",
                   "limit: Kafka consume", "target distributed intake: ≥ 2,000 lines/s"):
        assert figure in out


async def test_bench_national_prints_the_time_to_the_last_jw325(deployed, tmp_path: Path, capsys):
    work = plan(600, municipality_codes(3), provider_codes(4), first=10_001, prefix="N")
    await national.measure(deployed, work, tmp_path)
    out = capsys.readouterr().out
    assert "national month: 600 lines, 6 JW323s, 3 municipalities, 4 providers" in out
    for figure in ("first POST → last JW325", "all JW323s accepted (202)", "limit: lxml decode + XSD",
                   "limit: Kafka produce", "target national month: < 300 s for 500,000 lines"):
        assert figure in out
    # 600 lines say nothing about whether a month makes it: the verdict stays open.
    assert "600 lines (a month at this rate:" in out and out.rstrip().endswith("not judged")


async def test_two_invoicing_processes_answer_as_one_and_a_difference_is_caught(deployed, tmp_path: Path, capsys):
    first, repeats = group.workload(900, 4, 3, start=20_001)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    expected = await group.one_process(first, repeats, tmp_path / "one")
    seen, seconds, held = await group.two_processes(deployed, first, repeats, tmp_path / "two")
    assert len(expected) == len(first) + len(repeats)
    assert any("9389" in line[3] for answer in expected.values() for line in answer["lines"])
    assert group.compare(expected, seen, 1350, seconds, held) == 0
    out = capsys.readouterr().out
    assert "target JW325s of the group: identical to one process; measured identical: reached" in out
    assert "records in invoicing's intake partitions" in out and "records in invoicing-2's intake partitions" in out

    changed = copy.deepcopy(seen)
    ident = next(i for i in sorted(changed) if changed[i]["lines"])  # a JW325 lists the refused lines
    bsn, reference, amount, codes = changed[ident]["lines"][0]
    changed[ident]["lines"][0] = (bsn, reference, amount, (*codes, "8001"))
    assert group.compare(expected, changed, 1350, seconds, held) == 1
    out = capsys.readouterr().out
    assert f"{ident}: differs (1 lines" in out and "measured 1 differ: NOT reached" in out
