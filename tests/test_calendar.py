"""--format ics: the programme as a calendar, read back with icalendar, every event's
instant checked against the records with zoneinfo."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from briefings.build import BuildOptions, build
from tests.conftest import FIXED_TIME, MINIMAL_VISIT, VisitFactory

VISIT = (
    MINIMAL_VISIT.replace(
        "places:\n",
        "places:\n"
        "  beijing:\n"
        "    name: {en: Beijing, zh: 北京}\n"
        "    country: CN\n"
        "    timezone: Asia/Shanghai\n",
    )
    + """\
people:
  li-wei:
    name: {en: LI Wei, zh: 李伟}
    title: {en: Director-General, zh: 司长}
    organisation: ndrc
  zhao-min:
    name: {en: ZHAO Min, zh: 赵敏}
    title: {en: Interpreter, zh: 翻译}
    organisation: ndrc
    phone: "+86 10 0000 0000"
  jan-peeters:
    name: {en: Jan Peeters, zh: 扬·佩特斯}
    title: {en: Protocol Officer, zh: 礼宾官员}
    organisation: host
delegates: [li-wei, zhao-min]
"""
)

FLIGHT = """\
id: arrival
kind: travel
title: {en: Flight to Brussels, zh: 飞赴布鲁塞尔}
from: beijing
to: brussels
start: 2024-10-22T01:30
end: 2024-10-22T06:40
mode: {en: Flight, zh: 航班}
number: CA 845
"""

SUMMER = """\
id: summer-time
kind: meeting
title: {en: Talks on summer time, zh: 夏令时会谈}
start: 2024-10-26T10:00
end: 2024-10-26T11:30
place: brussels
venue: {en: Town hall, zh: 市政厅}
hosts: [host]
objectives:
  - {en: Agree the next steps., zh: 商定下一步。}
"""

WINTER = """\
id: winter-time
kind: site-visit
title: {en: Visit on winter time, zh: 冬令时参观}
start: 2024-10-27T10:00
end: 2024-10-27T12:00
place: brussels
venue: {en: Port of Brussels, zh: 布鲁塞尔港}
hosts: [host]
delegates: [li-wei]
logistics:
  address: {en: Place des Armateurs 6, 1000 Brussels, zh: 布鲁塞尔船东广场6号}
  contact: jan-peeters
  interpreter: zhao-min
  dress_code: {en: Sturdy shoes, zh: 穿耐磨的鞋}
"""

MEETINGS = {"00-arrival.yaml": FLIGHT, "01-summer.yaml": SUMMER, "02-winter.yaml": WINTER}

EXPECTED = {
    # uid: (local start, start zone, local end, end zone), as the records give them
    "arrival@test-visit": (
        "2024-10-22T01:30",
        "Asia/Shanghai",
        "2024-10-22T06:40",
        "Europe/Brussels",
    ),
    "summer-time@test-visit": (
        "2024-10-26T10:00",
        "Europe/Brussels",
        "2024-10-26T11:30",
        "Europe/Brussels",
    ),
    "winter-time@test-visit": (
        "2024-10-27T10:00",
        "Europe/Brussels",
        "2024-10-27T12:00",
        "Europe/Brussels",
    ),
}


def instant(local: str, zone: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.fixture
def calendars(make_visit: VisitFactory, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    visit = make_visit(VISIT, MEETINGS)
    build(
        visit,
        BuildOptions(out=out, langs=("en", "zh", "en+zh"), formats=("ics",), created=FIXED_TIME),
    )
    return out


def read(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_every_event_starts_and_ends_at_the_instant_of_the_records(calendars: Path) -> None:
    for lang in ("en", "zh", "en+zh"):
        by_uid = events(read(calendars / lang / "visit.ics"))
        assert set(by_uid) == set(EXPECTED)
        for uid, (start, start_zone, end, end_zone) in EXPECTED.items():
            event = by_uid[uid]
            assert event["dtstart"].params["TZID"] == start_zone
            assert event["dtend"].params["TZID"] == end_zone
            assert event.decoded("dtstart").astimezone(UTC) == instant(start, start_zone)
            assert event.decoded("dtend").astimezone(UTC) == instant(end, end_zone)


def test_the_calendar_carries_its_own_zones_across_the_change_to_winter_time(
    calendars: Path,
) -> None:
    """The VTIMEZONEs alone (not the reader's zone database) give the right instants:
    10:00 in Brussels is 08:00 UTC on 26 October 2024 and 09:00 UTC on the 27th."""
    calendar = read(calendars / "en" / "visit.ics")
    zones = {str(tz["tzid"]): tz.to_tz() for tz in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"Asia/Shanghai", "Europe/Brussels"}
    raw = icalendar.Calendar.from_ical((calendars / "en" / "visit.ics").read_bytes())
    for uid, event in events(raw).items():
        start, start_zone, end, end_zone = EXPECTED[uid]
        naive = event.decoded("dtstart").replace(tzinfo=None)
        assert naive.replace(tzinfo=zones[start_zone]).astimezone(UTC) == instant(start, start_zone)
        naive = event.decoded("dtend").replace(tzinfo=None)
        assert naive.replace(tzinfo=zones[end_zone]).astimezone(UTC) == instant(end, end_zone)
    assert instant("2024-10-26T10:00", "Europe/Brussels").hour == 8
    assert instant("2024-10-27T10:00", "Europe/Brussels").hour == 9


def test_events_say_what_where_and_why_in_the_calendars_language(calendars: Path) -> None:
    en = events(read(calendars / "en" / "visit.ics"))
    winter = en["winter-time@test-visit"]
    assert str(winter["summary"]) == "Visit on winter time"
    assert str(winter["location"]) == "Port of Brussels, Place des Armateurs 6, 1000 Brussels"
    description = str(winter["description"])
    assert "Contact: Jan Peeters" in description
    assert "Interpreter: ZHAO Min (+86 10 0000 0000)" in description
    assert "Sturdy shoes" in description
    assert winter.decoded("dtstamp") == FIXED_TIME
    assert [str(c) for c in winter["categories"].cats] == ["Site visit"]
    summer = en["summer-time@test-visit"]
    assert "Agree the next steps." in str(summer["description"])
    flight = en["arrival@test-visit"]
    assert str(flight["location"]) == "Beijing → Brussels"
    assert "Flight CA 845" in str(flight["description"])
    zh = events(read(calendars / "zh" / "visit.ics"))
    assert str(zh["winter-time@test-visit"]["summary"]) == "冬令时参观"
    assert "布鲁塞尔船东广场6号" in str(zh["winter-time@test-visit"]["location"])
    assert "翻译：赵敏" in str(zh["winter-time@test-visit"]["description"])
    assert "目标：\n- 商定下一步。" in str(zh["summer-time@test-visit"]["description"])
    assert [str(c) for c in zh["winter-time@test-visit"]["categories"].cats] == ["实地考察"]
    both = events(read(calendars / "en+zh" / "visit.ics"))
    assert str(both["winter-time@test-visit"]["summary"]) == "Visit on winter time / 冬令时参观"


def test_rebuilding_the_calendar_gives_the_same_bytes(
    make_visit: VisitFactory, tmp_path: Path, calendars: Path
) -> None:
    visit = make_visit(VISIT, MEETINGS)
    again = tmp_path / "again"
    build(
        visit,
        BuildOptions(out=again, langs=("en", "zh", "en+zh"), formats=("ics",), created=FIXED_TIME),
    )
    for lang in ("en", "zh", "en+zh"):
        assert (again / lang / "visit.ics").read_bytes() == (
            calendars / lang / "visit.ics"
        ).read_bytes()


def test_the_examples_calendar_has_every_entry_at_its_instant(tmp_path: Path) -> None:
    """Every meeting and travel leg of the example (the flight Beijing → Brussels
    among them), each instant from the records' local times and places' zones."""
    from briefings.records import load_records
    from tests.conftest import EXAMPLE

    records = load_records(EXAMPLE)
    build(EXAMPLE, BuildOptions(out=tmp_path, langs=("en",), formats=("ics",), created=FIXED_TIME))
    by_uid = events(read(tmp_path / "en" / "visit.ics"))
    assert len(by_uid) == len(records.meetings)
    places = records.visit.places
    for meeting in records.meetings:
        event = by_uid[f"{meeting.id}@{records.visit.id}"]
        start_zone = places[meeting.from_ or meeting.place or ""].timezone
        end_zone = places[meeting.to or meeting.place or ""].timezone
        start = meeting.start.replace(tzinfo=None).isoformat()
        end = meeting.end.replace(tzinfo=None).isoformat()
        assert event.decoded("dtstart").astimezone(UTC) == instant(start, start_zone)
        assert event.decoded("dtend").astimezone(UTC) == instant(end, end_zone)
    arrival = by_uid[f"arrival@{records.visit.id}"]
    assert arrival["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert arrival["dtend"].params["TZID"] == "Europe/Brussels"
