"""Writing a scenario as iJw files: one XML file per message, named so that sorting the names
gives the sending order (`2026-03/04-000812-JW323-98000001-0193.xml`), plus `manifest.json`.

The manifest lists every message (file, code, sender, receiver, kind, and whether it must wait
for the answers to the earlier declarations) and every declaration line (ReferentieNummer, BSN,
ToewijzingNummer, signed amount in eurocents, expected outcome: "approve" or the retourcodes,
and the injected mistake). It holds only JSON types and integer cents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from services.demo.outgoing import Outgoing
from services.demo.scenario import Scenario
from services.demo.summary import summarise
from shared.ijw import encode

MANIFEST = "manifest.json"
FORMAT = 1


def file_name(outgoing: Outgoing, index: int) -> str:
    return (f"{outgoing.month:%Y-%m}/{outgoing.step:02d}-{index:06d}-JW{outgoing.message.code}-"
            f"{outgoing.sender}-{outgoing.receiver}.xml")


def write_files(scenario: Scenario, directory: Path, replace: bool = False,
                on_written: Callable[[Outgoing], None] | None = None) -> dict:
    """Write every message (XSD-validated by `encode`) and the manifest; return the manifest.
    An existing manifest's files are removed first when `replace`, else its presence is an error."""
    _clear(directory, replace)
    entries, index = [], 0
    for index, outgoing in enumerate(scenario.messages, start=1):
        name = file_name(outgoing, index)
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(outgoing.message))
        entries.append(_entry(name, outgoing))
        if on_written is not None:
            on_written(outgoing)
    manifest = {"format": FORMAT, "region": scenario.region, "options": _options(scenario),
                "summary": summarise(scenario).as_json(), "messages": entries}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> dict:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def _entry(name: str, outgoing: Outgoing) -> dict:
    header = outgoing.message.header
    entry = {"file": name, "code": f"JW{outgoing.message.code}", "kind": outgoing.kind, "sender": outgoing.sender,
             "receiver": outgoing.receiver, "identification": header.message_id.identification,
             "date": header.message_id.date.isoformat(), "after_answers": outgoing.after_answers}
    if outgoing.message.code == "323":
        declaration = outgoing.message.declaration
        entry["declaration"] = {"number": declaration.number, "period": f"{declaration.period.start:%Y-%m}",
                                "total_cents": declaration.total.signed}
        entry["lines"] = [{"reference": line.reference, "bsn": line.bsn, "allocation": line.allocation_number,
                           "amount_cents": line.amount, "expected": line.outcome, "mistake": line.mistake}
                          for line in outgoing.lines]
    return entry


def _options(scenario: Scenario) -> dict:
    options = asdict(scenario.options)
    options["first_month"] = f"{scenario.options.first_month:%Y-%m}"
    return options


def _clear(directory: Path, replace: bool) -> None:
    manifest = directory / MANIFEST
    if manifest.exists():
        if not replace:
            raise FileExistsError(f"{directory} already holds generated traffic; remove it or replace it")
        root = directory.resolve()
        for entry in read_manifest(directory).get("messages", []):
            path = (directory / entry["file"]).resolve()
            if path.is_relative_to(root):  # only files the manifest names inside the directory
                path.unlink(missing_ok=True)
        manifest.unlink()
        for month in sorted(p for p in directory.iterdir() if p.is_dir()):
            if not any(month.iterdir()):
                month.rmdir()
    elif directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty")
    directory.mkdir(parents=True, exist_ok=True)
