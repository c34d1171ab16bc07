"""The JSON Schemas editors use agree with the validator."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from briefings.diagnostics import InputError
from briefings.records import load_records
from briefings.records.jsonschema import record_schema, schema_text
from briefings.records.yamlsafe import load_yaml
from tests.conftest import EXAMPLE, MINIMAL_VISIT, meeting_yaml

SHARED_EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "iurc-china-2024"


def _data(path: Path) -> Any:
    document, problems = load_yaml(path)
    assert document is not None and not problems
    return document.data


def _schema_errors(kind: str, data: Any) -> list[str]:
    validator = Draft202012Validator(record_schema(kind))
    return [error.message for error in validator.iter_errors(data)]


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found += _properties(definition)
    return found


@pytest.mark.parametrize("kind", ["visit", "meeting"])
def test_every_field_has_a_description_with_an_example(kind: str) -> None:
    schema = record_schema(kind)
    Draft202012Validator.check_schema(schema)
    for name, field in _properties(schema):
        description = field.get("description", "")
        assert description, name
        assert "e.g." in description.lower() or "examples" in field, name


@pytest.mark.parametrize("example", [EXAMPLE, SHARED_EXAMPLE])
def test_the_examples_are_valid_by_the_schemas(example: Path) -> None:
    if not example.is_dir():
        pytest.skip(f"{example} is not here")
    assert _schema_errors("visit", _data(example / "visit.yaml")) == []
    for meeting in sorted((example / "meetings").glob("*.yaml")):
        assert _schema_errors("meeting", _data(meeting)) == [], meeting.name


TRAVEL = """\
id: flight
kind: travel
title: {en: Flight, zh: 航班}
from: brussels
to: brussels-airport
start: 2024-10-23T09:00
end: 2024-10-23T10:00
"""

GOOD_MEETINGS = {
    "ordinary": meeting_yaml(),
    "a time with its offset": meeting_yaml().replace("14:30", "14:30+02:00"),
}
BAD_MEETINGS = {
    "an unknown key": meeting_yaml() + "venu: {en: x}\n",
    "an id with capitals": meeting_yaml(id="Talks"),
    "no title": meeting_yaml().replace("title:", "tilte:"),
    "a start that is no time": meeting_yaml().replace("2024-10-23T14:30", "tomorrow"),
    "an unknown kind": meeting_yaml().replace("kind: meeting", "kind: party"),
    "a text without a language": meeting_yaml().replace("{en: Town hall, zh: 市政厅}", "{}"),
    "a travel leg with a venue": TRAVEL + "venue: {en: Gate 4}\n",
    "a meeting with a from": meeting_yaml() + "from: brussels\n",
}


def _meeting_is_valid(tmp_path: Path, text: str) -> bool:
    """What ``briefings validate`` says of a visit with this one meeting file."""
    root = tmp_path / "visit"
    shutil.rmtree(root, ignore_errors=True)
    (root / "meetings").mkdir(parents=True)
    visit = MINIMAL_VISIT.replace(
        "places:\n",
        "places:\n  brussels-airport:\n    name: {en: Airport}\n    country: BE\n"
        "    timezone: Europe/Brussels\n",
    )
    (root / "visit.yaml").write_text(visit, encoding="utf-8")
    (root / "meetings" / "m.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    try:
        load_records(root)
    except InputError:
        return False
    return True


@pytest.mark.parametrize(
    ("name", "text", "valid"),
    [(name, text, True) for name, text in GOOD_MEETINGS.items()]
    + [(name, text, False) for name, text in BAD_MEETINGS.items()]
    + [("a travel leg", TRAVEL, True)],
)
def test_the_schema_and_the_validator_agree(
    tmp_path: Path, name: str, text: str, valid: bool
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    assert (_schema_errors("meeting", _data(path)) == []) is valid, name
    assert _meeting_is_valid(tmp_path, text) is valid, name


def test_the_schema_text_is_json_with_its_dialect() -> None:
    schema = json.loads(schema_text("visit"))
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) >= {"id", "title", "dates", "places", "organisations"}
