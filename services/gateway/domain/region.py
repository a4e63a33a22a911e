"""Decider of a region file's sections: each goes to the services that own it, only when its
content changed (the gateway keeps the digest it published last)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.gateway.domain.events import RegionSectionChanged
from shared.commands import Append, Decision, History, Publish
from shared.exchange.contract import SectionPublished


def section_stream(name: str) -> str:
    return f"region-{name}"


@dataclass(frozen=True)
class PublishSection:
    name: str
    sha256: str
    content: Any


def decide_publish_section(c: PublishSection, histories: Mapping[str, History], published: str | None,
                           now: datetime) -> Decision[bool]:
    if published == c.sha256:
        return Decision(False)
    stream = section_stream(c.name)
    return Decision(True, [Append(stream, len(histories[stream]), [RegionSectionChanged(c.name, c.sha256, c.content)])],
                    [Publish(SectionPublished(c.name, c.sha256, c.content), stream)])
