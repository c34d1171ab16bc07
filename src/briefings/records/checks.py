"""Checks across records: references, times, the programme as a whole.

They read the *raw* YAML data, taking from it whatever is valid, rather than the
validated models: a visit file with a misspelt time zone, or a meeting with a typo in
one key, must not hide an unknown organisation or an overlap elsewhere. Every problem
is found in one run; values the schema already rejected are skipped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from briefings.diagnostics import Diagnostic, Location
from briefings.records.rootcause import unknown_reference
from briefings.records.schema import DateRange, TimeZoneName
from briefings.records.yamlsafe import Path_, YamlDocument

RESERVED_MEETING_IDS = frozenset({"visit-report"})
"""Names of other output files (``briefings.build.REPORT_NAME``): a meeting with such
an id would overwrite them."""

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)
_TIMEZONE: TypeAdapter[str] = TypeAdapter(TimeZoneName)
_DATES: TypeAdapter[DateRange] = TypeAdapter(DateRange)


@dataclass(frozen=True)
class Source:
    """One loaded record file: where it is and what it holds."""

    file: Path
    document: YamlDocument

    @property
    def data(self) -> dict[str, Any]:
        return mapping_or_empty(self.document.data)

    def locate(self, path: Path_) -> Location:
        return self.document.locate(self.file, path)


@dataclass(frozen=True)
class VisitFacts:
    """What meetings are checked against, taken from whatever of visit.yaml is valid."""

    organisations: frozenset[str]
    places: dict[str, str | None]
    """Place key -> its time zone (None if the zone is invalid)."""
    dates: DateRange | None

    @classmethod
    def read(cls, visit: Source | None) -> VisitFacts | None:
        if visit is None:
            return None
        data = visit.data
        places: dict[str, str | None] = {}
        for key, place in mapping_or_empty(data.get("places")).items():
            zone = place.get("timezone") if isinstance(place, dict) else None
            places[key] = valid_or_none(_TIMEZONE, zone)
        dates = valid_or_none(_DATES, data.get("dates"))
        return cls(frozenset(mapping_or_empty(data.get("organisations"))), places, dates)


@dataclass(frozen=True)
class MeetingFacts:
    """The id, place and times of one meeting file, where they are valid, and where its
    id and start were written: what the checks of the whole programme need of it."""

    file: Path
    id: str | None
    place: str | None
    start: datetime | None
    end: datetime | None
    id_at: Location
    start_at: Location

    @classmethod
    def read(cls, source: Source) -> MeetingFacts:
        data = source.data
        ident, place = data.get("id"), data.get("place")
        return cls(
            source.file,
            ident if isinstance(ident, str) else None,
            place if isinstance(place, str) else None,
            valid_or_none(_DATETIME, data.get("start")),
            valid_or_none(_DATETIME, data.get("end")),
            source.locate(("id",)),
            source.locate(("start",)),
        )


class RecordChecks:
    """Every cross-record problem of a visit folder (errors and warnings), checked one
    file at a time as the files are read, so that none has to be held: the visit first,
    then each meeting, then ``finish`` for the programme as a whole."""

    def __init__(self, visit: Source | None) -> None:
        self.facts = VisitFacts.read(visit)
        self.found: list[Diagnostic] = []
        self.meetings: list[MeetingFacts] = []
        if visit is not None and self.facts is not None:
            self.found += _visit_references(visit, self.facts)

    def meeting(self, source: Source) -> None:
        """Check one meeting file against the visit; keep its facts for ``finish``."""
        facts = MeetingFacts.read(source)
        if self.facts is not None:
            self.found += _meeting_references(source, self.facts)
        self.found += _meeting_times(source, facts, self.facts)
        self.meetings.append(facts)

    def finish(self) -> list[Diagnostic]:
        """Every problem found: those of each file, then duplicate ids."""
        # Overlaps are checked in absolute time by briefings.records.travel.
        return self.found + _meeting_ids(self.meetings)


def mapping_or_empty(value: Any) -> dict[str, Any]:
    """``value`` if it is a mapping, else an empty one (the schema reports why)."""
    return value if isinstance(value, dict) else {}


def valid_or_none(adapter: TypeAdapter[Any], value: Any) -> Any:
    """``value`` validated by ``adapter``, or None (the schema reports why)."""
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _references(data: dict[str, Any], names: tuple[str, ...]) -> list[tuple[Path_, str]]:
    """``(path, value)`` of every text reference at ``names`` (a key, a list of keys, or
    a list of mappings with ``owner``); values of the wrong type are left to the schema."""
    refs: list[tuple[Path_, str]] = []
    for name in names:
        value = data.get(name)
        if isinstance(value, str):
            refs.append(((name,), value))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    refs.append(((name, i), item))
                elif isinstance(item, dict) and isinstance(item.get("owner"), str):
                    refs.append(((name, i, "owner"), item["owner"]))
    return refs


def _visit_references(visit: Source, facts: VisitFacts) -> list[Diagnostic]:
    known = sorted(facts.organisations)
    found = [
        unknown_reference("organisation", ref, known, visit.locate(path))
        for path, ref in _references(visit.data, ("programme", "lead", "delegation"))
        if ref not in facts.organisations
    ]
    if facts.dates is not None and facts.dates.end < facts.dates.start:
        found.append(Diagnostic(visit.locate(("dates", "end")), "the visit ends before it starts"))
    return found


def _meeting_references(meeting: Source, facts: VisitFacts) -> list[Diagnostic]:
    known = sorted(facts.organisations)
    refs = _references(meeting.data, ("hosts", "participants", "follow_up"))
    found = [
        unknown_reference("organisation", ref, known, meeting.locate(path))
        for path, ref in refs
        if ref not in facts.organisations
    ]
    place = meeting.data.get("place")
    if isinstance(place, str) and place not in facts.places:
        found.append(
            unknown_reference("place", place, sorted(facts.places), meeting.locate(("place",)))
        )
    return found


def _meeting_times(
    source: Source, meeting: MeetingFacts, facts: VisitFacts | None
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if meeting.start is None or meeting.end is None:
        return found
    # Local times as the clocks show them; an offset (which only says which of a
    # repeated hour is meant, briefings.records.clock) decides between equal ones.
    start, end = meeting.start.replace(tzinfo=None), meeting.end.replace(tzinfo=None)
    far = [(name, t) for name, t in (("start", start), ("end", end)) if not 1900 <= t.year < 9999]
    for name, moment in far:  # its time elsewhere in the world may fall off the calendar
        message = f"{moment:%Y-%m-%d} is not a date of a visit (years 1900 to 9998)"
        found.append(Diagnostic(source.locate((name,)), message))
    if far:
        return found
    if meeting.start.tzinfo is not None and meeting.end.tzinfo is not None:
        in_order = meeting.start < meeting.end
    else:
        in_order = start < end
    if not in_order and source.data.get("kind") != "travel":  # travel.py: in absolute time
        message = f"the meeting ends ({end:%Y-%m-%d %H:%M}) before it starts"
        found.append(Diagnostic(source.locate(("end",)), message))
    dates = facts.dates if facts else None
    if dates is None:
        return found
    for name, day in (("start", start.date()), ("end", end.date())):
        if not dates.start <= day <= dates.end:
            found.append(Diagnostic(source.locate((name,)), _outside(day, dates)))
    return found


def _outside(day: date, dates: DateRange) -> str:
    return f"{day:%Y-%m-%d} is outside the visit ({dates.start:%Y-%m-%d} to {dates.end:%Y-%m-%d})"


def _meeting_ids(meetings: list[MeetingFacts]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first_file: dict[str, Path] = {}
    for meeting in meetings:
        if meeting.id is None:
            continue
        location = meeting.id_at
        if meeting.id in RESERVED_MEETING_IDS:
            message = f"the id {meeting.id!r} is the name of another output file; choose another"
            found.append(Diagnostic(location, message))
        elif meeting.id in first_file:
            message = f"meeting id {meeting.id!r} is already used by {first_file[meeting.id].name}"
            found.append(Diagnostic(location, message))
        else:
            first_file[meeting.id] = meeting.file
    return found
