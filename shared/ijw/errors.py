"""Findings and the error that carries them.

A finding is one broken rule: a level-1 check (XSD, SIZE, DOCTYPE, ENCODING, DEPTH, TEXT,
ATTRIBUTES, XML, NAMESPACE, VALUE, SCHEMA) or a level-2 iJw rule code (CS002, TR101, ...).
Level-1 findings point at a line and column of the input. Level-2 findings name the field in the
model (`field`) and, once translated by the codec, the element path (`location`) and its line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    message: str
    line: int | None = None
    column: int | None = None
    location: str | None = None
    field: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "location": self.location,
            "field": self.field,
        }


class IjwError(ValueError):
    """Raised when a message cannot be decoded or encoded; carries every finding."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        summary = "; ".join(f"{f.rule}: {f.message}" for f in self.findings[:3])
        more = "" if len(self.findings) <= 3 else f" (+{len(self.findings) - 3} more)"
        super().__init__(summary + more)

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.findings]
