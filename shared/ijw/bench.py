"""Benchmark: decode + level-1/level-2 validate a generated 100,000-line JW323.

    .venv/bin/python -m shared.ijw.bench [--lines N]

The file is written straight to disk (never built in memory); decoding runs in a fresh child
process so its peak RSS (VmHWM) above its own idle RSS measures the codec alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from stdnum.nl import bsn

LINES_PER_CLIENT = 100
_JW323 = "http://www.istandaarden.nl/ijw/3_2/jw323/schema"
_BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<jw323:Bericht xmlns:jw323="{_JW323}" xmlns:ijw="{_BASIS}">\n'
    "<jw323:Header><jw323:BerichtCode>490</jw323:BerichtCode><jw323:BerichtVersie>3</jw323:BerichtVersie>"
    "<jw323:BerichtSubversie>2</jw323:BerichtSubversie><jw323:Afzender>{sender}</jw323:Afzender>"
    "<jw323:Ontvanger>{receiver}</jw323:Ontvanger><jw323:BerichtIdentificatie><ijw:Identificatie>{ident}</ijw:Identificatie>"
    "<ijw:Dagtekening>2026-05-06</ijw:Dagtekening></jw323:BerichtIdentificatie><jw323:XsdVersie>"
    "<ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>"
    "</jw323:XsdVersie></jw323:Header>\n"
    "<jw323:Declaratie><jw323:DeclaratieNummer>{ident}</jw323:DeclaratieNummer><jw323:DeclaratiePeriode>"
    "<ijw:Begindatum>2026-04-01</ijw:Begindatum><ijw:Einddatum>2026-04-30</ijw:Einddatum></jw323:DeclaratiePeriode>"
    "<jw323:DeclaratieDagtekening>2026-05-06</jw323:DeclaratieDagtekening><jw323:TotaalIngediendBedrag>"
    "<ijw:TotaalBedrag>{total}</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw323:TotaalIngediendBedrag>"
    "<jw323:Clienten>\n"
)
_LINE = ("<jw323:Prestatie><jw323:ProductReferentie><ijw:ReferentieNummer>R{n}</ijw:ReferentieNummer></jw323:ProductReferentie>"
         "<jw323:ToewijzingNummer>{n}</jw323:ToewijzingNummer><jw323:ProductCategorie>45</jw323:ProductCategorie>"
         "<jw323:ProductCode>45A03</jw323:ProductCode><jw323:ProductPeriode><ijw:Begindatum>2026-04-01</ijw:Begindatum>"
         "<ijw:Einddatum>2026-04-30</ijw:Einddatum></jw323:ProductPeriode><jw323:GeleverdVolume>4</jw323:GeleverdVolume>"
         "<jw323:Eenheid>04</jw323:Eenheid><jw323:ProductTarief>1250</jw323:ProductTarief><jw323:IngediendBedrag>"
         "<ijw:Bedrag>5000</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw323:IngediendBedrag></jw323:Prestatie>\n")


def valid_bsns():
    base = 99990000
    while True:
        for last in range(10):
            number = f"{base}{last}"
            if bsn.is_valid(number):
                yield number
                break
        base -= 1


def write_declaration(path: Path, lines: int, sender: str = "42420001", receiver: str = "0384",
                      ident: str = "BENCH1", first: int = 1, bsns: Iterator[str] | None = None) -> None:
    """Lines `first`.. `first + lines - 1`, each under its own allocation number, a client (from
    `bsns`) every LINES_PER_CLIENT lines, from `sender` to `receiver`."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(_HEAD.format(total=5000 * lines, sender=sender, receiver=receiver, ident=ident))
        numbers, n = bsns or valid_bsns(), first - 1
        while n < first - 1 + lines:
            out.write(f"<jw323:Client><jw323:Bsn>{next(numbers)}</jw323:Bsn><jw323:Prestaties>\n")
            for _ in range(min(LINES_PER_CLIENT, first - 1 + lines - n)):
                n += 1
                out.write(_LINE.format(n=n))
            out.write("</jw323:Prestaties></jw323:Client>\n")
        out.write("</jw323:Clienten></jw323:Declaratie></jw323:Bericht>\n")


def _rss_mb(field: str) -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) / 1024
    return float("nan")


def measure(path: Path) -> dict[str, float]:
    from shared.ijw import check, decode_jw323_file
    from shared.ijw.schemas import schema_for

    schema_for("323")
    idle = _rss_mb("VmRSS")
    started = time.perf_counter()
    # A 100,000-line JW323 is ~50-65 MB, beyond OP179's 25 MB, so the limit is lifted here only.
    message = decode_jw323_file(path, max_bytes=path.stat().st_size)
    findings = check(message)
    elapsed = time.perf_counter() - started
    lines = sum(len(c.lines) for c in message.declaration.clients)
    assert not findings, findings[:3]
    return {"lines": lines, "seconds": elapsed, "idle_mb": idle, "peak_mb": _rss_mb("VmHWM")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "JW323-bench.xml"
        write_declaration(path, args.lines)
        size = path.stat().st_size
        child = subprocess.run([sys.executable, "-m", "shared.ijw.bench", "--measure", str(path)],
                               capture_output=True, text=True, check=True)
    result = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"JW323 with {result['lines']:,} prestaties ({size / 1e6:.1f} MB)")
    rate = result["lines"] / result["seconds"]
    print(f"decode + XSD + level-2: {result['seconds']:.2f} s, {rate:,.0f} lines/s")
    print(f"peak RSS {result['peak_mb']:.0f} MB, idle {result['idle_mb']:.0f} MB, "
          f"above idle {result['peak_mb'] - result['idle_mb']:.0f} MB")


if __name__ == "__main__":
    main()
