"""Messages about records: the root cause first, and never pydantic's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.cli import main
from briefings.diagnostics import InputError
from briefings.records import load_records
from briefings.records.explain import explain
from briefings.records.schema import Meeting, Visit
from briefings.records.yamlsafe import YamlDocument
from tests.conftest import MINIMAL_VISIT, VisitFactory, meeting_yaml
from tests.records.people_visits import PEOPLE_VISIT, messages

PYDANTIC_PHRASES = (
    "String should",
    "Input should",
    "validation error",
    "type=",
    "Value error",
    "Field required",
    "Extra inputs",
    "Datetimes provided",
    "pydantic",
)


def errors_of(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_records(root)
    return [str(d) for d in caught.value.errors]


def test_a_misspelt_collection_comes_first_with_what_follows_from_it_folded(
    make_visit: VisitFactory,
) -> None:
    visit = MINIMAL_VISIT.replace("organisations:", "organizations:")
    late_error = meeting_yaml(id="other").replace("T14:30", "Tlater")
    root = make_visit(
        visit=visit, meetings={"01-talks.yaml": meeting_yaml(), "02.yaml": late_error}
    )
    first, *others = errors_of(root)
    assert first.startswith(
        f"{root / 'visit.yaml'}:13:1: organizations: error: unknown key 'organizations';"
        " did you mean 'organisations'?\n  … so 'organisations' is missing, and 6 references"
        " to organisations follow from it"
    )
    assert len(others) == 1 and "02.yaml:4:8: start" in others[0]  # not folded: unrelated


def test_the_command_line_prints_the_root_cause_first(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = MINIMAL_VISIT.replace("organisations:", "organizations:")
    late_error = meeting_yaml(id="other").replace("T14:30", "Tlater")
    root = make_visit(visit=visit, meetings={"02.yaml": late_error})
    result = CliRunner().invoke(main, ["validate", str(root)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "unknown key 'organizations'" in lines[0]
    assert "references to organisations follow from it" in lines[1]
    assert "02.yaml" in lines[2]


def test_a_misspelt_key_is_not_also_reported_missing(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("organisation: ndrc", "organization: ndrc", 1)
    root = make_visit(visit=visit, meetings={})
    (message,) = messages(root)
    assert message.endswith(
        "people.li-wei.organization: error: unknown key 'organization'; did you mean"
        " 'organisation'?\n  … so 'organisation' is missing"
    )


def test_an_id_with_capitals_and_spaces_is_explained(make_visit: VisitFactory) -> None:
    visit = MINIMAL_VISIT.replace("lead: ndrc", "lead: ndrc\nprogramme: Sister-city programme")
    (message,) = errors_of(make_visit(visit=visit))
    assert message.endswith(
        "programme: error: an id is lower-case letters, digits, '-' and '_'"
        " (got 'Sister-city programme')"
    )


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Germany", "a country is a two-letter code such as BE or CN; did you mean 'DE'?"),
        ("德国", "did you mean 'DE'?"),
        ("be", "a country is a two-letter code such as BE or CN, in capitals: write 'BE'"),
    ],
)
def test_a_country_by_name_suggests_its_code(
    make_visit: VisitFactory, written: str, words: str
) -> None:
    visit = MINIMAL_VISIT.replace("country: BE", f"country: {written}", 1)
    (message,) = errors_of(make_visit(visit=visit))
    assert "places.brussels.country: error: " in message and words in message


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Beijing", "Asia/Shanghai"), ("Brussels", "Europe/Brussels"), ("China", "Asia/Shanghai")],
)
def test_a_time_zone_by_city_or_country_suggests_the_zone(
    make_visit: VisitFactory, written: str, meant: str
) -> None:
    visit = MINIMAL_VISIT.replace("home_timezone: Asia/Shanghai", f"home_timezone: {written}")
    (message,) = errors_of(make_visit(visit=visit))
    assert message.endswith(
        f"home_timezone: error: {written!r} is not an IANA time zone such as Europe/Brussels;"
        f" did you mean {meant!r}?"
    )


BAD_VISIT = """\
id: {id}
title: A visit
dates: 2024
home_timezone: [Asia/Shanghai]
lead: [ndrc]
delegation: ndrc
summary: {{en: }}
marking: {{EN-us-x-toolong: x}}
places:
  Brussels:
    name: {{en: Brussels}}
    country: 32
    timezone:
  ok:
    name: {{en: Brussels}}
    country: be
    timezone: Europe/Brussels
organisations:
  ndrc: National Development and Reform Commission
people:
  li-wei:
    name: LI Wei
    title: {{en: Director}}
    organisation: NDRC
    phone: call me
    email: nobody
accommodation:
  - place: ok
    name: {{en: Hotel}}
    address: {{en: Street}}
    check_in: 2024-10-22T12:00
    check_out: next week
"""

BAD_MEETING = """\
id: Talks at the town hall
kind: talk
title: [Talks]
start: tomorrow
end:
place: ok
venue: Town hall
hosts: ndrc
topics: [{en: x}, Trade]
follow_up:
  - action: {en: Write}
    owner: Ndrc
    due: 2024-13-45
    when: later
logistics: none
"""


def test_no_message_about_bad_records_holds_pydantic_words(make_visit: VisitFactory) -> None:
    root = make_visit(visit=BAD_VISIT.format(id="x" * 100), meetings={"m.yaml": BAD_MEETING})
    found = errors_of(root)
    assert len(found) >= 30
    leaked = [m for m in found if any(phrase in m for phrase in PYDANTIC_PHRASES)]
    assert leaked == []


@pytest.mark.parametrize(
    "error",
    [
        {"type": "literal_error", "loc": ("kind",), "msg": "Input should be 'a'", "input": "b"},
        {"type": "enum", "loc": ("kind",), "msg": "Input should be 'a'", "input": "b"},
        {"type": "int_parsing", "loc": ("id",), "msg": "Input should be a valid integer"},
        {"type": "too_short", "loc": ("hosts",), "msg": "List should have at least 1 item"},
        {"type": "union_tag_invalid", "loc": ("id",), "msg": "Input tag 'x' found using ..."},
        {"type": "string_pattern_mismatch", "loc": ("id",), "ctx": {"pattern": "^x$"}},
        {"type": "string_too_long", "loc": ("id",), "msg": "String should have at most"},
    ],
)
def test_an_error_the_schema_is_not_known_to_raise_still_gets_plain_words(
    error: dict[str, object],
) -> None:
    for model in (Visit, Meeting):
        message = explain(error, model, Path("m.yaml"), YamlDocument({})).message
        assert not any(phrase in message for phrase in PYDANTIC_PHRASES), message
