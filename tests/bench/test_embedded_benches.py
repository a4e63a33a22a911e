"""Smoke tests of the embedded benchmarks at tiny sizes: each runs and prints the figures it names,
with its raw limits and targets. They measure nothing here: benchmarks measure, tests do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.bench import intake, memory, national, rebuild
from services.catalog import SERVICES
from tests.support.postgres import create_database


def test_bench_intake_prints_its_rate_cpu_limits_and_targets(capsys):
    assert intake.run(20) == 0
    out = capsys.readouterr().out
    for figure in ("POST → JW325 in the mailbox", "process CPU over the same span", "limit: lxml decode + XSD",
                   "limit: one event per line", "target embedded intake: ≥ 5,000 lines/s",
                   "target embedded intake: ≥ 50% of the slower raw limit"):
        assert figure in out


def test_bench_memory_prints_the_peak_above_idle_beside_the_codec_alone(capsys):
    assert memory.run(300) == 0
    out = capsys.readouterr().out
    for figure in ("idle (runtime open, master data in place)", "peak above idle", "  reached in",
                   "limit: the codec alone, peak above idle", "target memory: ≤ 256 MB above idle"):
        assert figure in out
    assert out.count("  raised by ") == memory.STEPS_SHOWN  # which steps take the memory


async def test_bench_rebuild_replays_every_service_on_sqlite(tmp_path: Path, capsys):
    await rebuild.measure("SQLite", tmp_path / "var", 50, None, f"sqlite+aiosqlite:///{tmp_path / 'limit.db'}")
    out = capsys.readouterr().out
    assert "projection rebuild on SQLite" in out
    assert all(f"{name}: " in out for name in SERVICES)
    for figure in ("all services", "limit: reading the same events", "limit: one event per line",
                   "target rebuild on SQLite: ≥ 20,000 events/s"):
        assert figure in out


@pytest.mark.postgres
async def test_bench_rebuild_replays_every_service_on_postgres(tmp_path: Path, capsys, postgres_cluster):
    databases = {}
    for name in (*SERVICES, "limit"):
        await create_database(postgres_cluster, f"bench_{name}_{tmp_path.name[-8:]}".lower().replace("-", "_"))
        databases[name] = postgres_cluster.url(f"bench_{name}_{tmp_path.name[-8:]}".lower().replace("-", "_"))
    scratch = databases.pop("limit")
    await rebuild.measure("PostgreSQL", tmp_path / "var", 50, databases, scratch)
    out = capsys.readouterr().out
    assert "projection rebuild on PostgreSQL" in out
    assert all(f"{name}: " in out for name in SERVICES)
    assert "target rebuild on PostgreSQL" in out


def test_only_a_month_of_about_full_size_is_judged_against_the_national_target():
    assert national._target(497_409, 280.0).reached is True
    assert national._target(497_409, 320.0).reached is False
    part = national._target(50_000, 54.0)
    assert part.reached is None and "a month at this rate: 540 s" in part.measured
