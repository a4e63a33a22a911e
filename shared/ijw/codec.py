"""decode(bytes) -> model and encode(model) -> bytes, both validated against the XSDs (level 1)
of the iJw release the message names (shared.ijw.releases).

Level-2 rules are separate (shared.ijw.releases.check) because they are about content, and a caller
may want to answer a level-2 failure with 0001 rather than refuse the bytes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO, Callable

from lxml import etree

from shared.ijw.errors import Finding, IjwError
from shared.ijw.model import Message
from shared.ijw.parsing import MAX_BYTES, check_prolog, check_size, hardened_parser, parse
from shared.ijw.positions import lines_of_bytes
from shared.ijw.registry import BY_BERICHTCODE
from shared.ijw.releases import RELEASES, Release, release_of, select
from shared.ijw.schemas import schema_for, xsd_findings
from shared.ijw.streaming import validate_stream

# Above this size a message is first validated while streaming, in constant memory, so a hostile
# body is refused before any tree exists; a JW323 is then also mapped while streaming.
STREAM_THRESHOLD = 2 * 1024 * 1024
_BERICHTCODE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?BerichtCode>\s*([0-9]{3})\s*</")
_ROOT_NS = re.compile(rb"http://www\.istandaarden\.nl/ijw/([0-9]+_[0-9]+)/jw([0-9]{3})/schema")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def message_code(data: bytes) -> str | None:
    """The message ("323") named by the BerichtCode in the first kilobytes, without parsing."""
    found = _BERICHTCODE.search(data[:8192])
    if not found:
        return None
    message_type = BY_BERICHTCODE.get(found.group(1).decode("ascii"))
    return None if message_type is None else message_type.code


def decode(data: bytes | BinaryIO, schema_dir: Path | None = None, releases: tuple[Release, ...] = RELEASES,
           max_bytes: int = MAX_BYTES) -> Message:
    """`schema_dir` replaces the XSDs of the release the message names (an official package).
    `max_bytes` is OP179's 25 MB unless an operator (or a benchmark) configures another limit.
    `data` may be a seekable binary file: a big message is then read from it streamed and never
    held whole (a 100,000-line JW323 as the gateway spools it)."""
    if not isinstance(data, bytes):
        return _decode_file(data, schema_dir, releases, max_bytes)
    check_size(len(data), max_bytes)
    check_prolog(data[:65536])
    release = select(data, releases)
    schemas = schema_dir or release.schema_dir
    big_code = _namespace_code(data, release) if len(data) > STREAM_THRESHOLD else None
    if big_code in release.streamed:
        return release.streamed[big_code](io.BytesIO(data), schemas)
    if big_code is not None:
        validate_stream(io.BytesIO(data), big_code, schemas)
    tree = parse(data)
    root = tree.getroot()
    code = release.code_of_root(root.tag)
    if code is None:
        raise IjwError([Finding("NAMESPACE", f"root element {root.tag} is not an iJw {release.name} message",
                                root.sourceline, 1)])
    schema = schema_for(code, schemas)
    if not schema.validate(tree):
        raise IjwError(xsd_findings(schema.error_log, lines_of_bytes(data), tree))
    return mapped(release.message_types[code].from_xml, root)


def _decode_file(file: BinaryIO, schema_dir: Path | None, releases: tuple[Release, ...], max_bytes: int) -> Message:
    """decode() of a file: what decode() reads of the bytes' head it reads of the file's, and a
    big JW323 goes to the release's streamed reader from the file; anything else is read whole."""
    size = file.seek(0, io.SEEK_END)
    file.seek(0)
    head = file.read(65536)
    file.seek(0)
    if size > STREAM_THRESHOLD:
        check_size(size, max_bytes)
        check_prolog(head)
        release = select(head, releases)
        code = _namespace_code(head, release)
        if code in release.streamed:
            return release.streamed[code](file, schema_dir or release.schema_dir)
    return decode(file.read(), schema_dir, releases, max_bytes)


def mapped(from_xml: Callable[[etree._Element], Message], root: etree._Element) -> Message:
    """Map a schema-valid tree; the few values XSD allows but Python cannot hold become findings."""
    try:
        return from_xml(root)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:  # e.g. xs:time 24:00:00
        raise IjwError([Finding("VALUE", f"value cannot be represented: {exc}")]) from None


def _namespace_code(data: bytes, release: Release) -> str | None:
    found = _ROOT_NS.search(data[:4096])
    if found is None or found.group(1).decode("ascii") != release.namespace:
        return None
    code = found.group(2).decode("ascii")
    return code if code in release.message_types else None


def encode(message: Message, schema_dir: Path | None = None) -> bytes:
    release = release_of(message)
    message_type = release.message_types[message.code]
    root = message_type.to_xml(message)
    # OP192: UTF-8 without BOM, CR/LF line ends. Parsers normalise CR/LF in text back to LF.
    data = (_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)).replace(b"\n", b"\r\n")
    tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
    schema = schema_for(message_type.code, schema_dir or release.schema_dir)
    if not schema.validate(tree):
        raise IjwError(xsd_findings(schema.error_log, lines_of_bytes(data), tree))
    return data
