"""Two iJw XSD sets compared element by element: our bundled schemas against a published package.

Each message schema is flattened into its element paths (`Bericht/Header/BerichtVersie`), each
with what an instance may hold there: how often the element may occur, the child elements in
order, or the value's built-in type and facets with every restriction in its chain applied. Type
names, annotations and the layout of the files do not count: two schemas that accept the same
messages give the same outline, and every difference between two outlines is a message one of
them accepts and the other refuses.

    happyflow ijw compare-schemas PUBLISHED_DIR [--ours DIR]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from shared.ijw.parsing import parser_options

XS = "http://www.w3.org/2001/XMLSchema"
_XS = f"{{{XS}}}"
_NARROWING = ("minLength", "maxLength", "length", "minInclusive", "maxInclusive", "totalDigits", "fractionDigits")


@dataclass(frozen=True, slots=True)
class Difference:
    message: str
    path: str
    ours: str | None
    theirs: str | None


class SchemaSet:
    """The named simple and complex types of every XSD in one folder, by (namespace, name)."""

    def __init__(self, directory: Path) -> None:
        self.messages: dict[str, etree._Element] = {}
        self.types: dict[tuple[str, str], etree._Element] = {}
        for path in sorted(Path(directory).glob("*.xsd"), key=lambda p: p.name.lower()):
            root = _read(path)
            namespace = root.get("targetNamespace", "")
            for definition in root:
                if definition.tag in (_XS + "simpleType", _XS + "complexType") and definition.get("name"):
                    self.types[(namespace, definition.get("name"))] = definition
            if path.stem.lower().startswith("jw"):
                self.messages[path.stem.upper()] = root

    def outline(self, message: str) -> dict[str, str]:
        root = self.messages[message]
        bericht = next(e for e in root if e.tag == _XS + "element" and e.get("name") == "Bericht")
        found: dict[str, str] = {}
        self._element(bericht, "Bericht", found)
        return found

    def _element(self, element: etree._Element, path: str, found: dict[str, str]) -> None:
        occurs = f"{element.get('minOccurs', '1')}..{element.get('maxOccurs', '1')}"
        definition = self._type_of(element)
        if definition is not None and definition.tag == _XS + "complexType":
            children = [c for c in definition.iter(_XS + "element")]
            compositors = sorted({etree.QName(c).localname for c in definition.iter(_XS + "sequence",
                                                                                   _XS + "choice", _XS + "all")})
            found[path] = f"{occurs} {'/'.join(compositors)}({', '.join(c.get('name') for c in children)})"
            for child in children:
                self._element(child, f"{path}/{child.get('name')}", found)
        else:
            found[path] = f"{occurs} {self.simple(definition, element)}"

    def _type_of(self, element: etree._Element) -> etree._Element | None:
        inline = element.find(_XS + "complexType")
        if inline is None:
            inline = element.find(_XS + "simpleType")
        if inline is not None:
            return inline
        return self._named(element, element.get("type"))

    def _named(self, context: etree._Element, qname: str | None) -> etree._Element | None:
        if qname is None:
            return None
        prefix, _, name = qname.rpartition(":")
        namespace = context.nsmap.get(prefix or None, "")
        return None if namespace == XS else self.types.get((namespace, name))

    def simple(self, definition: etree._Element | None, context: etree._Element) -> str:
        """The built-in base and the facets in force, the chain's restrictions applied in order."""
        chain: list[etree._Element] = []
        base = context.get("type", "?")
        while definition is not None:
            restriction = definition.find(_XS + "restriction")
            if restriction is None:
                return "complex" if definition.tag == _XS + "complexType" else "list/union"
            chain.append(restriction)
            base = restriction.get("base", "?")
            definition = self._named(restriction, base)
        facets: dict[str, str] = {}
        patterns: list[str] = []
        for restriction in reversed(chain):
            values = [(etree.QName(f).localname, f.get("value")) for f in restriction if f.tag != _XS + "annotation"
                      and isinstance(f.tag, str)]
            enumeration = [v for kind, v in values if kind == "enumeration"]
            if enumeration:
                facets["enumeration"] = "{" + ",".join(sorted(enumeration)) + "}"
            patterns += [v for kind, v in values if kind == "pattern"]
            facets.update((kind, v) for kind, v in values if kind in _NARROWING)
        described = [f"{kind}={facets[kind]}" for kind in sorted(facets)] + [f"pattern={p}" for p in sorted(set(patterns))]
        return " ".join([base.rpartition(":")[2], *described])


def compare(ours: Path, theirs: Path) -> list[Difference]:
    mine, published = SchemaSet(ours), SchemaSet(theirs)
    differences: list[Difference] = []
    for message in sorted(mine.messages.keys() | published.messages.keys()):
        a = mine.outline(message) if message in mine.messages else {}
        b = published.outline(message) if message in published.messages else {}
        differences += [Difference(message, path, a.get(path), b.get(path))
                        for path in sorted(a.keys() | b.keys()) if a.get(path) != b.get(path)]
    return differences


def _read(path: Path) -> etree._Element:
    """A published copy may carry a stray line before the XML declaration; it is skipped."""
    data = path.read_bytes()
    start = data.find(b"<?xml")
    return etree.fromstring(data[max(start, 0):], etree.XMLParser(remove_comments=True, **parser_options()))
