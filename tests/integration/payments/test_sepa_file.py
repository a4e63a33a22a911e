"""The exported run's SEPA credit-transfer file (pain.001)."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree
from sepaxml.validation import try_valid_xml

from tests.integration.payments.conftest import FINANCE, SECOND_FINANCE, create_run, line, publish_settled, settled
from tests.support.audit import audit_entries

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


async def exported_file(runtime, client) -> tuple[dict, bytes]:  # type: ignore[no-untyped-def]
    declaration = settled("98000001", "0193", [line("A1", 60000), line("A2", 40050)], declaration_id="decl-0193-1")
    await publish_settled(runtime, declaration)
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = (await create_run(client)).json()
    await client.post(f"/payments/v1/runs/{run['run_id']}/approve", json={"note": "ok"}, headers=SECOND_FINANCE)
    exported = await client.post(f"/payments/v1/runs/{run['run_id']}/export", json={}, headers=FINANCE)
    assert exported.json()["status"] == "exported"
    file = await client.get(f"/payments/v1/runs/{run['run_id']}/file", headers=FINANCE)
    assert file.headers["content-type"].startswith("application/xml")
    return run, file.content


async def test_the_sepa_file_validates_and_its_control_sum_is_the_run_total(region):
    runtime, client = region
    run, xml = await exported_file(runtime, client)
    try_valid_xml(xml, "pain.001.001.03")
    root = etree.fromstring(xml)
    assert Decimal(root.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS)) * 100 == run["total"] == 125050
    assert root.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert root.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "NL67INGB0006543210"


async def test_the_remittance_names_the_providers_declaration_number_and_period(region):
    runtime, client = region
    run, xml = await exported_file(runtime, client)
    root = etree.fromstring(xml)
    remittances = [e.text for e in root.iterfind(".//p:RmtInf/p:Ustrd", NS)]
    assert remittances == ["decl D1, periode 2026-03", "decl D1, periode 2026-03"]
    ids = [e.text for e in root.iterfind(".//p:PmtId/p:EndToEndId", NS)]
    assert ids == [f"{run['run_id']}-98000001", f"{run['run_id']}-98000003"]


async def test_the_file_is_the_same_every_time_it_is_fetched(region):
    runtime, client = region
    run, xml = await exported_file(runtime, client)
    again = await client.get(f"/payments/v1/runs/{run['run_id']}/file", headers=FINANCE)
    assert again.content == xml


async def test_every_step_of_a_run_is_an_event_and_in_the_audit_log(region):
    runtime, client = region
    run, _ = await exported_file(runtime, client)
    db = runtime.container("payments").db
    types = [e.type for e in await db.read_all() if e.stream_id.startswith("book-")]
    assert types[-3:] == ["payments.PaymentRunCreated", "payments.PaymentRunApproved", "payments.PaymentRunExported"]
    steps = [(e.action, e.username) for e in await audit_entries(runtime, service="payments")]
    assert steps == [("payments.run.create", "financien"), ("payments.run.approve", "financien2"),
                     ("payments.run.export", "financien")]


async def test_a_run_not_exported_has_no_file(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    run = (await create_run(client)).json()
    assert (await client.get(f"/payments/v1/runs/{run['run_id']}/file", headers=FINANCE)).status_code == 404
