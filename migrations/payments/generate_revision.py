"""Generate the next payments revision by autogenerate against a temporary SQLite database
migrated to head: `python migrations/payments/generate_revision.py payments_0004 "message"`.
Rename the file alembic writes to `<nnnn>_<what>.py` afterwards."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from services import migrate


def generate(rev_id: str, message: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'payments.db'}"
        migrate.upgrade("payments", url)
        command.revision(migrate.alembic_config("payments", url), message=message, autogenerate=True,
                         rev_id=rev_id)


if __name__ == "__main__":
    generate(sys.argv[1], sys.argv[2])
