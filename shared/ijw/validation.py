"""Level 1 and level 2 in one call, for tools that report rather than raise."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from shared.ijw.codec import STREAM_THRESHOLD, decode, message_code
from shared.ijw.errors import Finding, IjwError
from shared.ijw.model import Message
from shared.ijw.mapping.locations import source_line
from shared.ijw.parsing import check_size, parse
from shared.ijw.rules import check
from shared.ijw.streaming import decode_jw323_file


@dataclass(frozen=True, slots=True)
class Report:
    code: str | None
    findings: tuple[Finding, ...]
    message: Message | None = None

    @property
    def valid(self) -> bool:
        return not self.findings


def validate(data: bytes, schema_dir: Path | None = None) -> Report:
    code = message_code(data)
    try:
        message = decode(data, schema_dir)
    except IjwError as exc:
        return Report(code, tuple(exc.findings))
    return Report(message.code, tuple(with_lines(data, check(message))), message)


def with_lines(data: bytes, findings: list[Finding]) -> list[Finding]:
    """Point level-2 findings at source lines; skipped for big messages to keep memory flat."""
    if not findings or len(data) > STREAM_THRESHOLD:
        return findings
    root = parse(data).getroot()
    return [replace(f, line=source_line(root, f.location)) if f.location and f.line is None else f for f in findings]


def validate_file(path: Path, schema_dir: Path | None = None) -> Report:
    """Validate a file without reading more than the size limit into memory."""
    try:
        size = path.stat().st_size
        check_size(size)
        with open(path, "rb") as stream:
            head = stream.read(4096)
        if message_code(head) == "323" and size > 2 * 1024 * 1024:
            message = decode_jw323_file(path, schema_dir)
            return Report("323", tuple(check(message)), message)
        return validate(path.read_bytes(), schema_dir)
    except IjwError as exc:
        return Report(None, tuple(exc.findings))
