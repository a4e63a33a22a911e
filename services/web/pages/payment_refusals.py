"""A refusal of the payments service as finance's pages show it: the rule it named (HF-FOUR-EYES,
HF-RUN-EXPORTED, HF-STATEMENT-…), which the templates turn into Dutch
(templates/payments/refusal.html), and the service's own words beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.web.apis import ApiError

RULE = re.compile(r"^(HF-[A-Z0-9-]+):")
"""The services write a rule's code at the start of the refusal's detail as well."""


@dataclass(frozen=True)
class PaymentRefusal:
    rule: str | None
    detail: str
    status: int
    fields: tuple[str, ...] = ()
    """The request fields the service found wrong (`body.due_up_to`), for the form field beside them."""


def refusal_of(error: ApiError) -> PaymentRefusal:
    """The rule from the problem document's `errors[].rule`, else from the detail's prefix."""
    errors = error.errors
    rules = [e["rule"] for e in errors if e.get("rule")]
    found = RULE.match(error.message)
    return PaymentRefusal(rules[0] if rules else found.group(1) if found else None, error.message, error.status,
                          tuple(e["field"] for e in errors if e.get("field")))
