"""Compiled iJw 3.2 XSDs, loaded lazily and cached per (directory, message).

By default our bundled schemas (schemas/iJw/3.2 in the repository) are used; pass schema_dir to
validate against an official Zorginstituut XSD package instead. File names are matched
case-insensitively (JW323.xsd, jw323.xsd).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from shared.ijw.errors import Finding, IjwError
from shared.ijw.parsing import parser_options
from shared.ijw.positions import LineReader, column_of, nth_on_its_line

BUNDLED_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "iJw" / "3.2"

# XSD facets that implement a named iJw constraint: report the constraint's code.
_FACET_RULES = {
    ("DeclaratieNummer", "pattern"): "CS319",
    ("BerichtVersie", "pattern"): "CS025",
    ("BerichtSubversie", "pattern"): "CS015",
}
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([A-Za-z]+)'")
_FACET = re.compile(r"\[facet '([a-zA-Z]+)'\]")


def schema_path(code: str, schema_dir: Path | None = None) -> Path:
    directory = Path(schema_dir) if schema_dir is not None else BUNDLED_SCHEMA_DIR
    found = _schema_files(directory).get(f"jw{code}.xsd")
    if found is None:
        raise IjwError([Finding("SCHEMA", f"no jw{code}.xsd in {directory}")])
    return found


@functools.cache
def _schema_files(directory: Path) -> dict[str, Path]:
    """The folder's XSDs by lower-case name, read once (an official package may capitalise)."""
    return {p.name.lower(): p for p in sorted(directory.iterdir())} if directory.is_dir() else {}


_COMPILING = threading.Lock()
"""libxml2 breaks when two schemas compile at once in different threads of a fresh process
(measured: 1 run in 15 with 8 threads — "Document is not valid XML Schema", "the given type is
not a built-in type"); decoding runs in worker threads, so compiles take turns."""


def schema_for(code: str, schema_dir: Path | None = None) -> etree.XMLSchema:
    path = schema_path(code, schema_dir)
    try:
        with _COMPILING:
            _compile_folder(path.parent)
            return _compiled(path)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise IjwError([Finding("SCHEMA", f"{path} does not compile: {exc}")]) from None


def compile_schemas(*folders: Path | None) -> None:
    """Compile every message XSD of the folders (the bundled ones for None) before any message is
    read: compiling while another thread parses or validates can break libxml2 as two compiles
    at once do (a crash test saw a valid JW301 refused, "does not compile", under load). A start
    calls this, so the threads that decode later only ever use compiled schemas (about 25 ms
    for the 14 XSDs of iJw 3.2)."""
    with _COMPILING:
        for folder in folders or (None,):
            _compile_folder(Path(folder) if folder is not None else BUNDLED_SCHEMA_DIR)


@functools.cache
def _compile_folder(directory: Path) -> None:
    """Every message XSD of the folder at its first use; one that does not compile is reported
    when a message asks for it (schema_for), not here."""
    for name, path in _schema_files(directory).items():
        if name.startswith("jw") and name.endswith(".xsd"):
            try:
                _compiled(path)
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError):
                continue


@functools.cache
def _compiled(path: Path) -> etree.XMLSchema:
    xsd_parser = etree.XMLParser(**parser_options())
    xsd_parser.resolvers.add(_CaseBlindImports())
    return etree.XMLSchema(etree.parse(str(path), xsd_parser))


class _CaseBlindImports(etree.Resolver):
    """A published package imports `basisschema.xsd` while the file is `Basisschema.xsd`: on a
    case-sensitive file system the import would not resolve, so a missing file is looked up in
    its folder whatever its case. Only files in the schema's own folder are ever read."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        path = Path(url)
        if path.exists() or not path.parent.is_dir():
            return None
        found = _schema_files(path.parent).get(path.name.lower())
        return None if found is None else self.resolve_filename(str(found), context)


def xsd_findings(error_log: Iterable[etree._LogEntry], lines: LineReader, tree: etree._ElementTree | None = None,
                 locate: Callable[[list[str]], list[tuple[int, int, str | None]]] | None = None) -> list[Finding]:
    """Every schema error with its rule, line and column (shared.ijw.positions); errors the
    validator gave no line are placed by `locate` (the streaming path, shared.ijw.locating)."""
    errors = list(error_log)
    unplaced = [e.message for e in errors if not e.line]
    placed = iter(locate(unplaced) if locate and unplaced else [])
    return [_finding(e, lines, tree) if e.line or locate is None else _placed(e.message, *next(placed))
            for e in errors]


def _placed(message: str, line: int, column: int, path: str | None) -> Finding:
    return Finding(_rule(message), message, line, column, location=path)


def _finding(e: etree._LogEntry, lines: LineReader, tree: etree._ElementTree | None) -> Finding:
    element = _ELEMENT.search(e.message)
    name = element.group(1) if element else None
    line = e.line or 1
    path = getattr(e, "path", None)
    column = e.column or column_of(lines(line), name, nth_on_its_line(tree, path))
    return Finding(_rule(e.message), e.message, line, column, location=_without_prefixes(path))


def _without_prefixes(path: str | None) -> str | None:
    """libxml2's node path (`/jw323:Bericht/jw323:Header/ijw:Dagtekening`) as an iJw element path."""
    return re.sub(r"(?<=/)[A-Za-z_][\w.-]*:", "", path) if path else None


def _rule(message: str) -> str:
    element, facet = _ELEMENT.search(message), _FACET.search(message)
    if element and facet:
        return _FACET_RULES.get((element.group(1), facet.group(1)), "XSD")
    return "XSD"
