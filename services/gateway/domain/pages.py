"""Pages of a listing, the way VECOZO's pull hands out messages: at most 250 per call, and an
opaque cursor to ask for the next ones.

The cursor stands for the global position of the last message on the page. Positions grow in
commit order (design.md §3.2: one append lock on PostgreSQL, one writer on SQLite), so a message
recorded while a client pages through always lands on a later page, never before its cursor.
"""

from __future__ import annotations

import base64
import binascii

MAX_PAGE = 250
_PREFIX = "p1."


class BadCursor(ValueError):
    pass


def cursor_after(position: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}".encode()).decode().rstrip("=")


def position_after(cursor: str | None) -> int:
    """0 for the first page; BadCursor for anything this gateway did not hand out."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor("not a cursor of this listing") from None
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit() or len(number) > 18:
        raise BadCursor("not a cursor of this listing")
    return int(number)
