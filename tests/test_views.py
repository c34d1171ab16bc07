"""The template context: a visit's meetings, days and follow-up actions as templates read them."""

from __future__ import annotations

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
