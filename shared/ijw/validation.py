"""Level 1 and level 2 in one call, for tools that report rather than raise."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from shared.ijw.codec import decode, message_code
from shared.ijw.errors import Finding, IjwError
from shared.ijw.locating import locate_paths
from shared.ijw.model import Message
from shared.ijw.parsing import check_size
from shared.ijw.releases import RELEASES, Release, check, release_of


@dataclass(frozen=True, slots=True)
class Report:
    code: str | None
    findings: tuple[Finding, ...]
    message: Message | None = None
    release: str | None = None
    """the iJw release the message was read as ("3.2")"""

    @property
    def valid(self) -> bool:
        return not self.findings


def validate(data: bytes, schema_dir: Path | None = None, releases: tuple[Release, ...] = RELEASES) -> Report:
    code = message_code(data)
    try:
        message = decode(data, schema_dir, releases)
    except IjwError as exc:
        return Report(code, tuple(exc.findings))
    release = release_of(message, releases)
    return Report(message.code, tuple(with_positions(data, check(message, releases))), message, release.name)


def with_positions(data: bytes | BinaryIO, findings: list[Finding]) -> list[Finding]:
    """Level-2 findings pointed at the line and column of the element each concerns (one more
    pass over the message, its bytes or a seekable file, in constant memory, only when there
    are findings)."""
    paths = sorted({f.location for f in findings if f.location})
    if not paths:
        return findings
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    stream.seek(0)
    found = locate_paths(stream, paths)
    return [replace(f, line=found[f.location][0], column=found[f.location][1])
            if f.location in found and f.line is None else f for f in findings]


def validate_file(path: Path, schema_dir: Path | None = None, releases: tuple[Release, ...] = RELEASES) -> Report:
    """Validate a file, refusing one over the size limit before reading it."""
    try:
        check_size(path.stat().st_size)
    except IjwError as exc:
        return Report(None, tuple(exc.findings))
    return validate(path.read_bytes(), schema_dir, releases)
