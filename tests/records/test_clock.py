"""Local times the clocks skip or show twice, and UTC offsets that say which is meant."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from briefings.diagnostics import Severity
from briefings.records import load_records
from tests.conftest import VisitFactory
from tests.records.people_visits import PEOPLE_VISIT, leg, meeting, messages

SPRING_AND_AUTUMN = PEOPLE_VISIT.replace(
    "dates: {start: 2024-10-22, end: 2024-10-27}", "dates: {start: 2024-03-30, end: 2024-10-27}"
)
"""The visit, long enough to hold both of Brussels' clock changes of 2024."""


def test_a_time_the_clocks_skip_is_an_error_naming_the_field(make_visit: VisitFactory) -> None:
    spring = meeting(start="2024-03-31T02:30", end="2024-03-31T04:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"m.yaml": spring})
    assert messages(root) == [
        "m.yaml:4:8: start: error: 2024-03-31 02:30 does not exist in Europe/Brussels: the"
        " clocks go forward that night; give the time the clocks show, e.g. 03:30"
    ]


def test_a_time_the_clocks_show_twice_is_a_warning(make_visit: VisitFactory) -> None:
    autumn = meeting(start="2024-10-27T02:30", end="2024-10-27T04:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"m.yaml": autumn})
    (warning,) = messages(root, Severity.WARNING)
    assert warning.startswith("m.yaml:4:8: start: warning: 2024-10-27 02:30 happens twice")
    assert "2024-10-27T02:30+02:00 for the first or 2024-10-27T02:30+01:00" in warning


def test_an_offset_says_which_of_the_repeated_hour_is_meant(make_visit: VisitFactory) -> None:
    second = meeting(start="2024-10-27T02:30+01:00", end="2024-10-27T04:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"m.yaml": second})
    records = load_records(root)
    assert records.warnings == ()
    start = records.meeting("talks").start
    assert (start.hour, start.minute, start.tzinfo) == (2, 30, None)
    instant = start.replace(tzinfo=ZoneInfo("Europe/Brussels")).astimezone(UTC)
    assert instant == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)


def test_offsets_are_respected_when_times_are_compared(make_visit: VisitFactory) -> None:
    # Both at 02:10-02:50 on the clock, but an hour apart: they do not overlap.
    first = meeting("first", "2024-10-27T02:10+02:00", "2024-10-27T02:50+02:00")
    second = meeting("second", "2024-10-27T02:10+01:00", "2024-10-27T02:50+01:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"a.yaml": first, "b.yaml": second})
    assert load_records(root).warnings == ()
    # Without the offsets they would be the same hour, and overlap.
    same = meeting("second", "2024-10-27T02:10+02:00", "2024-10-27T02:50+02:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"a.yaml": first, "b.yaml": same})
    assert any("overlaps with 'first'" in m for m in messages(root, Severity.WARNING))


def test_an_offset_the_place_does_not_have_is_an_error(make_visit: VisitFactory) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT, meetings={"m.yaml": meeting(start="2024-10-23T14:30+08:00")}
    )
    (error,) = messages(root)
    assert error.startswith(
        "m.yaml:4:8: start: error: +08:00 is not the UTC offset of Europe/Brussels"
    )


def test_a_leg_starts_on_the_clocks_of_from_and_ends_on_those_of_to(
    make_visit: VisitFactory,
) -> None:
    # 02:30 on 31 March is skipped in Brussels, not in Beijing, where the leg leaves.
    spring = leg("arrival", "beijing", "brussels", "2024-03-31T02:30", "2024-03-31T02:45")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"a.yaml": spring})
    (error,) = messages(root)
    assert error.startswith(
        "a.yaml:7:6: end: error: 2024-03-31 02:45 does not exist in Europe/Brussels"
    )
    outward = leg("home", "brussels", "beijing", "2024-10-27T02:30", "2024-10-27T20:00")
    root = make_visit(visit=SPRING_AND_AUTUMN, meetings={"a.yaml": outward})
    (warning,) = messages(root, Severity.WARNING)
    assert warning.startswith("a.yaml:6:8: start: warning: 2024-10-27 02:30 happens twice")
