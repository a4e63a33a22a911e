"""Outcome indicators per provider and product from what the messages tell (issue 17, item 6):
dropout, trajectory duration and re-entry, on case level (one row per trajectory) and on
population level (per municipality).

A trajectory is a stop (JW307) of an allocated product: it began at the stop's Begindatum (the
start's, TR382) and ended at its Einddatum for its RedenBeeindiging (JZ588). A trajectory counts
in the period its stop's end date falls in.
- Dropout: a stop for a reason other than 31 "volgens plan". Two reasons are left out of the
  indicator altogether, since they say nothing about how the care went: 02 (the client died) and
  20 (delivery paused: the trajectory has not ended).
- Duration: days from begin to end, both included.
- Re-entry: an allocation for the same client (by pseudonym) starting within the region's
  re-entry period after the stop's end, with any provider. A stop whose period has not passed and
  that has no re-entry yet is not counted either way.
Clients are known only by pseudonym; no BSN reaches this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

PLANNED = "31"
NOT_AN_OUTCOME = frozenset({"02", "20"})


@dataclass(frozen=True)
class Trajectory:
    municipality: str
    allocation_number: int
    client: str
    """The client's pseudonym."""
    provider: str
    code: str | None
    begin: date
    end: date
    reason: str


@dataclass(frozen=True)
class AllocationStart:
    client: str
    municipality: str
    allocation_number: int
    start: date


@dataclass(frozen=True)
class Case:
    trajectory: Trajectory
    dropout: bool
    days: int
    reentry: bool | None
    """None while the re-entry period runs without one."""


@dataclass(frozen=True)
class Indicators:
    key: tuple[str, ...]
    """(provider, product) or (municipality,)."""
    stops: int
    dropouts: int
    durations: tuple[int, ...]
    reentries: int
    reentry_known: int

    @property
    def dropout_percent(self) -> Fraction | None:
        return Fraction(self.dropouts * 100, self.stops) if self.stops else None

    @property
    def reentry_percent(self) -> Fraction | None:
        return Fraction(self.reentries * 100, self.reentry_known) if self.reentry_known else None

    @property
    def mean_days(self) -> Fraction | None:
        return Fraction(sum(self.durations), len(self.durations)) if self.durations else None


def counts(t: Trajectory) -> bool:
    return t.reason not in NOT_AN_OUTCOME


def cases(trajectories: Iterable[Trajectory], starts: Iterable[AllocationStart], reentry_days: int,
          as_of: date) -> tuple[Case, ...]:
    by_client: dict[str, list[AllocationStart]] = defaultdict(list)
    for s in starts:
        by_client[s.client].append(s)
    found = []
    for t in trajectories:
        if not counts(t):
            continue
        window_end = t.end + timedelta(days=reentry_days)
        again = any(t.end < s.start <= window_end and (s.municipality, s.allocation_number)
                    != (t.municipality, t.allocation_number) for s in by_client[t.client])
        reentry = True if again else (False if window_end < as_of else None)
        found.append(Case(t, t.reason != PLANNED, (t.end - t.begin).days + 1, reentry))
    return tuple(found)


def indicators(found: Iterable[Case], key: Callable[[Trajectory], tuple[str, ...]]) -> tuple[Indicators, ...]:
    groups: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for case in found:
        groups[key(case.trajectory)].append(case)
    return tuple(_indicators(k, groups[k]) for k in sorted(groups))


def _indicators(key: tuple[str, ...], group: list[Case]) -> Indicators:
    known = [c for c in group if c.reentry is not None]
    return Indicators(key, len(group), sum(c.dropout for c in group), tuple(sorted(c.days for c in group)),
                      sum(bool(c.reentry) for c in known), len(known))


def per_provider_product(t: Trajectory) -> tuple[str, ...]:
    return (t.provider, t.code or "")


def per_provider(t: Trajectory) -> tuple[str, ...]:
    return (t.provider,)


def per_municipality(t: Trajectory) -> tuple[str, ...]:
    return (t.municipality,)
