"""Line and column of the schema errors a streaming validation reports without them.

libxml2's streaming validator (the pull parser that reads messages over 2 MB) names the element
and what is wrong with it, but no position. On that error path only, one more pass over the
stream, without the schema and in constant memory, finds the element each error names: for a
wrong value the element of that name holding that value (exact); for missing children the first
element of that name without them; otherwise the first element of that name not yet claimed by
an earlier error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from shared.ijw.parsing import parser_options
from shared.ijw.positions import column_of, lines_of_stream

_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([A-Za-z]+)'")
_VALUE = re.compile(r"(?:The value|Element '[^']*':) '([^']*)'")
_EXPECTED = re.compile(r"Missing child element\(s\)\. Expected is \( ([^)]*) \)")
_FEED = 64 * 1024


@dataclass
class _Wanted:
    name: str | None
    value: str | None
    missing: frozenset[str]
    line: int | None = None
    nth: int = 0
    path: str | None = None


def locate(stream: BinaryIO, messages: list[str]) -> list[tuple[int, int, str | None]]:
    """(line, column, element path) for each error message, in the order given. Only the open
    elements are kept: each is dropped at its end, its children's names kept on a stack. The pass
    stops once every error that names an element has found it: a flood of unexpected elements
    after the first costs nothing more here."""
    wanted = [_wanted(message) for message in messages]
    starts: dict[tuple[int, str], int] = {}
    open_elements: list[tuple[str, int, set[str], dict[str, int]]] = []
    stream.seek(0)
    parser = etree.XMLPullParser(events=("start", "end"), **parser_options())
    for chunk in iter(lambda: stream.read(_FEED), b""):
        if not (looking := {w.name for w in wanted if w.line is None and w.name is not None}):
            break
        parser.feed(chunk)
        for event, el in parser.read_events():
            name = etree.QName(el).localname
            if event == "start":
                key = (el.sourceline, name)
                starts[key] = starts.get(key, -1) + 1
                siblings = open_elements[-1][3] if open_elements else {}
                siblings[name] = siblings.get(name, 0) + 1
                open_elements.append((f"{name}[{siblings[name]}]", starts[key], set(), {}))
                continue
            if name in looking:
                path = "/" + "/".join(step for step, *_ in open_elements)
                _claim(wanted, el, name, open_elements[-1][1], open_elements[-1][2], path)
            open_elements.pop()
            if open_elements:
                open_elements[-1][2].add(name)
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    lines = lines_of_stream(stream)
    return [(w.line or 1, column_of(lines(w.line or 1), w.name, w.nth), w.path) for w in wanted]


def _wanted(message: str) -> _Wanted:
    name, value, expected = _ELEMENT.search(message), _VALUE.search(message), _EXPECTED.search(message)
    missing = frozenset() if expected is None else frozenset(
        part.rsplit("}", 1)[-1].strip() for part in expected.group(1).split(","))
    return _Wanted(name.group(1) if name else None, value.group(1) if value else None, missing)


def _claim(wanted: list[_Wanted], el: etree._Element, name: str, nth: int, children: set[str], path: str) -> None:
    for w in wanted:
        if w.line is not None or w.name != name:
            continue
        if w.value is not None and (el.text or "") != w.value:
            continue
        if w.missing and not (w.missing - children):
            continue
        w.line, w.nth, w.path = el.sourceline, nth, path
        return


def locate_paths(stream: BinaryIO, paths: list[str]) -> dict[str, tuple[int, int]]:
    """(line, column) of the element at each element path (`/Bericht/Client/Contactgegevens/
    Contact[2]/Soort`, a step without index meaning the first), or of its nearest ancestor the
    message has (a required element that is missing is reported where it belongs). One pass in
    constant memory, for messages of any size."""
    wanted = {path: _steps(path) for path in paths}
    prefixes: dict[tuple[str, ...], list[str]] = {}
    for path, steps in wanted.items():
        for depth in range(1, len(steps) + 1):
            prefixes.setdefault(steps[:depth], []).append(path)
    found: dict[str, tuple[int, tuple[int, int]]] = {}
    position: list[str] = []
    counts: list[dict[str, int]] = [{}]
    line_starts: tuple[int, dict[str, int]] = (0, {})
    lines = lines_of_stream(stream)
    stream.seek(0)
    parser = etree.XMLPullParser(events=("start", "end"), **parser_options())
    for chunk in iter(lambda: stream.read(_FEED), b""):
        parser.feed(chunk)
        for event, el in parser.read_events():
            if event == "end":
                position.pop(), counts.pop()
                parent = el.getparent()
                if parent is not None:
                    parent.remove(el)
                continue
            name = etree.QName(el).localname
            counts[-1][name] = counts[-1].get(name, 0) + 1
            position.append(f"{name}[{counts[-1][name]}]")
            counts.append({})
            if line_starts[0] != el.sourceline:
                line_starts = (el.sourceline, {})
            nth = line_starts[1][name] = line_starts[1].get(name, -1) + 1
            for path in prefixes.get(tuple(position), ()):
                if found.get(path, (0,))[0] < len(position):
                    found[path] = (len(position), (el.sourceline, nth))
    return {path: (line, column_of(lines(line), wanted[path][depth - 1].split("[")[0], nth))
            for path, (depth, (line, nth)) in found.items()}


def _steps(path: str) -> tuple[str, ...]:
    return tuple(step if step.endswith("]") else f"{step}[1]" for step in path.split("/") if step)
