"""The lawfulness evidence as a workbook for the accountant: a summary sheet with the totals per
criterion and the threshold, then one sheet per criterion listing every paid line with its payment,
its JW325 line, the evidence it was paid on and that criterion's verdict (the drill-down, in
Excel); the misuse sheet also lists what was found and refused before payment."""

from __future__ import annotations

from services.payments.adapters.exports import to_xlsx
from services.payments.domain.lawfulness import AssessedLine, LawfulnessReport
from services.payments.domain.report_tables import DATE, INTEGER, MONEY, TEXT, Cell, Column, Table

SHEETS = {"budget": "Begroting", "conditions": "Voorwaarden", "misuse": "Misbruik en oneigenlijk gebruik"}
LINE_COLUMNS = tuple(Column(n, k) for n, k in (
    ("item", TEXT), ("soort", TEXT), ("aanbieder", TEXT), ("periode", DATE), ("bedrag", MONEY),
    ("betaalrun", TEXT), ("EndToEndId", TEXT), ("betaald op", DATE), ("afschrift", TEXT),
    ("declaratie", TEXT), ("JW325", TEXT), ("referentie", TEXT), ("product", TEXT), ("perceel", TEXT),
    ("toewijzing", TEXT), ("versie van", TEXT), ("verwijzer", TEXT), ("tarief", MONEY), ("goedkeuring", TEXT),
    ("bevindingen", TEXT), ("reden override", TEXT), ("goedgekeurd door", TEXT), ("oordeel", TEXT),
    ("reden oordeel", TEXT), ("rechtmatig", MONEY), ("onzeker", MONEY), ("onrechtmatig", MONEY)))


def workbook(report: LawfulnessReport) -> bytes:
    return to_xlsx([_summary(report), *(_criterion(report, name) for name in SHEETS)])


def _summary(report: LawfulnessReport) -> Table:
    columns = (Column("criterium", TEXT), Column("rechtmatig", MONEY), Column("onzeker", MONEY),
               Column("onrechtmatig", MONEY), Column("regels", INTEGER))
    rows: list[tuple[Cell, ...]] = [(SHEETS[t.criterion], t.lawful, t.uncertain, t.unlawful, t.lines)
                                    for t in report.totals]
    threshold = report.threshold
    rows += [("betaald", report.paid, None, None, len(report.lines)),
             ("fouten en onzekerheden (elke euro eenmaal)", None, report.uncertain, report.unlawful, None),
             ("verantwoordingsgrens", threshold.amount if threshold else None, None, None, None),
             ("boven de grens", "ja" if report.above_threshold else "nee" if threshold else "geen grens", None, None,
              None)]
    title = f"Rechtmatigheid {report.municipality} {report.year} per {report.as_of.isoformat()}"
    return Table(title[:31], columns, tuple(rows))


def _criterion(report: LawfulnessReport, name: str) -> Table:
    rows = tuple(_row(line, name) for line in report.lines)
    if name == "misuse":
        rows += tuple(_refused(r) for r in report.refused)
    return Table(SHEETS[name], LINE_COLUMNS, rows)


def _row(line: AssessedLine, criterion: str) -> tuple[Cell, ...]:
    t, item, verdict = line.traced, line.traced.item, line.verdicts[criterion]
    evidence, declared, declared_line = t.evidence or {}, t.declaration, t.line or {}
    allocation, tariff, override = evidence.get("allocation") or {}, evidence.get("tariff") or {}, \
        evidence.get("override") or {}
    approvers = ", ".join(a for a in (override.get("first_by"), override.get("by")) if a)
    return (item.item_id, item.kind, item.provider, item.period_start, item.amount, t.payment.run_id,
            t.payment.end_to_end_id, t.payment.paid_on, t.payment.statement_id,
            declared.declaration_number if declared else None, declared.answer_id if declared else None,
            declared_line.get("reference"), declared_line.get("code"), line.budget_line,
            str(allocation["number"]) if allocation else None,
            f"{allocation.get('decided_on')} {allocation.get('decided_at') or ''}".strip() if allocation else None,
            allocation.get("referrer_type"), tariff.get("cents"), evidence.get("approval"),
            " ".join(evidence.get("findings") or ()) or None, override.get("reason"), approvers or None,
            verdict.status, verdict.reason, verdict.lawful, verdict.uncertain, verdict.unlawful)


def _refused(r: dict) -> tuple[Cell, ...]:  # type: ignore[type-arg]
    cells: list[Cell] = [None] * len(LINE_COLUMNS)
    cells[2], cells[9], cells[11] = r.get("provider"), r.get("declaration_number"), r.get("reference")
    cells[19], cells[22], cells[23] = " ".join(r.get("codes") or ()), "geweigerd", "found_and_refused"
    return tuple(cells)
