"""Dates, times, time zones and lists, formatted per locale with Babel.

``LocaleFormat`` binds every formatter to one locale, like Babel's ``support.Format``,
and adds what a delegation needs: a time shown in the meeting's local time and in the
delegation's home time, with the day named when the two dates differ.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_timezone_name
from babel.lists import format_list
from babel.numbers import format_decimal

# Which CLDR locale stands for a language code of the records. English documents for
# European hosts use British conventions (23 October 2024; A, B and C).
_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name, for extraction
    return message


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
        """``22 October 2024 – 27 October 2024`` style range, per locale."""
        return self.gettext("{start} – {end}").format(start=self.date(start), end=self.date(end))

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
        ``14:30–17:00 CEST (20:30–23:00 Beijing time)``. When the home times fall on
        another day than the local start, the day is named once: 23:30 in Brussels
        reads ``(05:30–06:30 Beijing time, Thu 24 Oct)``; a meeting that runs past
        midnight at home names the day it ends."""
        local = self.gettext("{start}–{end} {zone}").format(
            start=self.time(start), end=self.time(end), zone=self.zone_name(start)
        )
        return self.gettext("{local} {home}").format(
            local=local, home=self.home_range(start, end, home)
        )

    def home_range(self, start: dt.datetime, end: dt.datetime, home: dt.tzinfo) -> str:
        """The home-time part of ``time_range`` alone, e.g. ``(20:30–23:00 Beijing
        time)``, for tables that give the local time in a line of its own."""
        return self._home_range(start.astimezone(home), end.astimezone(home), start.date())

    def _home_range(self, start: dt.datetime, end: dt.datetime, local_day: dt.date) -> str:
        zone_name = self.zone_name(start)
        if start.date() == end.date():
            times = {"start": self.time(start), "end": self.time(end), "zone": zone_name}
            if start.date() == local_day:
                return self.gettext("({start}–{end} {zone})").format(**times)
            return self.gettext("({start}–{end} {zone}, {date})").format(
                date=self.short_date(start), **times
            )
        # Past midnight at home: both ends carry their day where it differs.
        return self.gettext("({start} – {end} {zone})").format(
            start=self._home_point(start, local_day),
            end=self._home_point(end, local_day),
            zone=zone_name,
        )

    def _home_point(self, moment: dt.datetime, local_day: dt.date) -> str:
        if moment.date() == local_day:
            return self.time(moment)
        return self.gettext("{date} {time}").format(
            time=self.time(moment), date=self.short_date(moment)
        )


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``."""
    return ZoneInfo(name)
