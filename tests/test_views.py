"""The template context: a visit's meetings made as templates read them, not held."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from jinja2 import Environment

from briefings.build import BuildOptions, DocumentJob, Renderer, untranslated
from briefings.config import load_config
from briefings.i18n import LocaleFormat, interface_translations
from briefings.records import load_records
from briefings.views import MeetingView, ViewBuilder, VisitView
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml


def views(lang: str = "en") -> ViewBuilder:
    fmt = LocaleFormat(lang, interface_translations(lang))
    return ViewBuilder(load_records(EXAMPLE), fmt, {})


def live_meeting_views() -> int:
    gc.collect()
    return sum(isinstance(o, MeetingView) for o in gc.get_objects())


def test_the_visit_holds_no_meeting_view() -> None:
    before = live_meeting_views()
    visit = views().visit()
    assert live_meeting_views() == before
    assert len(visit.meetings) == 9


def test_meetings_days_and_follow_up_read_like_lists_in_a_template() -> None:
    visit = views().visit()
    meetings = list(visit.meetings)
    template = Environment().from_string(
        "{{ visit.meetings|length }} {{ visit.meetings[0].id }} {{ visit.meetings[-1].id }} "
        "{{ (visit.meetings|sort(attribute='id'))[0].id }} "
        "{% for label, day in visit.days %}{{ day|length }}{% endfor %} "
        "{{ visit.follow_up|length }} {{ visit.follow_up|map(attribute='due')|list|length }}"
    )
    follow_up = [f for m in meetings for f in m.follow_up]
    days = "".join(str(len(day)) for _, day in visit.days)
    assert template.render(visit=visit) == (
        f"9 {meetings[0].id} {meetings[-1].id} {min(m.id for m in meetings)} "
        f"{days} {len(follow_up)} {len(follow_up)}"
    )
    assert sum(len(day) for _, day in visit.days) == 9
    assert [m.id for _, day in visit.days for m in day] == [m.id for m in meetings]
    assert [str(f.action) for f in visit.follow_up] == [str(f.action) for f in follow_up]
    assert [str(f.action) for f in reversed(visit.follow_up)] == [
        str(f.action) for f in reversed(follow_up)
    ]
    assert [m.id for m in visit.meetings[2:5]] == [m.id for m in meetings[2:5]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_is_rendered_with_few_meeting_views_alive(lang: str) -> None:
    renderer = Renderer(
        load_records(EXAMPLE), BuildOptions(out=Path("unused")), load_config(EXAMPLE)
    )
    renderer.resolve(lang)
    builder = renderer.views(lang)
    alive: list[int] = []
    make = builder.meeting

    def counting(meeting_id: str) -> MeetingView:
        alive.append(live_meeting_views())
        return make(meeting_id)

    builder.meeting = counting  # type: ignore[method-assign]
    document = renderer.document(DocumentJob(lang, "visit-report", None))
    assert len(alive) >= 4 * 9  # itinerary, meetings, days, follow-up: each read all
    assert max(alive) <= 3, alive
    text = document.text()
    assert all(str(m.title) in text for m in builder.visit().meetings)


def test_views_read_back_equal_the_views_made() -> None:
    builder = views("zh")
    made = [builder._build_meeting(meeting_id) for meeting_id in builder.records.meetings.ids()]
    builder.resolve()
    read = list(builder.visit().meetings)
    assert [(m.id, str(m.title), m.when, [str(o) for o in m.outcomes]) for m in read] == [
        (m.id, str(m.title), m.when, [str(o) for o in m.outcomes]) for m in made
    ]
    assert isinstance(builder.visit(), VisitView)


def test_views_read_back_compare_equal_and_are_found_in_the_visit() -> None:
    builder = views()
    builder.resolve()
    visit = builder.visit()
    meeting_id = next(m.id for m in visit.meetings if m.follow_up)
    first, again = builder.meeting(meeting_id), builder.meeting(meeting_id)
    assert first is not again and first == again  # copies read back from disk
    assert again in visit.meetings
    assert again.follow_up[0] in visit.follow_up


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
