"""Who may give the payments commands (design.md §7)."""

from services.payments.domain.errors import NotAllowed

FINANCE = "finance"


def require_finance(roles: frozenset[str]) -> None:
    if FINANCE not in roles:
        raise NotAllowed("payment runs, advances and settlements need the finance role")
