from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from shared.ijw import check, decode, encode
from tests.ijw import demo_story, story
from tests.ijw.strategies import jw301s, jw323s, jw325s

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ijw"
GOLDEN_FILES = sorted((EXAMPLES / "valid").glob("*.xml"))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_example_round_trips(path):
    message = decode(path.read_bytes())
    assert decode(encode(message)) == message


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_example_passes_level_two(path):
    assert check(decode(path.read_bytes())) == []


@pytest.mark.parametrize("name", sorted(story.GOLDEN))
def test_golden_example_file_holds_the_story_model(name):
    assert decode((EXAMPLES / "valid" / f"{name}.xml").read_bytes()) == story.GOLDEN[name]()


@pytest.mark.parametrize("name", sorted(demo_story.DEMO))
def test_readme_example_file_holds_the_demo_story_and_passes_level_two(name):
    message = decode((EXAMPLES.parent / "demo" / f"{name}.xml").read_bytes())
    assert message == demo_story.DEMO[name]() and check(message) == []


def test_every_message_type_has_a_golden_example():
    codes = {decode(p.read_bytes()).code for p in GOLDEN_FILES}
    assert codes == {"301", "302", "305", "306", "307", "308", "315", "316", "317", "318", "319", "320", "323", "325"}


def test_retour_with_codes_on_every_class_round_trips():
    client = story.jw301().client
    ok = ("0200",)
    relations = tuple(replace(r, contact=replace(r.contact, codes=ok), codes=ok) for r in client.relations)
    contacts = tuple(replace(c, codes=ok) for c in client.contacts)
    allocations = tuple(replace(a, codes=("9332", "9379")) for a in client.allocations)
    coded = replace(client, relations=relations, contacts=contacts, allocations=allocations, codes=ok)
    header = replace(story.jw302().header, codes=("0200",))
    message = replace(story.jw302(), header=header, client=coded)
    assert decode(encode(message)) == message


@SETTINGS
@given(jw301s())
def test_generated_jw301_round_trips_and_is_valid(message):
    assert decode(encode(message)) == message
    assert check(message) == []


@SETTINGS
@given(jw323s())
def test_generated_jw323_round_trips_and_is_valid(message):
    assert decode(encode(message)) == message
    assert check(message) == []


@SETTINGS
@given(jw325s())
def test_generated_jw325_round_trips_and_is_valid(message):
    assert decode(encode(message)) == message
    assert check(message) == []


def test_answer_retour_with_codes_on_woonplaatsbeginsel_round_trips():
    answer = replace(story.jw319().answer, answer="1", rejection_reason="8", residence_municipality="0363",
                     residence_codes=("0200",), codes=("0200",))
    message = replace(story.jw320(), answer=answer)
    assert decode(encode(message)) == message
