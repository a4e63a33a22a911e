"""Regenerate examples/ijw from the story: `python -m tests.ijw.write_examples`.

Every invalid example is the story's valid message with one change that breaks exactly one
level-2 rule; the file name says which (`<message>_<rule>_<what>.xml`).
"""

from __future__ import annotations

from dataclasses import replace as r
from datetime import date
from pathlib import Path

from shared.ijw import encode
from shared.ijw.model.basis import Amount, Extent, Period, Product
from tests.ijw import demo_story as demo
from tests.ijw import story as s

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ijw"
DEMO = EXAMPLES.parent / "demo"
L = s.line
DECEMBER_2020 = Period(date(2020, 12, 1), date(2020, 12, 31))


def with_client(m, **changes):
    return r(m, declaration=r(m.declaration, clients=(r(m.declaration.clients[0], **changes),)))


def with_allocation(**changes):
    m = s.jw301()
    return r(m, client=r(m.client, allocations=(r(s.allocation(), **changes),)))


def with_product(m, **changes):
    return r(m, client=r(m.client, products=(r(m.client.products[0], **changes),)))


def credit(reference: str, previous: str, cents: int = 60000):
    return L(reference=reference, previous_reference=previous, amount=Amount(cents, credit=True))


def invalid_jw323() -> dict[str, object]:
    return {
        "CS002_bsn_fails_eleven_test": with_client(s.jw323(), bsn="123456789"),
        "CS100_period_before_2021": s.jw323(L(period=DECEMBER_2020), period=DECEMBER_2020, day=date(2021, 1, 10)),
        "CS325_zero_credit": s.jw323(L(), r(credit("R101", "R099", 0), volume=0)),
        "CS337_product_period_spans_two_months": s.jw323(L(period=Period(date(2026, 3, 15), date(2026, 4, 10)))),
        "CS339_euro_amount_differs_from_volume": s.jw323(L(unit="83", volume=20000, tariff=None, amount=Amount(25000))),
        "CS340_period_not_a_whole_month": s.jw323(period=Period(date(2026, 4, 1), date(2026, 4, 29))),
        "CD060_debet_with_previous_reference": s.jw323(L(previous_reference="R050")),
        "CD087_tariff_missing": s.jw323(L(tariff=None)),
        "TR101_duplicate_reference": s.jw323(L(), L(product_code="55A12")),
        "TR134-TR137_period_starts_after_message_date": s.jw323(
            L(period=Period(date(2026, 5, 7), date(2026, 5, 31)), volume=1, amount=Amount(7500))),
        "TR137_period_ends_after_message_date": s.jw323(day=date(2026, 4, 20)),
        "TR315_previous_reference_used_twice": s.jw323(credit("R101", "R050"), credit("R102", "R050")),
        "TR316_credit_of_debet_in_same_message": s.jw323(L(), credit("R101", "R100")),
        "TR335_older_than_five_years": s.jw323(L(period=Period(date(2021, 1, 1), date(2021, 1, 31)))),
        "TR358_total_differs_from_lines": s.jw323(L(), total=Amount(50000)),
        "TR416_two_debets_same_product_period": s.jw323(L(), L(reference="R101")),
    }


def invalid_others() -> dict[str, object]:
    jw317 = s.jw317()
    new = r(jw317.client.request.new[0], extent=Extent(1, "16", "1"))
    return {
        "JW301_CS002_bsn_fails_eleven_test": r(s.jw301(), client=r(s.jw301().client, bsn="123456789")),
        "JW301_CD075_budget_without_end_date": with_allocation(product=Product("45"), extent=None, end=None, budget=150000),
        "JW301_CD076_weekly_without_end_date": with_allocation(end=None),
        "JW301_CD077-CD078_extent_and_budget": with_allocation(budget=150000),
        "JW301_CD079_no_product_no_budget": with_allocation(product=None, extent=None),
        "JW301_CD041_code_without_extent": with_allocation(extent=None),
        "JW301_CD080_extent_without_code": with_allocation(product=Product("55")),
        "JW301_CS338_dagdeel_per_day": with_allocation(extent=Extent(1, "16", "1")),
        "JW301_CS335_deleted_with_other_end_date": with_allocation(change_reason="13"),
        "JW301_CS336_reason_01_no_longer_allowed": with_allocation(change_reason="01"),
        "JW305_CS058_status_changed_not_allowed": with_product(s.jw305(), status="2"),
        "JW305_CS002_bsn_fails_eleven_test": r(s.jw305(), client=r(s.jw305().client, person=r(s.PERSON, bsn="123456789"))),
        "JW307_CS058_status_not_applicable": with_product(s.jw307(), status="9"),
        "JW315_CS343_etmaal_per_day": with_product(s.jw315(), extent=Extent(1, "14", "1")),
        "JW317_CS338_dagdeel_per_day": r(jw317, client=r(jw317.client, request=r(jw317.client.request, new=(new,)))),
        # As in the published JW317 sample: the new product ends before it is wanted to start.
        "JW317_CS003_end_before_desired_start": r(jw317, client=r(jw317.client, request=r(
            jw317.client.request, new=(r(jw317.client.request.new[0], end=date(2026, 5, 31)),)))),
        "JW325_TR342_totals_do_not_match_returned_lines": r(s.jw325(), answer=r(s.jw325().answer, total_granted=Amount(50000))),
    }


def main() -> None:
    for name, build in s.GOLDEN.items():
        (EXAMPLES / "valid" / f"{name}.xml").write_bytes(encode(build()))
    for name, build in (demo.DEMO | demo.DEMO_INVALID).items():
        (DEMO / f"{name}.xml").parent.mkdir(exist_ok=True)
        (DEMO / f"{name}.xml").write_bytes(encode(build()))
    invalid = {f"JW323_{name}": m for name, m in invalid_jw323().items()} | invalid_others()
    for name, message in invalid.items():
        (EXAMPLES / "invalid" / f"{name}.xml").write_bytes(encode(message))
    # CS319 is enforced by the XSD pattern itself, so this one cannot be encoded from a model.
    data = (EXAMPLES / "valid" / "JW323.xml").read_bytes().replace(b">DN20260401<", b">DN-2026/04<")
    (EXAMPLES / "invalid" / "JW323_CS319_declaration_number_not_alphanumeric.xml").write_bytes(data)


if __name__ == "__main__":
    main()
