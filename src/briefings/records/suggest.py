"""What a record writer probably meant by a country or a time zone given by name.

``country: Germany`` means ``DE`` and ``home_timezone: Beijing`` means
``Asia/Shanghai``. Names are looked up in CLDR through Babel (country names and the
cities that name time zones, in English and Chinese), offline, and only when a value
is wrong: nothing is loaded while records are valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from zoneinfo import available_timezones

from babel import Locale
from babel.core import get_global

NAME_LANGUAGES = ("en", "zh")
"""The languages whose names of countries and cities are recognised."""

CAPITALS = {
    "beijing": "Asia/Shanghai",
    "北京": "Asia/Shanghai",
    "washington": "America/New_York",
    "new delhi": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "ottawa": "America/Toronto",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    "brasilia": "America/Sao_Paulo",
    "brasília": "America/Sao_Paulo",
    "bern": "Europe/Zurich",
    "hanoi": "Asia/Bangkok",
    "abu dhabi": "Asia/Dubai",
    "ankara": "Europe/Istanbul",
    "pretoria": "Africa/Johannesburg",
    "islamabad": "Asia/Karachi",
    "astana": "Asia/Almaty",
    "the hague": "Europe/Amsterdam",
}
"""Capitals that name no time zone, with the zone whose clocks they keep."""


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def country_codes_by_name() -> dict[str, str]:
    """Country names (English and Chinese, case-folded) -> ISO 3166 alpha-2 code."""
    codes: dict[str, str] = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():
                codes.setdefault(_key(name), code)
    return codes


def country_code(name: str) -> str | None:
    """The code of the country called ``name`` (or nearly so), e.g. Germany -> DE."""
    return _closest(name, country_codes_by_name())


def zones_by_name() -> dict[str, str]:
    """Place names (case-folded) -> time zone: each zone's last part (``Brussels``),
    the cities CLDR names zones by (``Ho Chi Minh City``, ``上海``), a few capitals, and
    the countries that keep one time (``Belgium``; ``China`` -> its first zone)."""
    zones: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        zones.setdefault(_key(zone.rpartition("/")[2]), zone)
    for language in NAME_LANGUAGES:
        for zone, names in Locale(language).time_zones.items():
            city = names.get("city")
            if isinstance(city, str):
                zones.setdefault(_key(city), zone)
    zones.update(CAPITALS)
    territory_zones: Mapping[str, list[str]] = get_global("territory_zones")
    for name, code in country_codes_by_name().items():
        if territory_zones.get(code):
            zones.setdefault(name, territory_zones[code][0])
    return zones


def time_zone(name: str) -> str | None:
    """The time zone of a place or country called ``name``, e.g. Beijing -> Asia/Shanghai."""
    return _closest(name, zones_by_name())


def _closest(name: str, by_name: dict[str, str]) -> str | None:
    close = get_close_matches(_key(name), by_name, n=1, cutoff=0.85)
    return by_name[close[0]] if close else None
