"""The literal table of iJw 3.2 messages: code → BerichtCode, model and mapping functions."""

from __future__ import annotations

from typing import Callable, NamedTuple

from lxml import etree

from shared.ijw import model
from shared.ijw.mapping import allocation, declaration, delivery, request


class MessageType(NamedTuple):
    code: str
    berichtcode: str
    model: type
    from_xml: Callable[[etree._Element], object]
    to_xml: Callable[[object], etree._Element]


MESSAGE_TYPES: dict[str, MessageType] = {
    t.code: t
    for t in (
        MessageType("301", "436", model.Jw301, allocation.jw301_from_xml, allocation.jw301_to_xml),
        MessageType("302", "437", model.Jw302, allocation.jw302_from_xml, allocation.jw302_to_xml),
        MessageType("305", "438", model.Jw305, delivery.jw305_from_xml, delivery.jw305_to_xml),
        MessageType("306", "439", model.Jw306, delivery.jw306_from_xml, delivery.jw306_to_xml),
        MessageType("307", "440", model.Jw307, delivery.jw307_from_xml, delivery.jw307_to_xml),
        MessageType("308", "441", model.Jw308, delivery.jw308_from_xml, delivery.jw308_to_xml),
        MessageType("315", "446", model.Jw315, request.jw315_from_xml, request.jw315_to_xml),
        MessageType("316", "447", model.Jw316, request.jw316_from_xml, request.jw316_to_xml),
        MessageType("317", "486", model.Jw317, request.jw317_from_xml, request.jw317_to_xml),
        MessageType("318", "487", model.Jw318, request.jw318_from_xml, request.jw318_to_xml),
        MessageType("319", "488", model.Jw319, request.jw319_from_xml, request.jw319_to_xml),
        MessageType("320", "489", model.Jw320, request.jw320_from_xml, request.jw320_to_xml),
        MessageType("323", "490", model.Jw323, declaration.jw323_from_xml, declaration.jw323_to_xml),
        MessageType("325", "491", model.Jw325, declaration.jw325_from_xml, declaration.jw325_to_xml),
    )
}
BY_BERICHTCODE = {t.berichtcode: t for t in MESSAGE_TYPES.values()}
_ROOTS = {f"{{http://www.istandaarden.nl/ijw/3_2/jw{code}/schema}}Bericht": code for code in MESSAGE_TYPES}


def code_of_root(tag: str) -> str | None:
    """Message code ("323") for a root element tag, or None for anything that is not iJw 3.2."""
    return _ROOTS.get(tag)
