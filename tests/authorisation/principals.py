"""The callers of the generated authorisation test: each staff role alone bound to municipality A,
the same bound to B, a regional admin, the region's auditor (bound to every municipality, as the
region file requires), parties of A and of B, and nobody."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.gateway.handlers.parties import StaffSpec
from shared.auth.principal import Role
from tests.authorisation.policy import ADMIN, AUDITOR

A, B = "0193", "0150"
PROVIDER_A, PROVIDER_B = "98000001", "98000003"
STAFF_ROLES = tuple(role.value for role in Role if role is not Role.AUDITOR)
"""Roles a user may hold for some municipalities only; an auditor is always the whole region's."""


@dataclass(frozen=True)
class Principal:
    name: str
    token: str | None
    kind: str
    """"anonymous", "party" or "staff"."""
    roles: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    mailboxes: frozenset[str] = field(default_factory=frozenset)
    """A party's own code (and a hub's providers)."""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def holds(self, roles: tuple[str, ...]) -> bool:
        return self.kind == "staff" and (ADMIN in self.roles or bool(self.roles & set(roles)))

    @property
    def only_audits(self) -> bool:
        return self.kind == "staff" and self.roles == {AUDITOR}

    def regional(self, region: frozenset[str]) -> bool:
        return self.kind == "staff" and region <= self.municipalities

    def sees(self, municipality: str, region: frozenset[str]) -> bool:
        return municipality in self.municipalities or (municipality == "regio" and self.regional(region))


def bound_staff(role: str, municipality: str) -> Principal:
    token = f"authz-{role}-{municipality}-5c1e0b7a9d2f4e38"
    return Principal(f"{role}@{municipality}", token, "staff", frozenset({role}), frozenset({municipality}))


def party(code: str, token: str) -> Principal:
    return Principal(f"party {code}", token, "party", mailboxes=frozenset({code}))


def principals(region: frozenset[str]) -> tuple[Principal, ...]:
    """In the order they call: whoever may act comes after whoever may not (see `matrix.order`)."""
    return (
        Principal("nobody", None, "anonymous"),
        party(PROVIDER_A, f"demo-aanbieder-{PROVIDER_A}"), party(PROVIDER_B, f"demo-aanbieder-{PROVIDER_B}"),
        party(A, f"demo-gemeente-{A}"), party(B, f"demo-gemeente-{B}"),
        *(bound_staff(role, m) for m in (A, B) for role in STAFF_ROLES),
        Principal("admin@region", "demo-staff-beheer", "staff", frozenset({ADMIN}), region),
        Principal("auditor@region", "demo-staff-accountant", "staff", frozenset({AUDITOR}), region),
    )


def staff_specs() -> list[StaffSpec]:
    return [StaffSpec(f"authz.{role}.{m}", (Role(role),), (m,), tokens=(bound_staff(role, m).token or "",))
            for m in (A, B) for role in STAFF_ROLES]
