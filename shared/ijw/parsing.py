"""The one hardened way we turn untrusted bytes into an lxml tree.

Checks that are cheap and decisive run on the raw bytes before libxml2 sees them: size (OP179,
25 MB), byte-order mark and declared encoding (OP192: UTF-8 without BOM) and any DOCTYPE in the
prolog (no DTDs means no entity expansion, internal or external). libxml2's own limits stay on
(huge_tree=False): nesting deeper than 256 and text nodes over 10,000,000 bytes are refused.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import BinaryIO

from lxml import etree

from shared.ijw.errors import Finding, IjwError

MAX_BYTES = 25 * 1024 * 1024
MAX_DEPTH = 256  # libxml2's own limit without huge_tree; enforced by the parser
# iJw elements carry no attributes (only namespace declarations and perhaps xsi:*), so more than
# this many `="` in the raw bytes is an attribute flood; counted before parsing because libxml2
# would otherwise build every attribute and the validator log an error for each.
MAX_ATTRIBUTES = 256
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_PROLOG_SCAN = 64 * 1024
_ATTRIBUTE = re.compile(rb"""=[ \t\r\n]*["']""")


def parser_options() -> dict[str, object]:
    """Options for every parser and iterparse call (CVE-2026-41066: set them explicitly)."""
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


@functools.cache
def hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(remove_blank_text=False, collect_ids=False, **parser_options())


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    if size > max_bytes:
        raise IjwError([Finding("SIZE", f"message is {size} bytes; the limit is {max_bytes} (OP179)")])
    if size == 0:
        raise IjwError([Finding("XML", "message is empty")])


def check_attributes(count: int) -> None:
    if count > MAX_ATTRIBUTES:
        raise IjwError([Finding("ATTRIBUTES", f"about {count} attributes; iJw messages have at most {MAX_ATTRIBUTES}")])


def attribute_count(chunk: bytes) -> int:
    """Occurrences of `= "` / `='` (whitespace allowed), counted only to just past the limit."""
    return sum(1 for _ in itertools.islice(_ATTRIBUTE.finditer(chunk), MAX_ATTRIBUTES + 1))


def check_prolog(head: bytes) -> None:
    """Reject a BOM, a non-UTF-8 encoding declaration and any DOCTYPE before the root element."""
    if head.startswith(_BOMS):
        raise IjwError([Finding("ENCODING", "byte-order mark present; iJw requires UTF-8 without BOM (OP192)", 1, 1)])
    if head.startswith((b"\x00", b"<\x00", b"\x00<")):
        raise IjwError([Finding("ENCODING", "message is not UTF-8 (OP192)", 1, 1)])
    declared = _DECLARED_ENCODING.match(head)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        name = declared.group(1).decode("ascii", "replace")
        raise IjwError([Finding("ENCODING", f"declared encoding {name!r}; iJw requires UTF-8 (OP192)", 1, 1)])
    position = _doctype_position(head)
    if position is not None:
        line = head.count(b"\n", 0, position) + 1
        raise IjwError([Finding("DOCTYPE", "a DOCTYPE is not allowed in an iJw message", line, 1)])


def _doctype_position(head: bytes) -> int | None:
    """Walk the prolog (declaration, comments, processing instructions) up to the root element."""
    position = 0
    while position < len(head):
        while position < len(head) and head[position : position + 1] in b" \t\r\n":
            position += 1
        rest = head[position : position + 9]
        if rest.upper().startswith(b"<!DOCTYPE"):
            return position
        if rest.startswith(b"<?"):
            end = head.find(b"?>", position)
        elif rest.startswith(b"<!--"):
            end = head.find(b"-->", position)
        elif rest.startswith(b"<!"):
            return position
        else:
            return None
        if end < 0:
            return None
        position = end + 2
    return None


def parse(data: bytes) -> etree._ElementTree:
    """Parse untrusted bytes; raise IjwError with level-1 findings on anything unsafe or malformed."""
    check_size(len(data))
    check_prolog(data[:_PROLOG_SCAN])
    check_attributes(attribute_count(data))
    etree.clear_error_log()
    try:
        tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
    except etree.XMLSyntaxError as exc:
        raise IjwError(syntax_findings(exc)) from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise IjwError([Finding("DOCTYPE", "a DOCTYPE is not allowed in an iJw message")])
    return tree


def read_head(stream: BinaryIO) -> bytes:
    head = stream.read(_PROLOG_SCAN)
    stream.seek(0)
    return head


def syntax_findings(exc: etree.XMLSyntaxError) -> list[Finding]:
    """The fatal error only: libxml2's error log may also hold entries from earlier parses."""
    last = exc.error_log.last_error
    message = last.message if last is not None else str(exc)
    line, column = exc.position if exc.position else (None, None)
    return [Finding(_syntax_rule(message), message, line, column)]


def _syntax_rule(text: str) -> str:
    lowered = text.lower()
    if "depth" in lowered:
        return "DEPTH"
    if "text node too long" in lowered:
        return "TEXT"
    if "utf-8" in lowered or "encoding" in lowered or "char 0x" in lowered:
        return "ENCODING"
    if "entity" in lowered or "doctype" in lowered:
        return "DOCTYPE"
    return "XML"
