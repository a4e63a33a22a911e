"""Hostile inputs, generated (never committed), each with the rule it must be refused under.

Run as a module to print every case's peak RSS above idle as JSON (used by a test in a child
process, so libxml2's C allocations are measured too).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ijw" / "valid"
JW323_NS = b"http://www.istandaarden.nl/ijw/3_2/jw323/schema"


def valid() -> bytes:
    return (EXAMPLES / "JW323.xml").read_bytes()


def _with_doctype(doctype: bytes) -> bytes:
    declaration, body = valid().split(b"\n", 1)
    return declaration + b"\n" + doctype + b"\n" + body


def _uses_entity(doctype: bytes, reference: bytes) -> bytes:
    return _with_doctype(doctype).replace(b">DN20260401<", b">" + reference + b"<")


def billion_laughs() -> bytes:
    levels = [b'<!ENTITY l0 "lol">'] + [b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)]
    return _uses_entity(b"<!DOCTYPE Bericht [" + b"".join(levels) + b"]>", b"&l9;")


def quadratic_blowup() -> bytes:
    return _uses_entity(b'<!DOCTYPE Bericht [<!ENTITY a "' + b"x" * 50_000 + b'">]>', b"&a;" * 50_000)


def deep_nesting() -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<jw323:Bericht xmlns:jw323="' + JW323_NS + b'">'
            + b"<jw323:Header>" * 300 + b"</jw323:Header>" * 300 + b"</jw323:Bericht>")


def many_attributes(separator: bytes = b"=") -> bytes:
    attributes = b" ".join(b'a%d%s"1"' % (i, separator) for i in range(100_000))
    return valid().replace(b"<jw323:Bericht ", b"<jw323:Bericht " + attributes + b" ", 1)


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "external_entity_file": (lambda: _uses_entity(b'<!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;"), "DOCTYPE"),
    "external_entity_http": (lambda: _uses_entity(b'<!DOCTYPE Bericht [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>', b"&x;"), "DOCTYPE"),
    "parameter_entity": (lambda: _with_doctype(b'<!DOCTYPE Bericht [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>'), "DOCTYPE"),
    "billion_laughs": (billion_laughs, "DOCTYPE"),
    "quadratic_blowup": (quadratic_blowup, "DOCTYPE"),
    "plain_doctype": (lambda: _with_doctype(b"<!DOCTYPE Bericht>"), "DOCTYPE"),
    "deep_nesting": (deep_nesting, "DEPTH"),
    "ten_mb_text_node": (lambda: valid().replace(b">DN20260401<", b">" + b"A" * (10 * 1024 * 1024) + b"<"), "TEXT"),
    "hundred_thousand_attributes": (many_attributes, "ATTRIBUTES"),
    "hundred_thousand_spaced_attributes": (lambda: many_attributes(b" =\n "), "ATTRIBUTES"),
    "latin1_declared": (lambda: valid().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'), "ENCODING"),
    "utf16_encoded": (lambda: valid().replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16-le"), "ENCODING"),
    "invalid_utf8_bytes": (lambda: valid().replace(b">R100<", b">R\xff\xfe0<"), "ENCODING"),
    "byte_order_mark": (lambda: b"\xef\xbb\xbf" + valid(), "ENCODING"),
    "wrong_namespace": (lambda: valid().replace(b"ijw/3_2/jw323", b"ijw/3_1/jw323"), "NAMESPACE"),
    "wrong_subversion": (lambda: valid().replace(b"<jw323:BerichtSubversie>2<", b"<jw323:BerichtSubversie>1<"), "CS015"),
    "wrong_version": (lambda: valid().replace(b"<jw323:BerichtVersie>3<", b"<jw323:BerichtVersie>2<"), "CS025"),
    "oversized_body": (lambda: valid() + b" " * (25 * 1024 * 1024), "SIZE"),
}


def _rss(field: str) -> int:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) // 1024
    return 0


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: peak RSS := current RSS
    except OSError:
        pass  # then each figure is the peak so far, which only makes the bound stricter


def peaks_above_idle() -> dict[str, int]:
    """Peak RSS (MB) above idle per case; the kernel's peak is reset between cases."""
    from shared.ijw import IjwError, decode
    from shared.ijw.schemas import schema_for

    schema_for("323")
    peaks = {}
    for name, (build, _) in CASES.items():
        data = build()
        _reset_peak()
        idle = _rss("VmRSS")
        try:
            decode(data)
        except IjwError:
            pass
        peaks[name] = _rss("VmHWM") - idle
        del data
    return peaks


if __name__ == "__main__":
    print(json.dumps(peaks_above_idle()))
