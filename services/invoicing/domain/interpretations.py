"""Where the standard leaves room, we decide as follows (design.md §5) — all in one place, each
with the rule it concerns and the function that carries it out. Review this list with a
gemeente before changing any of them; tests name the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Interpretation:
    rule: str
    decision: str
    where: str


INTERPRETATIONS: tuple[Interpretation, ...] = (
    Interpretation("IV087", "A line gets every code whose rule it fails, in retourcodes.LINE_ORDER; "
                   "it is approved in full or not at all.", "matcher.DEBIT_RULES"),
    Interpretation("TR338/TR384", "A line on an allocation whose effective version has RedenWijziging 13 "
                   "gets 9384, not 9338; rules that need an allocation stay silent without one.",
                   "ledger._resolved"),
    Interpretation("TR338", "An allocation of another gemeente or to another AGB is not found (9338).",
                   "admission.find_allocation"),
    Interpretation("IV013/OP080", "Effective version = latest (Toewijzingsdatum, Toewijzingstijd); "
                   "versions with the same stamp are ordered by content, never by arrival.",
                   "allocation._effective"),
    Interpretation("TR418/IV081", "A minute line against an hour tariff must carry ProductTarief = hour ÷ 60 "
                   "half-up (0611 otherwise); the tariff must be valid on the whole ProductPeriode.",
                   "tariffs.resolve_tariff, claim_rules.contract_tariff"),
    Interpretation("TR346", "The amount of a minute line uses the unrounded hour tariff; without a contract "
                   "tariff it passes if some hour tariff rounding to ProductTarief yields it.",
                   "tariffs.amount_fits"),
    Interpretation("TR369", "Budget compares Σ IngediendBedrag of approved, not-credited debets plus the "
                   "line with Budget.", "claim_rules.within_budget"),
    Interpretation("TR321", "The per-period cap is taken over calendar month ∩ allocation and compared "
                   "with every approved, not-credited debet in that month plus the line; a month "
                   "outside the allocation has cap 0.",
                   "allocation_profile, claim_rules.within_period_volume"),
    Interpretation("TR321/TR322", "Caps: per day = V × days; per month = V, also in a partial month; "
                   "total = V (per period and cumulative); cumulative week/month/day caps need an "
                   "Einddatum. Output weekly: Sundays, broken last week counted with the last Sunday "
                   "(or the end, if the allocation holds no Sunday).", "volume_caps"),
    Interpretation("TR341/TR321", "Volumes compare in a base unit (hours as minutes); a line in a unit that "
                   "does not fit the allocation is not volume-checked (9341 says why). Budget "
                   "allocations take the contract's units for the product.", "volume_caps.comparable"),
    Interpretation("TR318", "8214 only when the period lies before the last declared period of this AGB "
                   "to this gemeente; repeating the last period is allowed.", "admission.declaration_codes"),
    Interpretation("TR135", "'In the future' means after the day of receipt.", "admission.header_codes"),
    Interpretation("IV085/TR323", "Credits are checked only on 8021, 8017 and 9390, never on policy codes; "
                   "a credit must repeat its approved debet exactly, and that debet's JW325 must have gone out "
                   "(else 8017).", "matcher.CREDIT_RULES"),
    Interpretation("OP366", "Every credit of the message is processed before every debet; approved lines "
                   "move the totals later lines are checked against; held lines do not.", "matcher"),
    Interpretation("TR342", "Totals are checked for 0200/8001 answers; a rejected declaration lists no "
                   "lines and grants 0.", "answer.build_answer"),
    Interpretation("RS048", "Any XsdVersie of the form n.n.n is accepted.", "message_rules"),
    Interpretation("policy", "Header, declaration and client codes always reject; tolerances apply only to "
                   "9321, 9322, 9369 and approve a line only when every finding on it is tolerated.",
                   "policy.MatchPolicy"),
)
