"""The lawfulness evidence of a municipality and year as of a date, replayed from what payments
had recorded by the end of that day (Dutch time): the payment book, each settled declaration's
evidence, and the region's budgets, products and policy (ports/reads.py, RecordedAsOf)."""

from __future__ import annotations

from datetime import date

from services.payments.adapters.region_terms import products_of
from services.payments.domain.lawfulness import Facts, LawfulnessReport, assess
from services.payments.domain.lawfulness_trace import ledger, traced
from services.payments.handlers.evidence import RECORDED_SECTIONS
from services.payments.ports.reads import RecordedAsOf


async def facts_as_of(recorded: RecordedAsOf, as_of: date) -> Facts:
    book = await recorded.book_events(as_of)
    sections = await recorded.sections(as_of, RECORDED_SECTIONS)
    return Facts(ledger(book), sections["budgets"] or {}, products_of(sections["products"] or []),
                 sections["policy"] or {})


async def report_as_of(recorded: RecordedAsOf, municipality: str, year: int, as_of: date) -> LawfulnessReport:
    facts = await facts_as_of(recorded, as_of)
    evidence = await recorded.evidence(municipality, as_of)
    refused = [{**line, "declaration_id": d.declaration_id, "declaration_number": d.declaration_number,
                "provider": d.provider} for d in evidence.values() for line in d.rejected
               if str(line.get("period_begin", "")).startswith(str(year))]
    return assess(traced(facts.ledger, evidence, municipality, year), facts, municipality, year, as_of, refused)
