"""Level-2 rules of iJw 3.2 per message; `shared.ijw.releases.check` runs the ones of a message's release."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from shared.ijw.errors import Finding
from shared.ijw.mapping.locations import element_path
from shared.ijw.model import Message
from shared.ijw.rules.allocation import check_jw301
from shared.ijw.rules.common import bsn_findings
from shared.ijw.rules.answer import check_jw325
from shared.ijw.rules.declaration import check_jw323
from shared.ijw.rules.delivery import check_start_or_stop
from shared.ijw.rules.request import check_jw315, check_jw317, check_jw319


def _retour_bsn(m) -> list[Finding]:
    client = getattr(m, "client", None)
    if client is None:
        return []
    number = client.person.bsn if hasattr(client, "person") else client.bsn
    return list(bsn_findings([("client.person.bsn" if hasattr(client, "person") else "client.bsn", number)]))


RULES_BY_MESSAGE: dict[str, Callable[[Message], list[Finding]]] = {
    "301": check_jw301,
    "302": _retour_bsn,
    "305": check_start_or_stop,
    "306": _retour_bsn,
    "307": check_start_or_stop,
    "308": _retour_bsn,
    "315": check_jw315,
    "316": _retour_bsn,
    "317": check_jw317,
    "318": _retour_bsn,
    "319": check_jw319,
    "320": lambda m: [],
    "323": check_jw323,
    "325": check_jw325,
}


def located(code: str, findings: list[Finding]) -> list[Finding]:
    """The findings with the iJw element path of the model field each names."""
    return [replace(f, location=element_path(code, f.field)) if f.field else f for f in findings]
