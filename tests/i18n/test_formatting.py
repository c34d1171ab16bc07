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
        "23:30 – Thu 24 Oct 00:30 CEST (Thu 24 Oct 05:30–06:30 Beijing time)"
    )
    assert fmt("zh").time_range(start, end, BEIJING) == (
        "中欧夏令时间23:30至10月24日周四00:30（北京时间10月24日周四05:30–06:30）"
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


def test_a_meeting_ending_at_midnight_at_home_ends_at_24_00() -> None:
    start = datetime(2024, 10, 26, 16, 30, tzinfo=LJUBLJANA)
    end = datetime(2024, 10, 26, 18, 0, tzinfo=LJUBLJANA)
    assert fmt("en").home_range(start, end, BEIJING) == "(22:30–24:00 Beijing time)"
    assert fmt("zh").home_range(start, end, BEIJING) == "（北京时间22:30–24:00）"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_midnight_is_crossed_the_same_way_in_local_and_home_time(lang: str) -> None:
    """The local and the home part of one meeting, and the itinerary's local column,
    write a range across midnight in one form: the later day named before its time."""
    local = fmt(lang).local_range(
        datetime(2024, 10, 23, 23, 0, tzinfo=BRUSSELS),
        datetime(2024, 10, 24, 1, 0, tzinfo=BRUSSELS),
    )
    home = fmt(lang).home_range(
        datetime(2024, 10, 23, 17, 0, tzinfo=BRUSSELS),
        datetime(2024, 10, 23, 19, 0, tzinfo=BRUSSELS),
        BEIJING,
    )
    assert local == {"en": "23:00 – Thu 24 Oct 01:00", "zh": "23:00至10月24日周四01:00"}[lang]
    assert local in home


def test_a_meeting_over_several_days_shows_its_end_date() -> None:
    start = datetime(2024, 10, 23, 23, 30, tzinfo=BRUSSELS)
    end = datetime(2024, 10, 25, 22, 0, tzinfo=BRUSSELS)
    assert fmt("en").local_range(start, end) == "23:30 – Fri 25 Oct 22:00"
    assert fmt("zh").local_range(start, end) == "23:30至10月25日周五22:00"


DATE_RANGES = {
    "en": [
        "22–27 October 2024",
        "22 October – 3 November 2024",
        "28 December 2024 – 3 January 2025",
        "22 October 2024",
    ],
    "zh": [
        "2024年10月22日至27日",
        "2024年10月22日至11月3日",
        "2024年12月28日至2025年1月3日",
        "2024年10月22日",
    ],
    # Others: CLDR's interval patterns (Babel's format_interval), months spelt out.
    "fr": [
        "22–27 octobre 2024",
        "22 octobre – 3 novembre 2024",
        "28 décembre 2024 – 3 janvier 2025",
        "22 octobre 2024",
    ],
    "de": [
        "22.–27. Oktober 2024",
        "22. Oktober – 3. November 2024",
        "28. Dezember 2024 – 3. Januar 2025",
        "22. Oktober 2024",
    ],
}
RANGES = [
    (date(2024, 10, 22), date(2024, 10, 27)),
    (date(2024, 10, 22), date(2024, 11, 3)),
    (date(2024, 12, 28), date(2025, 1, 3)),
    (date(2024, 10, 22), date(2024, 10, 22)),
]


@pytest.mark.parametrize("lang", DATE_RANGES)
def test_date_ranges_write_what_the_two_ends_share_once(lang: str) -> None:
    written = [fmt(lang).date_range(start, end) for start, end in RANGES]
    assert written == DATE_RANGES[lang]
