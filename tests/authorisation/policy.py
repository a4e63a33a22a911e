"""Who may call what: the authorisation rule of every path, written down once (design.md §7).

The first rule whose method and path prefix fit an operation is its rule. A route under a prefix
listed here is covered by the generated test as it is; a route under a new prefix makes the test
fail until someone decides here who may call it.

Scopes: `municipality` — objects and rows belong to a municipality; staff see and change only
their own municipalities', another's object answers 404. `region` — it acts for, or shows, every
municipality at once (payment runs, advances, region-wide master data, the audit log): only staff
bound to every municipality of the region. `own` — the caller's own identity.

The auditor is in no rule: an auditor reads (GET) whatever any staff rule covers, for the whole
region, and is refused (403) every change (matrix.expect).
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC, PARTY = "public", "party"
OWN, MUNICIPALITY, REGION = "own", "municipality", "region"
ACCESS, FINANCE, CONTROLLER, ADMIN, AUDITOR = "access", "finance", "controller", "admin", "auditor"


@dataclass(frozen=True)
class Rule:
    method: str | None
    """None: every method."""
    prefix: str
    who: tuple[str, ...]
    """Staff roles (any of them; the first is the one the test grants with), or PUBLIC or PARTY."""
    scope: str = MUNICIPALITY

    def fits(self, method: str, path: str) -> bool:
        return (self.method in (None, method)) and (path == self.prefix or path.startswith(self.prefix + "/"))


RULES = (
    Rule("GET", "/health", (PUBLIC,)),
    Rule("GET", "/ready", (PUBLIC,)),  # consumer groups and backlogs: counts, nothing of anyone
    Rule("POST", "/auth/login", (PUBLIC,)),
    Rule("POST", "/auth/logout", (PUBLIC,)),
    Rule("GET", "/auth/session", (PUBLIC,)),  # the session cookie's own; a bearer token has none (401)
    Rule("GET", "/auth/me", (ACCESS, FINANCE, CONTROLLER, ADMIN), OWN),
    Rule(None, "/gateway/v1/audit", (ADMIN,), REGION),
    # A region file describes every municipality: only an admin bound to all of them loads one.
    Rule(None, "/gateway/v1/region", (ADMIN,), REGION),
    # Staff users sharing one of the admin's municipalities; signing out one bound to more than
    # the admin's answers 403 (tests/integration/gateway/test_staff_users_api.py).
    Rule(None, "/gateway/v1/staff", (ADMIN,)),
    Rule("GET", "/gateway/v1/directory", (ACCESS, FINANCE, CONTROLLER, ADMIN), OWN),
    Rule("GET", "/invoicing/v1/retourcodes", (FINANCE, ACCESS, CONTROLLER, ADMIN), OWN),
    Rule(None, "/gateway/v1/messages", (PARTY,)),
    Rule(None, "/gateway/v1/mailbox", (PARTY,)),
    Rule(None, "/gateway/v1/check", (PARTY,)),
    Rule(None, "/gateway/v2/mailbox", (PARTY,)),
    Rule(None, "/gateway/v2/messages", (PARTY,)),
    Rule(None, "/allocation/v1/allocations", (ACCESS,)),
    Rule(None, "/allocation/v1/requests", (ACCESS,)),
    Rule("GET", "/allocation/v1/clients", (ACCESS,)),
    Rule("GET", "/allocation/v1/contracted-products", (ACCESS,)),
    Rule("POST", "/allocation/v1/register/products", (ADMIN,), REGION),
    Rule(None, "/allocation/v1/register", (ADMIN,)),
    Rule(None, "/invoicing/v1/queue", (FINANCE,)),
    Rule("GET", "/invoicing/v1/declarations", (FINANCE,)),
    Rule(None, "/payments/v1/items", (FINANCE,)),
    Rule(None, "/payments/v1/reports", (CONTROLLER, FINANCE)),
    Rule(None, "/payments/v1/runs", (FINANCE,), REGION),
    Rule(None, "/payments/v1/advances", (FINANCE,), REGION),
    Rule("GET", "/payments/v1/specifications", (PARTY,)),
    Rule(None, "/payments/v1/statements", (FINANCE,), REGION),
    Rule("GET", "/payments/v1/returns", (FINANCE,), REGION),
    Rule("POST", "/payments/v1/lump-sums", (FINANCE,), REGION),  # a lump sum pays for several municipalities
    Rule("GET", "/payments/v1/lump-sums", (CONTROLLER, FINANCE), REGION),
    Rule("POST", "/payments/v1/ledger", (FINANCE,)),  # PGB transfers, per municipality
    Rule("GET", "/payments/v1/ledger", (CONTROLLER, FINANCE)),
    Rule("POST", "/payments/v1/outcomes/settlements", (FINANCE,), REGION),
    Rule("POST", "/payments/v1/outcomes/scores", (CONTROLLER, FINANCE), REGION),
    Rule("GET", "/payments/v1/outcomes", (CONTROLLER, FINANCE)),
)


def rule_of(method: str, path: str) -> Rule | None:
    if path.endswith("/health"):
        return RULES[0]
    return next((rule for rule in RULES if rule.fits(method, path)), None)
