"""Namespaces and the small element read/write primitives the mappings are written with."""

from __future__ import annotations

from datetime import date, time

from lxml import etree

BASIS_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"


def message_ns(code: str) -> str:
    return f"http://www.istandaarden.nl/ijw/3_2/jw{code}/schema"


def new_root(code: str) -> etree._Element:
    return etree.Element(f"{{{message_ns(code)}}}Bericht", nsmap={f"jw{code}": message_ns(code), "ijw": BASIS_NS})


class Reader:
    """Reads children of one namespace (the message's own, or the basisschema's)."""

    __slots__ = ("ns",)

    def __init__(self, ns: str) -> None:
        self.ns = ns

    def el(self, parent: etree._Element, name: str) -> etree._Element:
        found = parent.find(f"{{{self.ns}}}{name}")
        if found is None:
            raise ValueError(f"missing element {name}")
        return found

    def opt_el(self, parent: etree._Element, name: str) -> etree._Element | None:
        return parent.find(f"{{{self.ns}}}{name}")

    def all(self, parent: etree._Element | None, name: str) -> list[etree._Element]:
        return [] if parent is None else parent.findall(f"{{{self.ns}}}{name}")

    def text(self, parent: etree._Element, name: str) -> str:
        return self.el(parent, name).text or ""

    def opt_text(self, parent: etree._Element, name: str) -> str | None:
        found = parent.find(f"{{{self.ns}}}{name}")
        return None if found is None else (found.text or "")

    def int(self, parent: etree._Element, name: str) -> int:
        return int(self.text(parent, name))

    def opt_int(self, parent: etree._Element, name: str) -> int | None:
        value = self.opt_text(parent, name)
        return None if value is None else int(value)

    def date(self, parent: etree._Element, name: str) -> date:
        return date.fromisoformat(self.text(parent, name))

    def opt_date(self, parent: etree._Element, name: str) -> date | None:
        value = self.opt_text(parent, name)
        return None if value is None else date.fromisoformat(value)

    def time(self, parent: etree._Element, name: str) -> time:
        return time.fromisoformat(self.text(parent, name))


class Writer:
    """Appends children in one namespace; optional values that are None are left out."""

    __slots__ = ("ns",)

    def __init__(self, ns: str) -> None:
        self.ns = ns

    def el(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{self.ns}}}{name}")

    def text(self, parent: etree._Element, name: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, (date, time)):
            value = value.isoformat()
        etree.SubElement(parent, f"{{{self.ns}}}{name}").text = str(value)


BASIS_READ = Reader(BASIS_NS)
BASIS_WRITE = Writer(BASIS_NS)
