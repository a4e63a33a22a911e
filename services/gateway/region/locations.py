"""Where each key of a region file stands: line and column of every table, key and array element.

`tomllib` reads the file but keeps no positions, and a person fixing a file wants the line of
each problem, not only its path (`staff.2.password`). Tree-sitter's TOML grammar gives the
concrete syntax tree with positions; this walks it once into path -> (line, column), with the
same path parts pydantic reports (`"municipalities", 0, "budgets", "2026"`): tables by their
dotted header, arrays of tables by the element's index, dotted keys split, array elements by
index. A problem is placed at the longest part of its path found (a missing key at its table).
"""

from __future__ import annotations

from collections.abc import Iterator

import tree_sitter_toml
from tree_sitter import Language, Node, Parser

Path = tuple[str | int, ...]
Position = tuple[int, int]
"""1-based line and column, as editors count."""

_PARSER = Parser(Language(tree_sitter_toml.language()))
_VALUES_SKIPPED = frozenset({"[", "]", ",", "{", "}", "comment"})


class Locations:
    def __init__(self, text: bytes) -> None:
        self._found: dict[Path, Position] = {}
        self._arrays: dict[Path, int] = {}
        self._walk(_PARSER.parse(text).root_node)

    def of(self, path: Path) -> Position | None:
        """The position of `path`, or of its longest prefix that has one (None: nowhere)."""
        wanted = tuple(path)
        while wanted:
            if wanted in self._found:
                return self._found[wanted]
            wanted = wanted[:-1]
        return None

    def _walk(self, document: Node) -> None:
        for node in document.named_children:
            if node.type == "pair":
                self._pair(node, ())
            elif node.type in ("table", "table_array_element"):
                self._table(node)

    def _table(self, node: Node) -> None:
        header = next((c for c in node.named_children if c.type.endswith("key")), None)
        if header is None:
            return
        path = self._resolve(_key_parts(header), new_element=node.type == "table_array_element")
        self._mark(path, node)
        for child in node.named_children:
            if child.type == "pair":
                self._pair(child, path)

    def _resolve(self, parts: list[str], new_element: bool) -> Path:
        """A header's path: each part that names an array of tables continues in its last element;
        the header of `[[x]]` itself starts a new element of x."""
        path: Path = ()
        for i, part in enumerate(parts):
            path = (*path, part)
            if new_element and i == len(parts) - 1:
                index = self._arrays.get(path, 0)
                self._arrays[path] = index + 1
                path = (*path, index)
            elif path in self._arrays:
                path = (*path, self._arrays[path] - 1)
        return path

    def _pair(self, node: Node, table: Path) -> None:
        key, value = node.named_children[0], node.named_children[-1]
        path = (*table, *_key_parts(key))
        self._mark(path, node)
        self._value(value, path)

    def _value(self, node: Node, path: Path) -> None:
        if node.type == "array":
            for index, element in enumerate(_elements(node)):
                self._mark((*path, index), element)
                self._value(element, (*path, index))
        elif node.type == "inline_table":
            for pair in node.named_children:
                if pair.type == "pair":
                    self._pair(pair, path)

    def _mark(self, path: Path, node: Node) -> None:
        self._found.setdefault(path, (node.start_point.row + 1, node.start_point.column + 1))


def _elements(array: Node) -> Iterator[Node]:
    return (c for c in array.named_children if c.type not in _VALUES_SKIPPED)


def _key_parts(node: Node) -> list[str]:
    if node.type == "dotted_key":
        return [part for child in node.named_children for part in _key_parts(child)]
    text = (node.text or b"").decode("utf-8", "replace")
    return [text[1:-1] if node.type == "quoted_key" else text]
