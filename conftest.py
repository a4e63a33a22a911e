"""Suite-wide plugins, and a closing summary that shows the real adapters were exercised."""

from __future__ import annotations

from collections import Counter

import pytest

pytest_plugins = ["tests.support.postgres", "tests.support.kafka", "tests.support.distribution"]

REAL_COMPONENTS = ("postgres", "kafka")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts: dict[str, Counter[str]] = {name: Counter() for name in REAL_COMPONENTS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            parts = {part for key in getattr(report, "keywords", {}) for part in str(key).split("-")}
            for name in REAL_COMPONENTS:
                if name in parts and (report.when == "call" or outcome in ("skipped", "error")):
                    counts[name][outcome] += 1
    terminalreporter.section("real components")
    for name, counter in counts.items():
        shown = ", ".join(f"{n} {o}" for o, n in sorted(counter.items())) or "none ran"
        terminalreporter.write_line(f"{name:>8}: {shown}")
