"""Dates, times, time zones and lists, formatted per locale with Babel.

``LocaleFormat`` binds every formatter to one locale, like Babel's ``support.Format``,
and adds what a delegation needs: a time shown in the meeting's local time and in the
delegation's home time, with the day named when the two dates differ.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_timezone_name, match_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

# Which CLDR locale stands for a language code of the records. English documents for
# European hosts use British conventions (23 October 2024; A, B and C).
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name, for extraction
    return message


# Date ranges as English and Chinese readers write them (LDML patterns of the first
# and second end), by the largest field that differs; others use CLDR's (see
# LocaleFormat.date_range).
_DATE_RANGES = {
    "en": {
        "d": ("d–", "d MMMM y"),
        "M": ("d MMMM – ", "d MMMM y"),
        "y": ("d MMMM y – ", "d MMMM y"),
    },
    "zh": {
        "d": ("y年M月d日至", "d日"),
        "M": ("y年M月d日至", "M月d日"),
        "y": ("y年M月d日至", "y年M月d日"),
    },
}
_ABBREVIATED_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")


def _long_months(pattern: str) -> str:
    """A CLDR interval pattern with its month names spelt out (``MMM`` -> ``MMMM``),
    as in a long date, and plain spaces for CLDR's thin ones around the dash."""
    return _ABBREVIATED_MONTH.sub(r"\1\1\1\1", pattern).replace("\u2009", " ")


# Conventional names a reader expects instead of CLDR's metazone names.
_ZONE_NAMES = {
    "Asia/Shanghai": N_("Beijing time"),
    "Asia/Chongqing": N_("Beijing time"),
    "Asia/Harbin": N_("Beijing time"),
}


def babel_locale(lang: str) -> Locale:
    """The Babel locale for a record language code (``en`` -> ``en_GB``). A code CLDR
    does not know, such as the pseudo-locale ``en-XA``, is formatted as its language
    (``en``); a language CLDR does not know raises ``UnknownLocaleError``."""
    code = _LOCALES.get(lang, lang).replace("-", "_")
    try:
        return Locale.parse(code)
    except UnknownLocaleError:
        language = code.split("_")[0]
        if language == code:
            raise
        return babel_locale(language)


class LocaleFormat:
    """Formatting for one language, with its interface translations."""

    def __init__(self, lang: str, translations: gettext.NullTranslations) -> None:
        self.lang = lang
        self.locale = babel_locale(lang)
        self.gettext = translations.gettext
        self.ngettext = translations.ngettext

    def date(self, day: dt.date | dt.datetime) -> str:
        """``23 October 2024`` / ``2024年10月23日``."""
        return format_date(day, "long", locale=self.locale)

    def weekday_date(self, day: dt.date | dt.datetime) -> str:
        """``Wednesday 23 October 2024`` / ``2024年10月23日星期三`` (CLDR's full date)."""
        return format_date(day, "full", locale=self.locale)

    def short_date(self, day: dt.date | dt.datetime) -> str:
        """``Wed 23 Oct`` / ``10月23日周三``."""
        return format_skeleton("MMMEd", day, locale=self.locale)

    def time(self, moment: dt.datetime) -> str:
        """``14:30`` in 24-hour form, as programmes print it in both languages."""
        return format_skeleton("Hm", moment, locale=self.locale)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """The dates of a visit as its readers write them: what the two ends share is
        written once. ``22–27 October 2024``, ``22 October – 3 November 2024``,
        ``28 December 2024 – 3 January 2025``; in Chinese ``2024年10月22日至27日``,
        ``2024年10月22日至11月3日``, ``2024年12月28日至2025年1月3日`` (the form of
        official documents; CLDR's is ``2024年10月22日 – 27日``). Other languages
        take CLDR's interval patterns (Babel's ``format_interval``), with the months
        spelt out as in ``date``. A range of one day is that day."""
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if start == end:
            return self.date(start)
        first, second = self._date_range_patterns(field)
        return format_date(start, first, locale=self.locale) + format_date(
            end, second, locale=self.locale
        )

    def _date_range_patterns(self, field: str) -> tuple[str, str]:
        """The LDML patterns of a date range's two ends when ``field`` (``y``, ``M``
        or ``d``) is the largest that differs."""
        own = _DATE_RANGES.get(self.locale.language)
        if own is not None:
            return own[field]
        skeleton = match_skeleton("yMMMd", self.locale.interval_formats) or "yMMMd"
        first, second = self.locale.interval_formats[skeleton][field]
        return _long_months(first), _long_months(second)

    def list(self, items: Sequence[str]) -> str:
        """``A, B and C`` / ``A、B和C``."""
        return format_list(list(items), locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def zone_name(self, moment: dt.datetime) -> str:
        """The name of ``moment``'s zone at that instant, e.g. ``CEST`` (summer) or
        ``CET`` (winter) in English, ``中欧夏令时间`` in Chinese, ``Beijing time``."""
        key = getattr(moment.tzinfo, "key", "")
        if key in _ZONE_NAMES:
            return self.gettext(_ZONE_NAMES[key])
        short = get_timezone_name(moment, width="short", locale=self.locale)
        if short[:1] in "+-" or short.startswith("GMT"):
            return str(get_timezone_name(moment, width="long", locale=self.locale))
        return str(short)

    def time_range(self, start: dt.datetime, end: dt.datetime, home: dt.tzinfo) -> str:
        """The meeting's time in local time and in the delegation's home time, e.g.
        ``14:30–17:00 CEST (20:30–23:00 Beijing time)``, in Chinese
        ``中欧夏令时间14:30–17:00（北京时间20:30–23:00）``. Both parts are written by
        ``clock_range`` relative to the meeting's local date, which the reader sees
        beside it, so a meeting across midnight reads the same in every document."""
        return self.gettext("{local} {home}").format(
            local=self.zoned(self.local_range(start, end), start),
            home=self.home_range(start, end, home),
        )

    def local_range(self, start: dt.datetime, end: dt.datetime) -> str:
        """The local times of a meeting without their zone, for a table whose row
        gives the date: ``14:30–17:00``, or ``23:30 – Thu 24 Oct 00:30`` when it ends
        on a later day."""
        return self.clock_range(start, end, start.date())

    def home_range(self, start: dt.datetime, end: dt.datetime, home: dt.tzinfo) -> str:
        """The home-time part of ``time_range`` alone, e.g. ``(20:30–23:00 Beijing
        time)``, for tables that give the local time in a line of its own."""
        home_start, home_end = start.astimezone(home), end.astimezone(home)
        return self.gettext("({times} {zone})").format(
            times=self.clock_range(home_start, home_end, start.date()),
            zone=self.zone_name(home_start),
        )

    def clock_range(self, start: dt.datetime, end: dt.datetime, day: dt.date) -> str:
        """``start``–``end`` for a reader who knows the date ``day``; one form in
        every table and document:

        - both ends on ``day``: ``20:30–23:00``;
        - both on one other day, named first: ``Thu 24 Oct 05:30–06:30`` /
          ``10月24日周四05:30–06:30``;
        - ends on two days: each end on another day than ``day`` carries it, joined
          by a spaced dash: ``23:00 – Thu 24 Oct 01:00`` / ``23:00至10月24日周四01:00``;
        - an end at midnight is 24:00 of the day before (ISO 8601), so a meeting
          that ends at midnight does not cross it: ``22:30–24:00``.
        """
        end_day, end_time = self._end_point(start, end)
        start_time = self.time(start)
        if start.date() == end_day:
            times = f"{start_time}–{end_time}"
            return times if end_day == day else self.on_day(end_day, times)
        return self.gettext("{start} – {end}").format(
            start=start_time if start.date() == day else self.on_day(start.date(), start_time),
            end=end_time if end_day == day else self.on_day(end_day, end_time),
        )

    def _end_point(self, start: dt.datetime, end: dt.datetime) -> tuple[dt.date, str]:
        """The day and time of a range's end: midnight after the start's day is 24:00."""
        if end.date() > start.date() and end.time() == dt.time(0, 0):
            return end.date() - dt.timedelta(days=1), "24:00"
        return end.date(), self.time(end)

    def on_day(self, day: dt.date | dt.datetime, time: str) -> str:
        """``time`` after its short date: ``Thu 24 Oct 05:30`` / ``10月24日周四05:30``."""
        return self.gettext("{date} {time}").format(date=self.short_date(day), time=time)

    def zoned(self, times: str, moment: dt.datetime) -> str:
        """``times`` with the zone of ``moment``: ``14:30–17:00 CEST``."""
        return self.gettext("{times} {zone}").format(times=times, zone=self.zone_name(moment))
