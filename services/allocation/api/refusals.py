"""Domain refusals as HTTP answers: a broken rule is a 422 problem naming the rule (and the iJw
retourcode, where there is one), an unknown aggregate 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.handlers.audit import Actor
from shared.api.problems import RULE, Refusal
from shared.audit import Origin
from shared.auth.http import not_found
from shared.auth.principal import StaffPrincipal


@contextmanager
def refusals(what: str) -> Iterator[None]:
    try:
        yield
    except RuleViolation as refused:
        error = {"rule": refused.rule, "message": str(refused), "code": refused.code}
        raise Refusal(422, str(refused), type=RULE, errors=[error]) from None
    except NotFound:
        raise not_found(what) from None


def in_scope(principal: StaffPrincipal, municipality: str | None, what: str) -> None:
    """Outside the caller's municipalities looks exactly like not there (design.md §7)."""
    if not principal.sees(municipality):
        raise not_found(what)


def actor(principal: StaffPrincipal, request: Request) -> Actor:
    return Actor(principal, Origin.of(request))
