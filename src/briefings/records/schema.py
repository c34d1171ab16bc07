"""The record format: what ``visit.yaml`` and ``meetings/*.yaml`` may contain.

Every reader-visible text is a mapping from language code to text, e.g.
``{en: Brussels, zh: 布鲁塞尔}``. A language may be missing; the build then takes the
text from a content catalogue or falls back visibly (see ``briefings.i18n.content``).
Cross-references (organisations, places) are checked by ``briefings.records.loader``,
which knows where each value was written.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

_LANG = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80),
]
"""Record ids and references: lower-case letters, digits, ``-`` and ``_``."""


def _check_languages(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("give the text in at least one language, e.g. {en: ..., zh: ...}")
    for lang, text in value.items():
        if not _LANG.match(lang):
            raise ValueError(f"{lang!r} is not a language code such as en or zh")
        if not text:
            raise ValueError(f"the {lang} text is empty; leave the language out instead")
    return value


Localized = Annotated[dict[str, str], AfterValidator(_check_languages)]
"""A text in several languages: ``{en: ..., zh: ...}``."""


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        from difflib import get_close_matches

        close = get_close_matches(name, available_timezones(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"{name!r} is not an IANA time zone such as Europe/Brussels{hint}"
        ) from None
    return name


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166 alpha-2 code, or EU for the European Union (CLDR names both)."""

MEETING_KINDS = (
    "meeting",
    "site-visit",
    "roundtable",
    "workshop",
    "conference",
    "reception",
    "meal",
    "signing",
    "press",
    "travel",
    "other",
)


def _check_kind(kind: str) -> str:
    if kind not in MEETING_KINDS:
        raise ValueError(
            f"{kind!r} is not a kind of meeting; use one of {', '.join(MEETING_KINDS)}"
        )
    return kind


class Record(BaseModel):
    """Base of every record model: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class DateRange(Record):
    start: date
    end: date


class Place(Record):
    name: Localized
    country: CountryCode
    timezone: TimeZoneName


class Organisation(Record):
    name: Localized
    short: Localized | None = None
    country: CountryCode | None = None


class FollowUp(Record):
    action: Localized
    owner: Identifier
    due: date | None = None


class Meeting(Record):
    """One entry of the programme, in ``meetings/<anything>.yaml``."""

    id: Identifier
    kind: Annotated[str, AfterValidator(_check_kind)]
    title: Localized
    start: datetime
    end: datetime
    place: Identifier
    venue: Localized
    hosts: list[Identifier] = Field(default_factory=list)
    participants: list[Identifier] = Field(default_factory=list)
    topics: list[Localized] = Field(default_factory=list)
    objectives: list[Localized] = Field(default_factory=list)
    background: Localized | None = None
    talking_points: list[Localized] = Field(default_factory=list)
    outcomes: list[Localized] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)


class Visit(Record):
    """The visit as a whole, in ``visit.yaml``."""

    id: Identifier
    title: Localized
    programme: Identifier | None = None
    dates: DateRange
    home_timezone: TimeZoneName
    lead: Identifier
    delegation: list[Identifier]
    summary: Localized
    conclusions: Localized | None = None
    marking: Localized | None = None
    places: dict[Identifier, Place]
    organisations: dict[Identifier, Organisation]
