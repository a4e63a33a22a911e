"""Where a schema error is in the input, as line and column.

libxml2 reports the line of a schema validity error but column 0: it validates elements, not
characters. The column is found here: the start tag of the element the error names, on that
line (the nth one when several start there, as in a message written on one line), else the
line's first character that is not blank. Lines are read only when there is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO

from lxml import etree

LineReader = Callable[[int], bytes | None]


def lines_of_bytes(data: bytes) -> LineReader:
    lines: list[bytes] = []

    def line(number: int) -> bytes | None:
        if not lines:
            lines.extend(data.split(b"\n"))
        return lines[number - 1] if 0 < number <= len(lines) else None

    return line


def lines_of_stream(stream: BinaryIO) -> LineReader:
    """Reads the seekable stream again up to the line asked for."""

    def line(number: int) -> bytes | None:
        stream.seek(0)
        for current, text in enumerate(stream, start=1):
            if current == number:
                return text
        return None

    return line


def column_of(text: bytes | None, element: str | None, nth: int = 0) -> int:
    """1-based column (in characters) of the nth start tag of `element` on the line."""
    if text is None:
        return 1
    if element:
        starts = [m.start() for m in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?" + re.escape(element.encode())
                                                 + rb"(?=[\s/>])", text)]
        if starts:
            return _characters(text, starts[min(nth, len(starts) - 1)]) + 1
    stripped = len(text) - len(text.lstrip())
    return _characters(text, stripped) + 1


def nth_on_its_line(tree: etree._ElementTree | None, path: str | None) -> int:
    """How many elements of the same name start on the same line before the one at `path`."""
    if tree is None or not path:
        return 0
    root = tree.getroot()
    try:
        found = root.xpath(path, namespaces={k: v for k, v in root.nsmap.items() if k})
    except etree.XPathError:
        return 0
    if not found or not isinstance(found[0], etree._Element):
        return 0
    node = found[0]
    same = (e for e in root.iter(node.tag) if e.sourceline == node.sourceline)
    return next((i for i, e in enumerate(same) if e is node), 0)


def _characters(text: bytes, offset: int) -> int:
    return len(text[:offset].decode("utf-8", "replace"))
