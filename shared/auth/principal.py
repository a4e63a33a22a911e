"""Who is calling, and what they may see (design.md §7).

A party (municipality, provider or hub) acts for its own code, and a hub also for the providers
it is authorised for. A staff user has roles and is bound to municipalities; every query is
filtered by them, and an object outside that scope answers 404, not 403, so its existence leaks
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ACCESS = "access"
    FINANCE = "finance"
    CONTROLLER = "controller"
    ADMIN = "admin"
    AUDITOR = "auditor"
    """Reads everything of every municipality of the region (every GET of every service), never
    changes anything: the accountant or auditor checking the region's controls."""


READS = frozenset({"GET", "HEAD"})


class PartyKind(StrEnum):
    MUNICIPALITY = "municipality"
    PROVIDER = "provider"
    HUB = "hub"


@dataclass(frozen=True)
class PartyPrincipal:
    code: str
    kind: PartyKind
    on_behalf_of: frozenset[str] = frozenset()
    """Provider codes a hub may send for (indiener ≠ afzender)."""

    def may_send_as(self, sender: str) -> bool:
        return sender == self.code or sender in self.on_behalf_of

    @property
    def mailboxes(self) -> frozenset[str]:
        return frozenset({self.code}) | self.on_behalf_of


@dataclass(frozen=True)
class StaffPrincipal:
    user_id: str
    username: str
    roles: frozenset[Role]
    municipalities: frozenset[str]

    def has(self, role: Role) -> bool:
        return role in self.roles or Role.ADMIN in self.roles

    def may(self, role: Role | None, method: str) -> bool:
        """May call a route that needs `role` (None: any staff) with `method`: by one of the roles,
        or — for a read — as an auditor. The auditor role alone changes nothing."""
        if method.upper() in READS and Role.AUDITOR in self.roles:
            return True
        if role is None:
            return bool(self.roles - {Role.AUDITOR})
        return self.has(role)

    def sees(self, municipality: str | None) -> bool:
        return municipality is not None and municipality in self.municipalities
