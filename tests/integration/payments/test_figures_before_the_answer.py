"""A controller's figures at any moment, through the APIs as the parties use them: a line counts as
realised, and under its contract's ceiling, as soon as it is final, while its declaration still
waits for a held line; a held line is "in behandeling"; a credit sent before the JW325 of its
debet is refused (8017, IV085), so realised never drops below what was approved."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.ijw import encode
from shared.ijw.model.basis import Amount, Header, MessageId, Period, XsdVersion
from shared.ijw.model.declaration import Declaration, DeclarationClient, DeclarationLine, Jw323
from tests.integration.payments.conftest import (ACCESS_ZWOLLE, CONTROLLER, EIGHT_HOURS, FINANCE, PROVIDER,
                                                 SECOND_FINANCE)
from tests.support.embedded import settle

APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
UNKNOWN = 26999999
"""A ToewijzingNummer Zwolle never issued: the line waits for a person (9338)."""


def prestatie(reference: str, number: int, previous: str | None = None) -> DeclarationLine:
    return DeclarationLine(reference, number, "45", "45A01", APRIL, 8, "04", Amount(EIGHT_HOURS, previous is not None),
                           previous_reference=previous, tariff=7850)


def jw323(identification: str, number: str, *lines: DeclarationLine) -> Jw323:
    header = Header("98000001", "0193", MessageId(identification, date(2026, 5, 6)), XsdVersion("1.0.0", "1.0.0"))
    total = Amount.from_signed(sum(line.amount.signed for line in lines))
    return Jw323(header, Declaration(number, APRIL, date(2026, 5, 6), total,
                                     (DeclarationClient("999900006", tuple(lines)),)))


async def allocated(runtime: Any, client: Any) -> int:
    body = {"municipality": "0193", "client_bsn": "999900006", "provider_agb": "98000001",
            "client": {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "initials": "E"},
            "product": {"category": "45", "code": "45A01"}, "start": "2026-04-01", "end": "2026-12-31",
            "extent": {"volume": 8, "unit": "04", "frequency": "4"}, "referrer_type": "02"}
    issued = await client.post("/allocation/v1/allocations", json=body, headers=ACCESS_ZWOLLE)
    assert issued.status_code == 201, issued.text
    await settle(runtime)
    return issued.json()["allocation_number"]


async def declared(runtime: Any, client: Any, message: Jw323) -> str:
    posted = await client.post("/gateway/v1/messages", content=encode(message), headers=PROVIDER)
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    return posted.json()["message_id"]


async def figures(client: Any) -> tuple[int, int, int, int]:
    """Zwolle's youth care budget line: (realised, in behandeling); 98000001's ceiling: (approved, held)."""
    budget = (await client.get("/payments/v1/reports/budget", params={"year": 2026, "municipality": "0193"},
                               headers=CONTROLLER)).json()
    line = next(r for r in budget["rows"] if r["budget line"] == "jeugd-opvoedhulp")
    ceilings = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    ceiling = next(r for r in ceilings["rows"] if r["provider"] == "98000001")
    return line["realised"], line["pending"], ceiling["approved"], ceiling["held"]


async def test_a_line_approved_while_its_declaration_waits_is_realised_and_the_held_one_in_behandeling(region):
    runtime, client = region
    number = await allocated(runtime, client)
    await declared(runtime, client, jw323("323-1", "DN1", prestatie("R100", number), prestatie("R101", UNKNOWN)))
    assert await figures(client) == (EIGHT_HOURS, EIGHT_HOURS, EIGHT_HOURS, EIGHT_HOURS)


async def test_held_lines_finance_decides_count_at_once_though_the_declaration_still_waits(region):
    runtime, client = region
    number = await allocated(runtime, client)
    declaration = await declared(runtime, client, jw323(
        "323-1", "DN1", prestatie("R100", number), prestatie("R101", UNKNOWN), prestatie("R102", UNKNOWN + 1)))
    queue = f"/invoicing/v1/queue/{declaration}"
    approved = await client.post(f"{queue}/R101/approve", json={"reason": "toewijzing volgt"}, headers=FINANCE)
    rejected = await client.post(f"{queue}/R102/reject", json={"reason": "onbekend"}, headers=SECOND_FINANCE)
    await settle(runtime)
    assert (approved.status_code, rejected.status_code) == (204, 204)
    assert await figures(client) == (2 * EIGHT_HOURS, 0, 2 * EIGHT_HOURS, 0)


async def test_iv085_a_credit_sent_before_the_jw325_of_its_debet_gets_8017_and_realised_stays(region):
    runtime, client = region
    number = await allocated(runtime, client)
    await declared(runtime, client, jw323("323-1", "DN1", prestatie("R100", number), prestatie("R101", UNKNOWN)))
    credit = await declared(runtime, client, jw323("323-2", "DN2", prestatie("R200", number, previous="R100")))
    found = (await client.get(f"/invoicing/v1/declarations/{credit}", headers=FINANCE)).json()
    assert [(line["status"], line["codes"]) for line in found["lines"]] == [("rejected", ["8017"])]
    assert await figures(client) == (EIGHT_HOURS, EIGHT_HOURS, EIGHT_HOURS, EIGHT_HOURS)
