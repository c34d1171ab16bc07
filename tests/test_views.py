"""The template context: a visit's meetings, days and follow-up actions as templates read them."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from briefings.build import untranslated
from briefings.config import load_config
from briefings.i18n import LocaleFormat, interface_translations
from briefings.records import load_records
from briefings.render.views import ViewBuilder
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml


def views(lang: str = "en") -> ViewBuilder:
    fmt = LocaleFormat(lang, interface_translations(lang))
    return ViewBuilder(load_records(EXAMPLE), fmt, {})


def test_meetings_days_and_follow_up_read_like_lists_in_a_template() -> None:
    visit = views().visit()
    meetings = list(visit.meetings)
    template = Environment().from_string(
        "{{ visit.meetings|length }} {{ visit.meetings[0].id }} {{ visit.meetings[-1].id }} "
        "{{ (visit.meetings|sort(attribute='id'))[0].id }} "
        "{% for day in visit.days %}{{ day.meetings|length }}{% endfor %} "
        "{{ visit.follow_up|length }} {{ visit.follow_up|map(attribute='due')|list|length }}"
    )
    follow_up = [f for m in meetings for f in m.follow_up]
    days = "".join(str(len(day.meetings)) for day in visit.days)
    assert template.render(visit=visit) == (
        f"11 {meetings[0].id} {meetings[-1].id} {min(m.id for m in meetings)} "
        f"{days} {len(follow_up)} {len(follow_up)}"
    )
    assert days == "122240"  # the first day only a flight, the last nothing at all
    assert [m.id for day in visit.days for m in day.meetings] == [m.id for m in meetings]
    assert [str(f.action) for f in visit.follow_up] == [str(f.action) for f in follow_up]
    assert [str(f.action) for f in reversed(visit.follow_up)] == [
        str(f.action) for f in reversed(follow_up)
    ]
    assert [m.id for m in visit.meetings[2:5]] == [m.id for m in meetings[2:5]]


def test_entries_are_in_the_order_they_happen_whatever_their_zones() -> None:
    visit = views().visit()
    starts = [m.start for m in visit.meetings]
    assert starts == sorted(starts)  # aware times: compared as instants
    assert [m.id for m in visit.travel] == ["arrival", "travel-to-ljubljana"]


def test_every_day_of_the_visit_has_a_column_with_where_the_delegation_is() -> None:
    days = views().visit().days
    assert [day.short for day in days] == [
        "Tue 22 Oct", "Wed 23 Oct", "Thu 24 Oct", "Fri 25 Oct", "Sat 26 Oct", "Sun 27 Oct"
    ]  # fmt: skip
    places = [[str(place) for place in day.places] for day in days]
    assert places[0] == ["Beijing", "Brussels"]  # the flight's two ends
    assert places[2] == ["Brussels", "Ljubljana"]  # a meeting, then the flight
    assert places[5] == ["Ljubljana"] and not days[5].events  # the stay's place
    (flight,) = days[0].events
    assert (flight.start, flight.end) == ("01:30", "06:40")


def test_a_meeting_over_midnight_is_on_both_days_of_the_chart(make_visit: VisitFactory) -> None:
    late = (
        meeting_yaml(id="late")
        .replace("T14:30", "T23:30")
        .replace("2024-10-23T16:00", "2024-10-25T22:00")
    )
    root = make_visit(meetings={"late.yaml": late})
    fmt = LocaleFormat("en", interface_translations("en"))
    visit = ViewBuilder(load_records(root), fmt, {}).visit()
    parts = {day.short: [(e.start, e.end) for e in day.events] for day in visit.days}
    assert parts["Wed 23 Oct"] == [("23:30", "24:00")]
    assert parts["Thu 24 Oct"] == [("00:00", "24:00")]
    assert parts["Fri 25 Oct"] == [("00:00", "22:00")]
    assert visit.meetings[0].local_times == "23:30 – Fri 25 Oct 22:00"


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Mr LI Wei", "Ms CHEN Jing", "Mr WANG Lei", "Ms ZHAO Min"]),
        ("zh", ["李伟先生", "陈静女士", "王磊先生", "赵敏女士"]),
    ],
)
def test_the_honorific_comes_first_in_english_and_after_the_name_in_chinese(
    lang: str, names: list[str]
) -> None:
    visit = views(lang).visit()
    assert [str(person.display_name) for person in visit.delegates] == names


def test_untranslated_texts_come_in_file_and_line_order(make_visit: VisitFactory) -> None:
    meetings = {  # the last on another day: days are labelled before the rest is read
        f"{i}.yaml": meeting_yaml(id=f"m{i}")
        .replace(', zh: "市政厅会谈"', "")
        .replace("2024-10-23", "2024-10-23" if i < 2 else "2024-10-24")
        for i in range(3)
    }
    root = make_visit(meetings=meetings)
    missing = untranslated(load_records(root), load_config(root), langs=("zh",))
    places = [(str(m.location.file), m.location.line or 0) for m in missing]
    assert len(places) == 3 and places == sorted(places)
