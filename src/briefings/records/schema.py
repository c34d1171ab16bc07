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
    WithJsonSchema,
)
from pydantic.config import JsonDict

from briefings.records.suggest import time_zone

TEXT_LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
"""The keys of a text in several languages (``{en: ..., zh: ...}``)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ID_MAX_LENGTH = 80
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""Record ids and references: lower-case letters, digits, ``-`` and ``_``."""


def _check_languages(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("give the text in at least one language, e.g. {en: ..., zh: ...}")
    for lang, text in value.items():
        if not TEXT_LANGUAGE.match(lang):
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
        continues_text = text is None and isinstance(key, str) and not TEXT_LANGUAGE.match(key)
        if continues_text and isinstance(joined.get(previous), str):
            joined[previous] += f", {key}"
        else:
            joined[key] = text
    return joined


LOCALIZED_JSON_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "patternProperties": {TEXT_LANGUAGE.pattern: {"type": "string", "minLength": 1}},
    # A key with no value continues the text before it (see _rejoin_commas).
    "additionalProperties": {"type": "null"},
    "examples": [{"en": "Brussels", "zh": "布鲁塞尔"}],
}
Localized = Annotated[
    dict[str, str],
    BeforeValidator(_rejoin_commas),
    AfterValidator(_check_languages),
    WithJsonSchema(LOCALIZED_JSON_SCHEMA),
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

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=False, use_attribute_docstrings=True
    )


class DateRange(Record):
    start: date
    """The first day, e.g. 2024-10-22."""
    end: date
    """The last day, e.g. 2024-10-27."""


class Place(Record):
    """A city or site the programme uses, by id: ``brussels: {name: ..., ...}``."""

    name: Localized
    """The place's name, e.g. {en: Brussels, zh: 布鲁塞尔}."""
    country: CountryCode
    """Two-letter ISO 3166 code, or EU, e.g. BE."""
    timezone: TimeZoneName
    """IANA time zone; meetings there are in its local time, e.g. Europe/Brussels."""


class Organisation(Record):
    """An organisation the records name, by id: ``ndrc: {name: ..., ...}``."""

    name: Localized
    """The full name, e.g. {en: National Development and Reform Commission, zh: ...}."""
    short: Localized | None = None
    """A short name for tables, e.g. {en: NDRC, zh: 国家发展改革委}."""
    country: CountryCode | None = None
    """Two-letter ISO 3166 code, or EU, e.g. CN."""


class FollowUp(Record):
    action: Localized
    """What is to be done, e.g. {en: Send the draft agreement., zh: 发送协议草案。}."""
    owner: Identifier
    """The organisation id responsible, e.g. ndrc."""
    due: date | None = None
    """By when, e.g. 2024-12-15."""


class Person(Record):
    """Someone the visit involves: a delegate, a counterpart, a contact, an interpreter."""

    name: Localized
    """As printed, e.g. {en: LI Wei, zh: 李伟}."""
    honorific: Localized | None = None
    """Before the name in English, after it in Chinese, e.g. {en: Mr, zh: 先生}."""
    title: Localized
    """Job title, e.g. {en: Director-General, zh: 司长}."""
    organisation: Identifier
    """The organisation id the person belongs to, e.g. ndrc."""
    bio: Localized | None = None
    """A short biography for the who's who, e.g. {en: Leads the delegation., zh: ...}."""
    phone: PhoneNumber | None = None
    """A phone number, quoted, e.g. "+32 2 123 45 67"."""
    email: EmailAddress | None = None
    """An e-mail address, e.g. contact@example.org."""


class Stay(Record):
    """Where the delegation sleeps from ``check_in`` to ``check_out``."""

    place: Identifier
    """The place id, e.g. brussels."""
    name: Localized
    """The hotel, e.g. {en: Hotel near the European Quarter, zh: 欧洲区附近酒店}."""
    address: Localized
    """Its address, e.g. {en: Rue de la Loi 1, 1000 Brussels, zh: ...}."""
    check_in: date
    """The day of arrival, e.g. 2024-10-22."""
    check_out: date
    """The day of departure, after check_in, e.g. 2024-10-24."""


class Logistics(Record):
    """The practical side of a meeting, for the briefing's logistics table."""

    address: Localized | None = None
    """Where to go, e.g. {en: Avenue de Beaulieu 5, 1160 Brussels, zh: ...}."""
    contact: Identifier | None = None
    """The person id to call on the day, e.g. luc-peeters."""
    interpreter: Identifier | None = None
    """The person id of the interpreter, e.g. zhao-min."""
    dress_code: Localized | None = None
    """E.g. {en: Business attire, zh: 正装}."""
    gifts: Localized | None = None
    """E.g. {en: Exchange of gifts at the end, zh: 会见结束时互赠礼品}."""
    transport: Localized | None = None
    """E.g. {en: Coach from the hotel at 09:30, zh: 09:30乘大巴从酒店出发}."""
    notes: Localized | None = None
    """Anything else, e.g. {en: No photography in the laboratories., zh: ...}."""


TRAVEL = "travel"
"""The kind of a travel leg: it goes ``from`` one place ``to`` another (its start is
local at ``from``, its end local at ``to``) instead of having a ``place`` and ``venue``."""

TRAVEL_ONLY_KEYS = ("from", "to", "mode", "number")
NOT_FOR_TRAVEL_KEYS = ("place", "venue")
TRAVEL_JSON_SCHEMA: JsonDict = {
    "if": {"properties": {"kind": {"const": TRAVEL}}, "required": ["kind"]},
    "then": {
        "required": ["from", "to"],
        "properties": {key: False for key in NOT_FOR_TRAVEL_KEYS},
    },
    "else": {
        "required": list(NOT_FOR_TRAVEL_KEYS),
        "properties": {key: False for key in TRAVEL_ONLY_KEYS},
    },
}
"""The same rule for editors (JSON Schema), which ``briefings.records.travel`` checks."""


class Meeting(Record):
    """One entry of the programme, in ``meetings/<anything>.yaml``: a meeting, or a
    travel leg (``kind: travel``). ``place`` and ``venue`` are given for every kind but
    travel, ``from`` and ``to`` for travel only (``briefings.records.travel`` checks it)."""

    model_config = ConfigDict(json_schema_extra={"allOf": [TRAVEL_JSON_SCHEMA]})

    id: Identifier
    """The entry's id, also its briefing's file name, e.g. dg-regio."""
    kind: Annotated[
        str,
        AfterValidator(_check_kind),
        WithJsonSchema({"enum": list(MEETING_KINDS), "examples": ["meeting"]}),
    ]
    """meeting, site-visit, roundtable, workshop, conference, reception, meal, signing,
    press, travel or other, e.g. meeting."""
    title: Localized
    """E.g. {en: Meeting with DG REGIO, zh: 与地区总司会谈}."""
    start: datetime
    """Local start at the place (for travel: at ``from``), e.g. 2024-10-23T14:30."""
    end: datetime
    """Local end at the place (for travel: at ``to``), e.g. 2024-10-23T17:00."""
    place: Identifier | None = None
    """The place id (not for travel), e.g. brussels."""
    venue: Localized | None = None
    """Where in the place (not for travel), e.g. {en: European Commission, zh: 欧盟委员会}."""
    hosts: list[Identifier] = Field(default_factory=list)
    """Organisation ids of the hosts, e.g. [dg-regio]."""
    participants: list[Identifier] = Field(default_factory=list)
    """Organisation ids taking part, e.g. [ndrc, zhengzhou]."""
    topics: list[Localized] = Field(default_factory=list)
    """E.g. [{en: Urban development, zh: 城市发展}]."""
    objectives: list[Localized] = Field(default_factory=list)
    """What the delegation wants from it, e.g. [{en: Agree a joint plan., zh: ...}]."""
    background: Localized | None = None
    """Why the meeting matters, e.g. {en: DG REGIO leads the EU's urban policy., zh: ...}."""
    talking_points: list[Localized] = Field(default_factory=list)
    """E.g. [{en: Experience of the pilot cities., zh: 试点城市的经验。}]."""
    outcomes: list[Localized] = Field(default_factory=list)
    """Filled in afterwards, e.g. [{en: Both sides agreed to meet again., zh: ...}]."""
    follow_up: list[FollowUp] = Field(default_factory=list)
    """Actions agreed, e.g. [{action: {en: Send the plan., zh: 发送计划。}, owner: ndrc}]."""
    counterparts: list[Identifier] = Field(default_factory=list)
    """Person ids of the people the delegation meets, e.g. [marco-bianchi]."""
    delegates: list[Identifier] | None = None
    """Person ids of the visit's delegates who attend (all when left out), e.g. [li-wei]."""
    logistics: Logistics | None = None
    """Address, contact, interpreter, dress code, gifts, transport and notes, e.g.
    {contact: luc-peeters, dress_code: {en: Business attire, zh: 正装}}."""
    from_: Identifier | None = Field(default=None, alias="from")
    """Travel: the place id of departure, e.g. beijing."""
    to: Identifier | None = None
    """Travel: the place id of arrival, e.g. brussels."""
    mode: Localized | None = None
    """Travel: how, e.g. {en: Flight, zh: 航班}."""
    number: str | None = None
    """Travel: a flight or train number, e.g. CA 0000."""

    @property
    def is_travel(self) -> bool:
        return self.kind == TRAVEL


class Visit(Record):
    """The visit as a whole, in ``visit.yaml``."""

    id: Identifier
    """The visit's id, e.g. iurc-china-2024."""
    title: Localized
    """E.g. {en: Delegation visit to Brussels, zh: 代表团访问布鲁塞尔}."""
    programme: Identifier | None = None
    """The organisation id of the programme the visit belongs to, e.g. iurc."""
    dates: DateRange
    """First and last day, e.g. {start: 2024-10-22, end: 2024-10-27}."""
    home_timezone: TimeZoneName
    """The delegation's IANA time zone: times are also shown in it, e.g. Asia/Shanghai."""
    lead: Identifier
    """The organisation id leading the delegation, e.g. ndrc."""
    delegation: list[Identifier]
    """Organisation ids of the delegation, e.g. [ndrc, zhengzhou]."""
    summary: Localized
    """Printed at the top of the visit report, e.g. {en: A visit to ..., zh: ...}."""
    conclusions: Localized | None = None
    """What the visit achieved, e.g. {en: The delegates returned with ..., zh: ...}."""
    marking: Localized | None = None
    """The handling marking on every page (default Internal), e.g. {en: Restricted}."""
    places: dict[Identifier, Place]
    """Every place the programme uses, by id, e.g. {brussels: {name: ..., ...}}."""
    organisations: dict[Identifier, Organisation]
    """Every organisation the records name, by id, e.g. {ndrc: {name: ..., ...}}."""
    people: dict[Identifier, Person] = Field(default_factory=dict)
    """Everyone the records name, by id, e.g. {li-wei: {name: ..., ...}}."""
    delegates: list[Identifier] = Field(default_factory=list)
    """Person ids of the delegation, in order of precedence, e.g. [li-wei, chen-jing]."""
    accommodation: list[Stay] = Field(default_factory=list)
    """Where the delegation stays, e.g. [{place: brussels, name: ..., ...}]."""
