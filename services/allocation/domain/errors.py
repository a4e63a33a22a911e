"""Domain errors: every refusal names the rule it enforces.

`rule` is an iJw rule id (TR332, OP259, IV066, ...) or, where the standard has no number for a
check we make anyway, a happyflow id prefixed `HF-`. `code` is the WJ001 retourcode a retour
message (JW302/306/308/316/318) should carry for it, when there is one.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the allocation domain raises."""


class RuleViolation(DomainError):
    def __init__(self, rule: str, message: str, code: str | None = None) -> None:
        self.rule = rule
        self.code = code
        suffix = f" (retourcode {code})" if code else ""
        super().__init__(f"{rule}: {message}{suffix}")


class NotFound(DomainError):
    """A staff command names an aggregate that has no events yet."""
