"""The record format: what ``visit.yaml`` and ``meetings/*.yaml`` may contain.

Every reader-visible text is a mapping from language code to text, e.g.
``{en: Brussels, zh: 布鲁塞尔}``. A language may be missing; the build then takes the
text from a content catalogue or falls back visibly (see ``briefings.i18n.content``).
Cross-references (organisations, places, people) are checked by
``briefings.records.checks``, ``briefings.records.people`` and
``briefings.records.travel``, which know where each value was written.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from difflib import get_close_matches
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from briefings.records.suggest import time_zone

_LANG = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ID_MAX_LENGTH = 80
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
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


def _rejoin_commas(value: Any) -> Any:
    """``{en: Rue de la Loi 1, 1000 Brussels, zh: ...}`` means what it says, though YAML
    reads the comma as ending the text and ``1000 Brussels`` as a key without a value:
    such a key (one that is not a language code) is put back into the text before it.
    A language without a text (``zh:``) is left for validation to report."""
    if not isinstance(value, dict) or None not in value.values():
        return value
    joined: dict[Any, Any] = {}
    for key, text in value.items():
        previous = next(reversed(joined), None)
        continues_text = text is None and isinstance(key, str) and not _LANG.match(key)
        if continues_text and isinstance(joined.get(previous), str):
            joined[previous] += f", {key}"
        else:
            joined[key] = text
    return joined


Localized = Annotated[
    dict[str, str], BeforeValidator(_rejoin_commas), AfterValidator(_check_languages)
]
"""A text in several languages: ``{en: ..., zh: ...}``."""


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = get_close_matches(name, available_timezones(), n=1)
        meant = close[0] if close else time_zone(name)
        hint = f"; did you mean {meant!r}?" if meant else ""
        raise ValueError(
            f"{name!r} is not an IANA time zone such as Europe/Brussels{hint}"
        ) from None
    return name


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]

_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _check_phone(number: str) -> str:
    if not _PHONE.match(number) or sum(char.isdigit() for char in number) < 5:
        raise ValueError(
            "a phone number is digits with an optional leading '+', spaces, '-' and"
            " brackets, e.g. +32 2 123 45 67"
        )
    return number


def _check_email(address: str) -> str:
    if not _EMAIL.match(address):
        raise ValueError("an e-mail address looks like name@example.org")
    return address


PhoneNumber = Annotated[str, AfterValidator(_check_phone)]
EmailAddress = Annotated[str, AfterValidator(_check_email)]

COUNTRY_PATTERN = r"^[A-Z]{2}$"
CountryCode = Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)]
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


class Person(Record):
    """Someone the visit involves: a delegate, a counterpart, a contact, an interpreter."""

    name: Localized
    """As printed, e.g. ``{en: LI Wei, zh: 李伟}``."""
    honorific: Localized | None = None
    """E.g. ``{en: Mr, zh: 先生}``: before the name in English, after it in Chinese."""
    title: Localized
    organisation: Identifier
    bio: Localized | None = None
    phone: PhoneNumber | None = None
    email: EmailAddress | None = None


class Stay(Record):
    """Where the delegation sleeps from ``check_in`` to ``check_out``."""

    place: Identifier
    name: Localized
    address: Localized
    check_in: date
    check_out: date


class Logistics(Record):
    """The practical side of a meeting, for the briefing's logistics table."""

    address: Localized | None = None
    contact: Identifier | None = None
    interpreter: Identifier | None = None
    dress_code: Localized | None = None
    gifts: Localized | None = None
    transport: Localized | None = None
    notes: Localized | None = None


TRAVEL = "travel"
"""The kind of a travel leg: it goes ``from`` one place ``to`` another (its start is
local at ``from``, its end local at ``to``) instead of having a ``place`` and ``venue``."""

TRAVEL_ONLY_KEYS = ("from", "to", "mode", "number")
NOT_FOR_TRAVEL_KEYS = ("place", "venue")


class Meeting(Record):
    """One entry of the programme, in ``meetings/<anything>.yaml``: a meeting, or a
    travel leg (``kind: travel``). ``place`` and ``venue`` are given for every kind but
    travel, ``from`` and ``to`` for travel only (``briefings.records.travel`` checks it)."""

    id: Identifier
    kind: Annotated[str, AfterValidator(_check_kind)]
    title: Localized
    start: datetime
    end: datetime
    place: Identifier | None = None
    venue: Localized | None = None
    hosts: list[Identifier] = Field(default_factory=list)
    participants: list[Identifier] = Field(default_factory=list)
    topics: list[Localized] = Field(default_factory=list)
    objectives: list[Localized] = Field(default_factory=list)
    background: Localized | None = None
    talking_points: list[Localized] = Field(default_factory=list)
    outcomes: list[Localized] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)
    counterparts: list[Identifier] = Field(default_factory=list)
    """The people the delegation meets."""
    delegates: list[Identifier] | None = None
    """The visit's delegates who attend; None: all of them."""
    logistics: Logistics | None = None
    from_: Identifier | None = Field(default=None, alias="from")
    to: Identifier | None = None
    mode: Localized | None = None
    """How a travel leg travels, e.g. ``{en: Flight, zh: 航班}``."""
    number: str | None = None
    """A flight or train number."""

    @property
    def is_travel(self) -> bool:
        return self.kind == TRAVEL


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
    people: dict[Identifier, Person] = Field(default_factory=dict)
    delegates: list[Identifier] = Field(default_factory=list)
    """Person ids of the delegation, in order of precedence."""
    accommodation: list[Stay] = Field(default_factory=list)
