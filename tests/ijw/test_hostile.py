"""The hostile corpus is refused by the codec and by the CLI, each case in bounded memory."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shared.ijw import IjwError, decode
from shared.ijw.cli import app
from tests.ijw.hostile_corpus import CASES

REPO = Path(__file__).resolve().parents[2]
MEMORY_BOUND_MB = 256


@pytest.mark.parametrize("name", sorted(CASES))
def test_codec_refuses_hostile_input(name):
    build, rule = CASES[name]
    with pytest.raises(IjwError) as refused:
        decode(build())
    assert rule in refused.value.rules


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_refuses_hostile_file(name, tmp_path):
    build, rule = CASES[name]
    path = tmp_path / f"{name}.xml"
    path.write_bytes(build())
    result = CliRunner().invoke(app, ["check", "--json", str(path)])
    assert result.exit_code == 1
    assert rule in [f["rule"] for f in json.loads(result.stdout)[0]["findings"]]


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    build, _ = CASES["external_entity_file"]
    data = build().replace(b"file:///etc/passwd", secret.as_uri().encode())
    with pytest.raises(IjwError) as refused:
        decode(data)
    assert "TOPSECRET" not in str(refused.value)


def test_every_hostile_input_is_refused_within_the_memory_bound():
    # A child process, so the kernel's peak RSS covers libxml2's allocations and can be reset per case.
    child = subprocess.run([sys.executable, "-m", "tests.ijw.hostile_corpus"], cwd=REPO,
                           capture_output=True, text=True, check=True)
    peaks = json.loads(child.stdout)
    assert set(peaks) == set(CASES)
    assert {name: mb for name, mb in peaks.items() if mb > MEMORY_BOUND_MB} == {}
