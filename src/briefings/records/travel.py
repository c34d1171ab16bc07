"""Travel legs, stays, and the programme in absolute time.

A travel leg (``kind: travel``) goes ``from`` one place ``to`` another: its start is
the local time at ``from``, its end the local time at ``to``. Every other entry has one
``place`` for both. So whenever two times of the programme are compared (a leg's
arrival with its departure, two entries that may overlap) they are first made instants
in their own places' zones; local dates are what the visit's dates are compared with
(``briefings.records.checks``).

The checks read the raw YAML data, as ``briefings.records.checks`` does, and skip what
the schema already rejects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from briefings.diagnostics import Diagnostic, Location, Severity
from briefings.records.checks import Source, VisitFacts, valid_or_none
from briefings.records.clock import local_time_problem
from briefings.records.people import PeopleFacts
from briefings.records.rootcause import MissingKey, unknown_reference
from briefings.records.schema import (
    MEETING_KINDS,
    NOT_FOR_TRAVEL_KEYS,
    TRAVEL,
    TRAVEL_ONLY_KEYS,
)

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)
_DATE: TypeAdapter[date] = TypeAdapter(date)


def is_travel(data: dict[str, Any]) -> bool:
    return data.get("kind") == TRAVEL


def start_and_end_places(data: dict[str, Any]) -> tuple[Any, Any]:
    """The places whose local times a record's start and end are (``from`` and ``to``
    for a travel leg, ``place`` for both otherwise), as written."""
    if is_travel(data):
        return data.get("from"), data.get("to")
    return data.get("place"), data.get("place")


def key_problems(meeting: Source) -> list[Diagnostic]:
    """Keys that belong to the other sort of entry, and the ones its sort requires."""
    data = meeting.data
    kind = data.get("kind")
    if kind not in MEETING_KINDS:
        return []  # the schema says what the kind should be
    travel = kind == TRAVEL
    wrong = NOT_FOR_TRAVEL_KEYS if travel else TRAVEL_ONLY_KEYS
    found = [
        Diagnostic(meeting.document.locate(meeting.file, (key,), key=True), _wrong_key(key, kind))
        for key in wrong
        if key in data
    ]
    required = ("from", "to") if travel else NOT_FOR_TRAVEL_KEYS
    for key in required:
        if key not in data:
            sort = "a travel leg" if travel else "a meeting"
            message = f"is required for {sort} but missing"
            found.append(MissingKey(meeting.locate((key,)), message))
    return found


def _wrong_key(key: str, kind: str) -> str:
    if kind == TRAVEL:
        return f"a travel leg has no {key!r}: it goes from: one place to: another"
    return f"{key!r} is only for travel legs (kind: travel); a {kind} has place: and venue:"


@dataclass(frozen=True)
class Timing:
    """One entry of the programme where its times and places are valid: what the checks
    of the programme as a whole need of it."""

    file: Path
    id: str | None
    travel: bool
    start_place: str
    end_place: str
    start: datetime
    """The start, as an instant (UTC)."""
    end: datetime
    local_end: datetime
    attending: frozenset[str]
    start_at: Location
    from_at: Location

    @property
    def label(self) -> str:
        return repr(self.id) if self.id else self.file.name

    @classmethod
    def read(cls, source: Source, visit: VisitFacts, people: PeopleFacts) -> Timing | None:
        """The entry's timing, or None if its times or places are not all valid."""
        data = source.data
        ident = data.get("id")
        start_place, end_place = start_and_end_places(data)
        local_start = valid_or_none(_DATETIME, data.get("start"))
        local_end = valid_or_none(_DATETIME, data.get("end"))
        start = _instant(local_start, start_place, visit)
        end = _instant(local_end, end_place, visit)
        if start is None or end is None:
            return None
        return cls(
            source.file,
            ident if isinstance(ident, str) else None,
            is_travel(data),
            start_place,
            end_place,
            start,
            end,
            local_end,
            people.attending(data),
            source.locate(("start",)),
            source.locate(("from",)),
        )


def _instant(local: datetime | None, place: Any, visit: VisitFacts) -> datetime | None:
    """A local time at a place, as an instant in UTC (by its offset where the record
    gives one); None if either is not valid."""
    zone = visit.places.get(place) if isinstance(place, str) else None
    if zone is None or local is None:
        return None
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def clock_problems(meeting: Source, visit: VisitFacts) -> list[Diagnostic]:
    """Start and end times that the clocks of their places skip (an error) or show
    twice (a warning), and offsets those clocks do not have (``briefings.records.clock``)."""
    found = []
    for name, place in zip(("start", "end"), start_and_end_places(meeting.data), strict=True):
        zone = visit.places.get(place) if isinstance(place, str) else None
        written = valid_or_none(_DATETIME, meeting.data.get(name))
        problem = local_time_problem(written, zone) if zone and written else None
        if problem is not None:
            severity, message = problem
            found.append(Diagnostic(meeting.locate((name,)), message, severity))
    return found


def leg_problems(meeting: Source, visit: VisitFacts, timing: Timing | None) -> list[Diagnostic]:
    """A travel leg's unknown places, a leg that goes nowhere, one that arrives before
    it leaves."""
    data = meeting.data
    if not is_travel(data):
        return []
    found: list[Diagnostic] = []
    known = sorted(visit.places)
    for key in ("from", "to"):
        place = data.get(key)
        if isinstance(place, str) and place not in visit.places:
            location = meeting.locate((key,))
            found.append(unknown_reference("place", place, known, location))
    origin, destination = data.get("from"), data.get("to")
    if isinstance(origin, str) and origin == destination:
        message = f"the leg goes from {origin!r} to {origin!r}; give the place it arrives at"
        found.append(Diagnostic(meeting.locate(("to",)), message))
    if timing is not None and timing.end <= timing.start:
        found.append(Diagnostic(meeting.locate(("end",)), _arrives_too_early(timing, visit)))
    return found


def _arrives_too_early(leg: Timing, visit: VisitFacts) -> str:
    departure_zone = ZoneInfo(visit.places[leg.start_place] or "UTC")
    departure = leg.start.astimezone(departure_zone)
    arrival_there = leg.end.astimezone(departure_zone)
    return (
        f"the leg arrives before it leaves: {leg.local_end:%H:%M} in {leg.end_place!r} is"
        f" {arrival_there:%Y-%m-%d %H:%M} in {leg.start_place!r}, and it leaves"
        f" {leg.start_place!r} at {departure:%Y-%m-%d %H:%M}"
    )


def stay_problems(visit_source: Source, visit: VisitFacts) -> list[Diagnostic]:
    """Stays at unknown places, that end before they begin, or outside the visit."""
    found: list[Diagnostic] = []
    stays = visit_source.data.get("accommodation")
    for index, stay in enumerate(stays if isinstance(stays, list) else []):
        if not isinstance(stay, dict):
            continue
        place = stay.get("place")
        if isinstance(place, str) and place not in visit.places:
            location = visit_source.locate(("accommodation", index, "place"))
            found.append(unknown_reference("place", place, sorted(visit.places), location))
        check_in = valid_or_none(_DATE, stay.get("check_in"))
        check_out = valid_or_none(_DATE, stay.get("check_out"))
        if check_in is None or check_out is None:
            continue
        if check_out <= check_in:
            message = (
                f"the check-out ({check_out:%Y-%m-%d}) is not after the check-in"
                f" ({check_in:%Y-%m-%d})"
            )
            found.append(
                Diagnostic(visit_source.locate(("accommodation", index, "check_out")), message)
            )
        elif visit.dates is not None:
            found += _stay_outside(visit_source, index, check_in, check_out, visit)
    return found


def _stay_outside(
    visit_source: Source, index: int, check_in: date, check_out: date, visit: VisitFacts
) -> list[Diagnostic]:
    assert visit.dates is not None
    start, end = visit.dates.start, visit.dates.end
    span = f"the visit is {start:%Y-%m-%d} to {end:%Y-%m-%d}"
    found = []
    if check_in < start:
        message = f"the stay begins ({check_in:%Y-%m-%d}) before the visit; {span}"
        at = visit_source.locate(("accommodation", index, "check_in"))
        found.append(Diagnostic(at, message, Severity.WARNING))
    if check_out > end:
        message = f"the stay ends ({check_out:%Y-%m-%d}) after the visit; {span}"
        at = visit_source.locate(("accommodation", index, "check_out"))
        found.append(Diagnostic(at, message, Severity.WARNING))
    return found


def chain_problems(legs: list[Timing], people: PeopleFacts) -> list[Diagnostic]:
    """Legs that leave from somewhere other than where the previous leg arrived, for
    anyone who takes both (everyone, if the visit names no delegates)."""
    legs = sorted(legs, key=lambda leg: (leg.start, str(leg.file)))
    travellers: list[str | None] = list(people.delegates) or [None]
    broken: dict[tuple[int, int], list[str]] = {}
    for traveller in travellers:
        taken = [i for i, leg in enumerate(legs) if traveller is None or traveller in leg.attending]
        for before, after in pairwise(taken):
            if legs[before].end_place != legs[after].start_place:
                who = broken.setdefault((before, after), [])
                if traveller is not None:
                    who.append(traveller)
    found = []
    for (before, after), who in broken.items():
        previous, leg = legs[before], legs[after]
        message = (
            f"the leg leaves from {leg.start_place!r}, but the leg before it"
            f" ({previous.label}) arrives in {previous.end_place!r}"
        )
        if who and len(who) < len(people.delegates):
            message += f" (for {', '.join(who)})"
        found.append(Diagnostic(leg.from_at, message, Severity.WARNING))
    return found


def overlap_problems(timings: list[Timing], people: PeopleFacts) -> list[Diagnostic]:
    """Entries that overlap in time, compared as instants: a warning. When the visit
    names its delegates, only entries that share a delegate (a delegation may split up),
    naming who would be in both."""
    timings = sorted(timings, key=lambda t: (t.start, str(t.file)))
    found: list[Diagnostic] = []
    running: list[Timing] = []  # entries that have started and not yet ended
    for entry in timings:
        running = [earlier for earlier in running if earlier.end > entry.start]
        for earlier in running:
            message = f"overlaps with {earlier.label}, which ends at {earlier.local_end:%H:%M}"
            if people.delegates:
                shared = people.in_precedence(earlier.attending & entry.attending)
                if not shared:
                    continue
                message += f"; {', '.join(shared)} would be in both"
            found.append(Diagnostic(entry.start_at, message, Severity.WARNING))
        if entry.end > entry.start:
            running.append(entry)
    return found
