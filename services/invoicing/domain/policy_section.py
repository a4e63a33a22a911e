"""The region's policy section as the matcher takes it: the region file's `policy` parsed into
the domain's MatchPolicy, refused with a clear message where the domain cannot hold it."""

from __future__ import annotations

from typing import Any

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.policy import Action, BeyondCeiling, CeilingExemptions, MatchPolicy, Tolerance

VOLUME_CODES = (rc.PERIOD_VOLUME_EXCEEDED, rc.TOTAL_VOLUME_EXCEEDED)


def policy_from_section(section: dict[str, Any]) -> MatchPolicy:
    """`hold` and `reject` lists of codes over the defaults; `volume_tolerance_percent` on the
    volume codes (9321/9322) when they hold (design.md §5); `beyond_ceiling`, what happens to a
    line beyond its contract's budget ceiling: "hold" (default) or "approve"; `ceiling_exempt`,
    the care paid regardless of the ceiling."""
    base = MatchPolicy.default()
    actions = dict(base.actions)
    actions |= {code: Action.HOLD for code in section.get("hold", [])}
    actions |= {code: Action.REJECT for code in section.get("reject", [])}
    percent = int(section.get("volume_tolerance_percent", 0))
    tolerances = tuple(Tolerance(code, percent) for code in VOLUME_CODES
                       if percent > 0 and actions.get(code) is Action.HOLD)
    beyond = section.get("beyond_ceiling", BeyondCeiling.HOLD.value)
    if beyond not in {b.value for b in BeyondCeiling}:
        raise ValueError(f"beyond_ceiling must be one of {[b.value for b in BeyondCeiling]}, not {beyond!r}"
                         " (iJw has no retourcode to reject a line for a contract ceiling)")
    return MatchPolicy(actions, tolerances, BeyondCeiling(beyond), exemptions(section.get("ceiling_exempt") or {}))


def exemptions(section: dict[str, Any]) -> CeilingExemptions:
    """`categories`, `products` and `allocations` ("gemeentecode/ToewijzingNummer")."""
    allocations = set()
    for entry in section.get("allocations", []):
        municipality, _, number = str(entry).partition("/")
        if len(municipality) != 4 or not number.isdigit():
            raise ValueError(f"ceiling_exempt.allocations: {entry!r} is not gemeentecode/toewijzingnummer")
        allocations.add((municipality, int(number)))
    return CeilingExemptions(frozenset(section.get("categories", [])), frozenset(section.get("products", [])),
                             frozenset(allocations))


def four_eyes_from(section: dict[str, Any]) -> int | None:
    """`four_eyes_from`: approving a held line of this amount (eurocents, as declared) or more takes
    two finance users; absent, one approves any line."""
    value = section.get("four_eyes_from")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ValueError(f"four_eyes_from must be a whole number of eurocents of at least 1, not {value!r}")
    return value
