"""Loading a visit folder: ordering, cross-references and errors with locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.diagnostics import InputError, Severity
from briefings.records import load_records
from tests.conftest import EXAMPLE, MINIMAL_VISIT, VisitFactory, meeting_yaml


def errors_of(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_records(root)
    return [str(d) for d in caught.value.errors]


def test_the_example_loads_with_meetings_in_programme_order() -> None:
    records = load_records(EXAMPLE)
    starts = [m.start for m in records.meetings]
    assert starts == sorted(starts)
    assert len(records.meetings) == 11
    assert [m.id for m in records.meetings if m.is_travel] == ["arrival", "travel-to-ljubljana"]
    assert records.visit.home_timezone == "Asia/Shanghai"


def test_meeting_files_may_be_in_any_order(make_visit: VisitFactory) -> None:
    late = meeting_yaml(id="late").replace("T14:30", "T17:00").replace("T16:00", "T18:00")
    root = make_visit(meetings={"a.yaml": late, "b.yaml": meeting_yaml(id="early")})
    assert [m.id for m in load_records(root).meetings] == ["early", "late"]


def test_unknown_organisation_names_file_line_and_field(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml().replace("hosts: [host]", "hosts: [hots]")})
    (message,) = errors_of(root)
    assert "m.yaml:8:" in message and "hosts[0]" in message
    assert "unknown organisation 'hots'; did you mean 'host'?" in message


def test_wrong_types_and_unknown_keys_are_all_reported_at_once(make_visit: VisitFactory) -> None:
    bad = (
        meeting_yaml()
        .replace("start: 2024-10-23T14:30", "start: tomorrow")
        .replace("venue:", "venu:")
    )
    visit = MINIMAL_VISIT.replace("home_timezone: Asia/Shanghai", "home_timezone: Asia/Shangai")
    root = make_visit(visit=visit, meetings={"m.yaml": bad})
    messages = "\n".join(errors_of(root))
    assert "visit.yaml:4:16: home_timezone" in messages and "'Asia/Shanghai'" in messages
    assert "m.yaml:4:8: start" in messages and "2024-10-23T14:30" in messages
    assert "unknown key 'venu'; did you mean 'venue'?" in messages


def test_a_meeting_that_ends_before_it_starts(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml().replace("T16:00", "T13:00")})
    assert "ends (2024-10-23 13:00) before it starts" in errors_of(root)[0]


def test_dates_outside_the_visit(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml().replace("2024-10-23", "2024-11-23")})
    assert any("outside the visit" in e for e in errors_of(root))


def test_duplicate_meeting_ids(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"a.yaml": meeting_yaml(), "b.yaml": meeting_yaml()})
    assert "already used by a.yaml" in errors_of(root)[0]


def test_overlapping_meetings_are_a_warning(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"a.yaml": meeting_yaml(id="one"), "b.yaml": meeting_yaml(id="two")})
    records = load_records(root)
    assert [w.severity for w in records.warnings] == [Severity.WARNING]
    assert "overlaps with 'one'" in records.warnings[0].message


def test_missing_visit_file(tmp_path: Path) -> None:
    assert "no visit.yaml" in errors_of(tmp_path)[0]
