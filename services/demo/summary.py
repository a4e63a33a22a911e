"""Counting a scenario: messages per code, lines, expected approvals and codes, amounts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from services.demo.outgoing import ExpectedLine
from services.demo.scenario import Scenario


@dataclass(frozen=True)
class Summary:
    messages: dict[str, int]
    """JW code → count, in sending order of first appearance."""
    lines: int
    approved: int
    by_code: dict[str, int]
    """Retourcode → lines expected to get it (a line may count under several codes)."""
    mistakes: dict[str, int]
    declared: int
    """Σ signed IngediendBedrag of every line, eurocents."""
    approved_amount: int

    def as_json(self) -> dict:
        return {"messages": self.messages, "lines": self.lines, "expected_approved": self.approved,
                "expected_codes": self.by_code, "mistakes": self.mistakes, "declared_cents": self.declared,
                "expected_approved_cents": self.approved_amount}


def summarise(scenario: Scenario) -> Summary:
    lines: list[ExpectedLine] = scenario.lines
    messages = Counter(f"JW{m.message.code}" for m in scenario.messages)
    codes = Counter(code for line in lines for code in line.codes)
    mistakes = Counter(line.mistake for line in lines if line.mistake is not None)
    return Summary(dict(messages), len(lines), sum(line.approves for line in lines), dict(sorted(codes.items())),
                   dict(sorted(mistakes.items())), sum(line.amount for line in lines),
                   sum(line.amount for line in lines if line.approves))
