"""Travel legs and stays: a leg's start is local at ``from``, its end local at ``to``,
and every comparison of times is made in absolute time."""

from __future__ import annotations

from briefings.diagnostics import Severity
from briefings.records import load_records
from tests.conftest import VisitFactory
from tests.records.people_visits import PEOPLE_VISIT, leg, meeting, messages

ARRIVAL = leg("arrival", "beijing", "brussels", "2024-10-22T01:30", "2024-10-22T06:40")
ONWARD = leg("onward", "brussels", "ljubljana", "2024-10-24T19:30", "2024-10-24T21:10")


def test_two_legs_across_time_zones_load_in_programme_order(make_visit: VisitFactory) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT,
        meetings={"a.yaml": ARRIVAL, "b.yaml": ONWARD, "c.yaml": meeting()},
    )
    records = load_records(root)
    assert records.warnings == ()
    assert [m.id for m in records.meetings] == ["arrival", "talks", "onward"]
    arrival = records.meeting("arrival")
    assert (arrival.from_, arrival.to, arrival.mode) == (
        "beijing",
        "brussels",
        {"en": "Flight", "zh": "航班"},
    )


def test_a_leg_that_arrives_earlier_on_the_clock_but_later_in_time_is_right(
    make_visit: VisitFactory,
) -> None:
    # Helsinki is an hour ahead of Stockholm: leaving at 10:00, landing at 09:55.
    hop = leg("hop", "helsinki", "stockholm", "2024-10-23T10:00", "2024-10-23T09:55")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": hop})
    assert load_records(root).warnings == ()


def test_a_leg_that_arrives_before_it_leaves_in_absolute_time(make_visit: VisitFactory) -> None:
    # 10:30 in Beijing is 04:30 in Brussels: before the 10:00 departure.
    back = leg("back", "brussels", "beijing", "2024-10-23T10:00", "2024-10-23T10:30")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": back})
    assert messages(root) == [
        "a.yaml:7:6: end: error: the leg arrives before it leaves: 10:30 in 'beijing' is"
        " 2024-10-23 04:30 in 'brussels', and it leaves 'brussels' at 2024-10-23 10:00"
    ]


def test_a_leg_from_a_place_to_the_same_place(make_visit: VisitFactory) -> None:
    loop = leg("loop", "brussels", "brussels", "2024-10-23T10:00", "2024-10-23T11:00")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": loop})
    assert messages(root) == [
        "a.yaml:5:5: to: error: the leg goes from 'brussels' to 'brussels';"
        " give the place it arrives at"
    ]


def test_legs_that_do_not_chain_are_a_warning(make_visit: VisitFactory) -> None:
    # Arriving in Brussels, then leaving from Ljubljana.
    onward = leg("onward", "ljubljana", "helsinki", "2024-10-24T19:30", "2024-10-24T22:10")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": ARRIVAL, "b.yaml": onward})
    assert messages(root, Severity.WARNING) == [
        "b.yaml:4:7: from: warning: the leg leaves from 'ljubljana', but the leg before it"
        " ('arrival') arrives in 'brussels'"
    ]


def test_legs_chain_for_each_delegate(make_visit: VisitFactory) -> None:
    # CHEN Jing goes ahead to Ljubljana; LI Wei follows her a day later.
    ahead = ONWARD.replace("2024-10-24", "2024-10-23") + "delegates: [chen-jing]\n"
    home = leg("home", "ljubljana", "beijing", "2024-10-26T12:00", "2024-10-27T06:00")
    meetings = {"a.yaml": ARRIVAL, "b.yaml": ahead, "c.yaml": home}
    root = make_visit(visit=PEOPLE_VISIT, meetings=meetings)
    assert messages(root, Severity.WARNING) == [
        "c.yaml:4:7: from: warning: the leg leaves from 'ljubljana', but the leg before it"
        " ('arrival') arrives in 'brussels' (for li-wei)"
    ]
    follows = ONWARD.replace("id: onward", "id: follows") + "delegates: [li-wei]\n"
    root = make_visit(visit=PEOPLE_VISIT, meetings={**meetings, "d.yaml": follows})
    assert messages(root, Severity.WARNING) == []


def test_place_or_venue_on_a_leg_and_from_or_to_on_a_meeting_name_the_key(
    make_visit: VisitFactory,
) -> None:
    wrong_leg = ARRIVAL + "place: brussels\nvenue: {en: Airport, zh: 机场}\n"
    wrong_meeting = meeting(extra="from: beijing\nnumber: XX 1\n")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": wrong_leg, "b.yaml": wrong_meeting})
    assert messages(root) == [
        "a.yaml:9:1: place: error: a travel leg has no 'place': it goes from: one place"
        " to: another",
        "a.yaml:10:1: venue: error: a travel leg has no 'venue': it goes from: one place"
        " to: another",
        "b.yaml:8:1: from: error: 'from' is only for travel legs (kind: travel);"
        " a meeting has place: and venue:",
        "b.yaml:9:1: number: error: 'number' is only for travel legs (kind: travel);"
        " a meeting has place: and venue:",
    ]


def test_a_leg_needs_from_and_to_and_a_meeting_its_place_and_venue(
    make_visit: VisitFactory,
) -> None:
    no_from = ARRIVAL.replace("from: beijing\n", "")
    no_place = "\n".join(
        line for line in meeting().splitlines() if not line.startswith(("place:", "venue:"))
    )
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": no_from, "b.yaml": no_place})
    found = messages(root)
    assert "a.yaml:1:1: from: error: is required for a travel leg but missing" in found
    assert "b.yaml:1:1: place: error: is required for a meeting but missing" in found
    assert "b.yaml:1:1: venue: error: is required for a meeting but missing" in found


def test_a_misspelt_from_suggests_from_and_is_not_also_missing(make_visit: VisitFactory) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT, meetings={"a.yaml": ARRIVAL.replace("from: beijing", "form: beijing")}
    )
    assert messages(root) == [
        "a.yaml:4:1: form: error: unknown key 'form'; did you mean 'from'?"
        "\n  … so 'from' is missing"
    ]


def test_unknown_places_of_a_leg_suggest_the_nearest(make_visit: VisitFactory) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT, meetings={"a.yaml": ARRIVAL.replace("to: brussels", "to: brussel")}
    )
    assert messages(root) == [
        "a.yaml:5:5: to: error: unknown place 'brussel'; did you mean 'brussels'?"
    ]


def test_a_leg_arriving_after_the_visit_is_outside_it_in_local_time(
    make_visit: VisitFactory,
) -> None:
    # Leaves Ljubljana on the last day, lands in Beijing the next morning.
    home = leg("home", "ljubljana", "beijing", "2024-10-27T12:00", "2024-10-28T06:00")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": home})
    assert messages(root) == [
        "a.yaml:7:6: end: error: 2024-10-28 is outside the visit (2024-10-22 to 2024-10-27)"
    ]


def test_a_leg_overlapping_a_meeting_in_absolute_time_is_a_warning(
    make_visit: VisitFactory,
) -> None:
    # The flight lands in Brussels at 06:40; a breakfast there starts at 06:00.
    breakfast = meeting("breakfast", "2024-10-22T06:00", "2024-10-22T07:30")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": ARRIVAL, "b.yaml": breakfast})
    assert messages(root, Severity.WARNING) == [
        "b.yaml:4:8: start: warning: overlaps with 'arrival', which ends at 06:40;"
        " li-wei, chen-jing would be in both"
    ]
    at_eight = breakfast.replace("T06:00", "T08:00").replace("T07:30", "T09:00")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": ARRIVAL, "b.yaml": at_eight})
    assert messages(root, Severity.WARNING) == []


def test_a_stay_that_checks_out_before_it_checks_in(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("check_out: 2024-10-24", "check_out: 2024-10-22")
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    assert messages(root) == [
        "visit.yaml:62:16: accommodation[0].check_out: error: the check-out (2024-10-22)"
        " is not after the check-in (2024-10-22)"
    ]


def test_a_stay_outside_the_visit_is_a_warning(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("check_in: 2024-10-22", "check_in: 2024-10-20").replace(
        "check_out: 2024-10-24", "check_out: 2024-10-29"
    )
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    assert messages(root, Severity.WARNING) == [
        "visit.yaml:61:15: accommodation[0].check_in: warning: the stay begins (2024-10-20)"
        " before the visit; the visit is 2024-10-22 to 2024-10-27",
        "visit.yaml:62:16: accommodation[0].check_out: warning: the stay ends (2024-10-29)"
        " after the visit; the visit is 2024-10-22 to 2024-10-27",
    ]


def test_a_stay_at_an_unknown_place(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("  - place: brussels", "  - place: bruxelles")
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    assert messages(root) == [
        "visit.yaml:58:12: accommodation[0].place: error: unknown place 'bruxelles';"
        " did you mean 'brussels'?"
    ]
