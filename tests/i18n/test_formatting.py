"""Dates, times, zones and lists per locale; local and home time side by side."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from briefings.i18n import LocaleFormat, interface_translations

BRUSSELS, LJUBLJANA, BEIJING = (
    ZoneInfo(z) for z in ("Europe/Brussels", "Europe/Ljubljana", "Asia/Shanghai")
)


def fmt(lang: str) -> LocaleFormat:
    return LocaleFormat(lang, interface_translations(lang))


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "23 October 2024"), ("zh", "2024年10月23日")]
)
def test_long_dates(lang: str, expected: str) -> None:
    assert fmt(lang).date(date(2024, 10, 23)) == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", "A, B and C"), ("zh", "A、B和C")])
def test_lists(lang: str, expected: str) -> None:
    assert fmt(lang).list(["A", "B", "C"]) == expected


def test_brussels_afternoon_in_beijing_time() -> None:
    start = datetime(2024, 10, 23, 14, 30, tzinfo=BRUSSELS)
    end = datetime(2024, 10, 23, 17, 0, tzinfo=BRUSSELS)
    assert (
        fmt("en").time_range(start, end, BEIJING) == "14:30–17:00 CEST (20:30–23:00 Beijing time)"
    )
    assert (
        fmt("zh").time_range(start, end, BEIJING)
        == "中欧夏令时间14:30–17:00（北京时间20:30–23:00）"
    )


def test_ljubljana_morning_is_afternoon_in_beijing() -> None:
    start = datetime(2024, 10, 25, 10, 0, tzinfo=LJUBLJANA)
    end = datetime(2024, 10, 25, 12, 0, tzinfo=LJUBLJANA)
    assert "(16:00–18:00 Beijing time)" in fmt("en").time_range(start, end, BEIJING)


def test_after_the_clocks_change_the_offset_follows() -> None:
    # Summer time in Brussels ends on 27 October 2024: Beijing is then 7 hours ahead.
    start = datetime(2024, 10, 28, 9, 0, tzinfo=BRUSSELS)
    end = datetime(2024, 10, 28, 10, 0, tzinfo=BRUSSELS)
    assert fmt("en").time_range(start, end, BEIJING) == "09:00–10:00 CET (16:00–17:00 Beijing time)"


def test_a_late_meeting_is_the_next_day_at_home() -> None:
    start = datetime(2024, 10, 23, 23, 30, tzinfo=BRUSSELS)
    end = datetime(2024, 10, 24, 0, 30, tzinfo=BRUSSELS)
    assert fmt("en").time_range(start, end, BEIJING) == (
        "23:30–00:30 CEST (05:30–06:30 Beijing time, Thu 24 Oct)"
    )
    assert fmt("zh").time_range(start, end, BEIJING) == (
        "中欧夏令时间23:30–00:30（北京时间10月24日周四05:30–06:30）"
    )


def test_a_meeting_past_midnight_at_home_names_the_day_it_ends() -> None:
    start = datetime(2024, 10, 23, 17, 0, tzinfo=BRUSSELS)
    end = datetime(2024, 10, 23, 19, 0, tzinfo=BRUSSELS)
    assert fmt("en").time_range(start, end, BEIJING) == (
        "17:00–19:00 CEST (23:00 – Thu 24 Oct 01:00 Beijing time)"
    )
    assert fmt("zh").time_range(start, end, BEIJING) == (
        "中欧夏令时间17:00–19:00（北京时间23:00至10月24日周四01:00）"
    )
