"""The audit entries every service sends to the region's one audit log (versioned, explicit).

Published on `happyflow.audit` (one topic for all services, so the log's consumer reads only
audit entries), keyed by `audit-<service>`: one service's entries arrive in the order it
recorded them. The gateway appends them to its hash-chained log (services/gateway).

`audit.EntryRecorded` v1 — after NEN 7513: at (ISO, UTC with offset: when it happened), user
(staff username or party code), roles (staff roles, or the party's kind), municipality | null
(the object's; null for what spans the region), action (e.g. `allocation.read`,
`queue.approved`, `payments.run.approve`), object | null, client | null (the client concerned
as HMAC-SHA-256 of the BSN under the region's audit key, hex; never the BSN), reason | null,
outcome (`allowed` or `refused`), service, address | null (the caller's network address),
app | null (the calling program), on_behalf_of | null (a hub sending for a provider),
legacy (optional, absent = false: moved from a service's audit table of before this log).
"""

from __future__ import annotations

from shared.events.registry import EventType

AUDIT_TOPIC = "happyflow.audit"
ENTRY_RECORDED = "audit.EntryRecorded"
TYPES = (EventType(ENTRY_RECORDED, 1),)
