"""Streaming readers for big messages (a 100,000-line JW323 in well under 256 MB).

A pull parser validates against the schema while it reads. We look at the validator's log after
every 64 KB chunk and stop at the first error it shows; with the lxml in use the validity errors
of a streaming parse only show at the end, without a line, so every element is released as soon
as it is read (a flood of unexpected elements costs time, not memory) and the errors are placed
afterwards by shared.ijw.locating. Each JW323 Prestatie is mapped as soon as it is complete, then cleared and dropped with its
predecessors, so only the model stays in memory. Nothing here has side effects: the model is
returned only after the whole document was read and validated.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterator

from lxml import etree

from shared.ijw.errors import Finding, IjwError
from shared.ijw.mapping import basis
from shared.ijw.mapping.declaration import R323, declaratie_from_xml, prestatie_from_xml
from shared.ijw.mapping.xml import message_ns
from shared.ijw.model.declaration import DeclarationClient, DeclarationLine, Jw323
from shared.ijw.parsing import (
    MAX_BYTES,
    attribute_count, check_attributes, check_prolog, check_size, parser_options, read_head, syntax_findings,
)
from shared.ijw.locating import locate
from shared.ijw.positions import lines_of_stream
from shared.ijw.schemas import schema_for, xsd_findings

_NS = message_ns("323")
_HEADER, _CLIENT, _PRESTATIE, _DECLARATIE = (f"{{{_NS}}}{n}" for n in ("Header", "Client", "Prestatie", "Declaratie"))
_UNITS = (_HEADER, _CLIENT, _PRESTATIE, _DECLARATIE)
_CHUNK = 1024 * 1024
_FEED = 64 * 1024


def decode_jw323_file(path: Path, schema_dir: Path | None = None, max_bytes: int = MAX_BYTES) -> Jw323:
    """max_bytes exists for benchmarks only: a conforming message is at most 25 MB (OP179)."""
    check_size(os.path.getsize(path), max_bytes)
    with open(path, "rb") as stream:
        return decode_jw323_stream(stream, schema_dir)


def decode_jw323_stream(stream: BinaryIO, schema_dir: Path | None = None) -> Jw323:
    elements = validated_elements(stream, "323", schema_dir, _UNITS)
    try:
        return _assemble(elements)
    except IjwError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        # A unit the validator has not flagged yet could not be mapped: let the validator name
        # the problem by reading on, and only fall back to our own finding if it stays silent.
        for _ in elements:
            pass
        raise IjwError([Finding("VALUE", f"value cannot be represented: {exc}")]) from None


def _assemble(elements: Iterator[etree._Element]) -> Jw323:
    header, declaration = None, None
    lines: list[DeclarationLine] = []
    clients: list[DeclarationClient] = []
    for el in elements:
        if el.tag == _PRESTATIE:
            lines.append(prestatie_from_xml(el, R323))
        elif el.tag == _CLIENT:
            clients.append(DeclarationClient(R323.text(el, "Bsn"), tuple(lines)))
            lines = []
        elif el.tag == _HEADER:
            header = basis.header_from_xml(el, R323)
        else:
            declaration = declaratie_from_xml(el, tuple(clients))
        _release(el)
    if header is None or declaration is None:
        raise IjwError([Finding("NAMESPACE", "not an iJw 3.2 JW323 message")])
    return Jw323(header, declaration)


def validate_stream(stream: BinaryIO, code: str, schema_dir: Path | None = None) -> None:
    """Level-1 check of any message in constant memory; raises IjwError."""
    for el in validated_elements(stream, code, schema_dir, None):
        _release(el)


def validated_elements(stream: BinaryIO, code: str, schema_dir: Path | None,
                       tags: tuple[str, ...] | None) -> Iterator[etree._Element]:
    """Elements (of `tags`, or all) at their end, from a hardened, schema-validating pull parser.

    The input is fed in small chunks and the validator's log is read after each one, so at most
    one chunk of unexpected content is ever built before we stop.
    """
    _precheck(stream)
    etree.clear_error_log()
    parser = etree.XMLPullParser(events=("end",), tag=tags, schema=schema_for(code, schema_dir), **parser_options())
    try:
        for chunk in iter(lambda: stream.read(_FEED), b""):
            parser.feed(chunk)
            _stop_on_schema_errors(parser.error_log, stream)
            yield from (el for _, el in parser.read_events())
        parser.close()
        yield from (el for _, el in parser.read_events())
    except etree.XMLSyntaxError as exc:
        raise IjwError(_schema_findings(exc.error_log, stream) or syntax_findings(exc)) from None
    _stop_on_schema_errors(parser.error_log, stream)


def _stop_on_schema_errors(log: etree._ListErrorLog, stream: BinaryIO) -> None:
    if len(log):
        raise IjwError(_schema_findings(log, stream) or syntax_findings_from_log(log))


def _precheck(stream: BinaryIO) -> None:
    check_prolog(read_head(stream))
    attributes = 0
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        attributes += attribute_count(chunk)  # `="` split over two chunks is missed; a bound, not a count
        if len(chunk) == _CHUNK and b"<" not in chunk:
            # The longest iJw text is a 4000-character Commentaar. libxml2 stops at 10 MB anyway, but
            # a streaming parser then reports only "no element found", so name the problem ourselves.
            raise IjwError([Finding("TEXT", "a text node of more than 1 MB")])
    stream.seek(0)
    check_attributes(attributes)


def _schema_findings(log: etree._ListErrorLog, stream: BinaryIO) -> list[Finding]:
    """The streaming validator reports an error without its line (and may repeat it at close);
    each is reported once, placed by one more pass over the stream."""
    errors = list({e.message: e for e in log if e.domain_name == "SCHEMASV"}.values())
    return xsd_findings(errors, lines_of_stream(stream), locate=lambda messages: locate(stream, messages))


def syntax_findings_from_log(log: etree._ListErrorLog) -> list[Finding]:
    last = log.last_error
    return [Finding("XML", last.message, last.line or None, last.column or None)]


def _release(el: etree._Element) -> None:
    el.clear(keep_tail=True)
    parent = el.getparent()
    while parent is not None and el.getprevious() is not None:
        del parent[0]


