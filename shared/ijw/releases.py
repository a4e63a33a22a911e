"""An iJw release as one versioned unit: its XSDs, its message mappings, its level-2 rules and
its code lists, selected by the version fields of each message.

A new release binds on publication while messages of the old one are still in flight, so a
second release goes beside 3.2 in `RELEASES` and `decode`, `check` and `validate` pick the one a
message names; their callers (the gateway, the services, `happyflow ijw check`) do not change.

Selection reads BerichtVersie and BerichtSubversie from the header (CS025, CS015). A message
naming a release we do not read is refused at level 1 under those rules: the standard enforces
them in the XSD (controleniveau "berichtformaat"), and a level-1 failure gets no iJw answer —
VECOZO refuses such a message itself — so the gateway answers 422, never a JW325. The XsdVersie
(RS048, IV034) is not a selector: patch versions of one release's XSDs share its namespace and
structure, so any n.n.n is read with the release's own XSDs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from shared.ijw.errors import Finding, IjwError
from shared.ijw.parsing import parser_options
from shared.ijw.registry import MESSAGE_TYPES, MessageType
from shared.ijw.rules import RULES_BY_MESSAGE, located
from shared.ijw.schemas import BUNDLED_SCHEMA_DIR
from shared.ijw.streaming import decode_jw323_stream

_VERSIE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?BerichtVersie>\s*([0-9]+)\s*</")
_SUBVERSIE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?BerichtSubversie>\s*([0-9]+)\s*</")
_HEAD = 8192
XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass(frozen=True)
class Release:
    name: str
    versie: str
    """BerichtVersie (CS025 in 3.2)"""
    subversie: str
    """BerichtSubversie (CS015 in 3.2)"""
    namespace: str
    """the release's part of every namespace: `http://www.istandaarden.nl/ijw/3_2/jw323/schema`"""
    schema_dir: Path
    message_types: Mapping[str, MessageType]
    rules: Mapping[str, Callable[[object], list[Finding]]]
    streamed: Mapping[str, Callable[[BinaryIO, Path | None], object]] = field(default_factory=dict)
    """messages mapped while streaming when big (the rest are validated while streaming)"""

    def code_of_root(self, tag: str) -> str | None:
        for code in self.message_types:
            if tag == f"{{http://www.istandaarden.nl/ijw/{self.namespace}/jw{code}/schema}}Bericht":
                return code
        return None

    def model_types(self) -> tuple[type, ...]:
        return tuple(t.model for t in self.message_types.values())

    def codes(self, code_list: str) -> frozenset[str]:
        """A code list as the release's basisschema enumerates it (`LDT_RetourCode` is WJ001)."""
        return _enumeration(self.schema_dir, code_list)


IJW_3_2 = Release("3.2", "3", "2", "3_2", BUNDLED_SCHEMA_DIR, MESSAGE_TYPES, RULES_BY_MESSAGE,
                  {"323": decode_jw323_stream})
RELEASES: tuple[Release, ...] = (IJW_3_2,)


def select(data: bytes, releases: tuple[Release, ...] = RELEASES) -> Release:
    """The release a message's header names; the first when it names none (the XSD then says
    what is missing); IjwError (CS025/CS015) when it names one we do not read."""
    head = data[:_HEAD]
    versie, subversie = _VERSIE.search(head), _SUBVERSIE.search(head)
    if versie is None or subversie is None:
        return releases[0]
    named = (versie.group(1).decode(), subversie.group(1).decode())
    for release in releases:
        if (release.versie, release.subversie) == named:
            return release
    known = ", ".join(f"iJw {r.name}" for r in releases)
    rule, field_match = ("CS025", versie) if all(r.versie != named[0] for r in releases) else ("CS015", subversie)
    line = head.count(b"\n", 0, field_match.start()) + 1
    column = field_match.start() - (head.rfind(b"\n", 0, field_match.start()) + 1) + 1
    raise IjwError([Finding(rule, f"BerichtVersie {named[0]}, BerichtSubversie {named[1]} names iJw "
                            f"{named[0]}.{named[1]}, a release this system does not read ({known})", line, column)])


def check(message, releases: tuple[Release, ...] = RELEASES) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Level 2: every finding of the rules of the message's release (an empty list: valid)."""
    return located(message.code, release_of(message, releases).rules[message.code](message))


def release_of(message: object, releases: tuple[Release, ...] = RELEASES) -> Release:
    """The release whose models the message is made of."""
    return next((r for r in releases if isinstance(message, r.model_types())), releases[0])


@functools.cache
def _enumeration(schema_dir: Path, type_name: str) -> frozenset[str]:
    path = next(p for p in schema_dir.iterdir() if p.name.lower() == "basisschema.xsd")
    root = etree.parse(str(path), etree.XMLParser(**parser_options())).getroot()
    for simple in root.iter(f"{XS}simpleType"):
        if simple.get("name") == type_name:
            return frozenset(e.get("value") for e in simple.iter(f"{XS}enumeration"))
    raise KeyError(type_name)
