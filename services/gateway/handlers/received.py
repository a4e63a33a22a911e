"""A posted message's bytes as they arrive: hashed on the way in and spooled, in memory up to
SPOOL_BYTES and in a temporary file beyond, so that a big JW323 is not held in memory while it is
decoded (the decoded model then is most of what receiving holds) and goes into its record from
the file.

Measured on the bench's 100,000-line JW323 (65 MB, bench memory): held as bytes, the body was
70 MB of the receipt's 150 MB peak above idle. The file goes where `tempfile` puts it (TMPDIR):
on a tmpfs it would be memory again, of the machine if not of the process.
"""

from __future__ import annotations

import hashlib
import tempfile
import zlib
from typing import BinaryIO, Self

from shared.ijw.codec import STREAM_THRESHOLD

SPOOL_BYTES = STREAM_THRESHOLD
"""Up to the size the codec reads a message whole anyway, the bytes stay in memory."""
_HEAD = 8192
_PIECE = 1024 * 1024


class ReceivedBytes:
    def __init__(self) -> None:
        self._file: BinaryIO = tempfile.SpooledTemporaryFile(SPOOL_BYTES)  # type: ignore[assignment]
        self._sha256 = hashlib.sha256()
        self.size = 0
        self.head = b""
        """The first 8 KB, where the BerichtCode is looked for."""

    @classmethod
    def of(cls, data: bytes) -> ReceivedBytes:
        received = cls()
        received.write(data)
        return received

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self._sha256.update(chunk)
        self.size += len(chunk)
        if len(self.head) < _HEAD:
            self.head = (self.head + chunk[:_HEAD])[:_HEAD]

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    def file(self) -> BinaryIO:
        """The bytes, from their start."""
        self._file.seek(0)
        return self._file

    def compressed(self, level: int) -> bytes:
        """The bytes zlib-compressed, read from the file a piece at a time."""
        packer, file = zlib.compressobj(level), self.file()
        packed = [packer.compress(piece) for piece in iter(lambda: file.read(_PIECE), b"")]
        return b"".join(packed) + packer.flush()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
