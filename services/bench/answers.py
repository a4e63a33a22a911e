"""What a JW325 says, without what differs between two runs of the same input (its own
identification and dates): how two deployments' answers are compared."""

from __future__ import annotations

from typing import Any


def verdicts(jw325: Any) -> dict[str, Any]:
    """A decoded JW325's codes, totals and every line's verdict."""
    body = jw325.answer
    lines = sorted((c.bsn, line.reference, line.amount.signed, line.codes)
                   for c in (body.clients if body else ()) for line in c.lines)
    totals = (body.total_submitted.signed, body.total_granted.signed, body.codes) if body else None
    return {"codes": jw325.header.codes, "totals": totals, "lines": lines}


def differences(expected: dict[str, Any], seen: dict[str, Any]) -> list[str]:
    """Each declaration whose JW325 is missing, extra or different, named by its identification."""
    found = []
    for ident in sorted(expected.keys() | seen.keys()):
        if ident not in seen:
            found.append(f"{ident}: no JW325")
        elif ident not in expected:
            found.append(f"{ident}: a JW325 the one-process run did not give")
        elif seen[ident] != expected[ident]:
            lines = [a for a, b in zip(expected[ident]["lines"], seen[ident]["lines"], strict=False) if a != b]
            found.append(f"{ident}: differs ({len(lines)} lines, totals {expected[ident]['totals']} "
                         f"vs {seen[ident]['totals']})")
    return found
