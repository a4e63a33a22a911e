"""A region file's problems, each with where it is (the key's path and its line) and the rule it
breaks, so that a person can fix the file in one go: the command line prints them, the gateway's
API returns them, the workbench says each rule in Dutch.

A rule is pydantic's error type for the shape of a value (`missing`, `string_pattern_mismatch`,
`extra_forbidden`, ...), or one of the region file's own (`iban`, `password_policy`,
`unknown_municipality`, ...). `params` says what the rule wanted (a pattern, a bound, the
reasons a password fails) and never repeats the value: a file holds passwords and tokens.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from services.gateway.region.locations import Locations, Path

SAFE_PARAMS = frozenset({"pattern", "min_length", "max_length", "ge", "gt", "le", "lt", "expected", "reasons",
                         "unknown", "count", "max_digits", "decimal_places", "multiple_of"})
"""Of pydantic's context, what describes the rule; the rest (`error`, `input`) may hold the value."""
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True)
class Problem:
    path: str
    """Dotted, as in `staff.2.password`; "" for the file as a whole."""
    rule: str
    message: str
    line: int | None = None
    column: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        at = f" (line {self.line})" if self.line else ""
        return f"{self.path or '(file)'}{at}: {self.message}"


class RegionFileError(ValueError):
    """Every problem of the file at once; nothing of it was applied."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        if len(self.problems) == 1 and self.problems[0].rule in ("toml_syntax", "encoding", "file"):
            first = self.problems[0]
            at = f" (at line {first.line}, column {first.column})" if first.line else ""
            text = f"{source}: {first.message}{at}"
        else:
            text = f"{source}: invalid region file:\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(text)


def located(path: Path, rule: str, message: str, where: Locations, **params: Any) -> Problem:
    position = where.of(path)
    return Problem(dotted(path), rule, message, *(position or (None, None)), params=params)


def dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


def validation_problems(error: ValidationError, where: Locations) -> list[Problem]:
    problems = []
    for e in error.errors(include_url=False, include_input=False):
        context = {k: _plain(v) for k, v in (e.get("ctx") or {}).items() if k in SAFE_PARAMS}
        problems.append(located(tuple(e["loc"]), e["type"], e["msg"], where, **context))
    return problems


def syntax_problem(error: tomllib.TOMLDecodeError) -> Problem:
    """tomllib stops at the first syntax error: its message ends with the position."""
    text = str(error)
    at = _AT.search(text)
    if at is None:
        return Problem("", "toml_syntax", f"not valid TOML: {text}")
    return Problem("", "toml_syntax", f"not valid TOML: {text[:at.start()]}", int(at.group(1)), int(at.group(2)))


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, list)) or value is None else str(value)
