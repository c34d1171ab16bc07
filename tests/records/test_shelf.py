"""Validated meetings are kept on disk with their positions, not in memory."""

from __future__ import annotations

import gc

from briefings.records import Meeting, load_records
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml


def test_loading_keeps_no_meeting_in_memory() -> None:
    gc.collect()
    before = sum(isinstance(o, Meeting) for o in gc.get_objects())
    records = load_records(EXAMPLE)
    gc.collect()
    assert sum(isinstance(o, Meeting) for o in gc.get_objects()) == before
    assert len(records.meetings) == 9


def test_meetings_are_read_back_in_programme_order_by_index_and_by_id() -> None:
    records = load_records(EXAMPLE)
    meetings = list(records.meetings)
    ids = records.meetings.ids()
    assert [m.id for m in meetings] == ids
    assert [start for _, start in records.meetings.starts()] == sorted(m.start for m in meetings)
    assert records.meetings[3] == meetings[3] and records.meetings[-1] == meetings[-1]
    assert records.meetings[2:4] == meetings[2:4]
    assert records.meeting(ids[5]) == meetings[5]
    assert records.meeting_file(ids[5]).parent.name == "meetings"


def test_a_text_is_located_from_its_source_name(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml(), "n.yaml": meeting_yaml(id="other")})
    records = load_records(root)
    file = root / "meetings" / "m.yaml"
    source = records.source(file, ("outcomes", 0, "zh"))
    location = records.locate_source(source)
    assert location is not None
    assert (location.file, location.line, location.field) == (file, 11, "outcomes[0].zh")
    visit_title = records.locate_source(records.source(records.visit_file, ("title", "en")))
    assert visit_title is not None and visit_title.line == 2
    assert records.locate_source("template briefing.xml.j2") is None
