"""A visit's programme as a calendar: one event per meeting and travel leg, with its
aware start and end (each in its place's zone) and its texts in one language.

The value is format-neutral, as ``briefings.model.Document`` is for documents: the
ICS writer (``briefings.writers.ics``) knows nothing of meetings, only of events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from briefings.i18n.formatting import N_
from briefings.records import Records
from briefings.records.schema import Meeting
from briefings.render.views import LocalText, ViewBuilder

LOGISTICS_LABELS = (
    ("contact", N_("Contact")),
    ("interpreter", N_("Interpreter")),
    ("dress_code", N_("Dress code")),
    ("gifts", N_("Gifts")),
    ("transport", N_("Transport")),
    ("notes", N_("Notes")),
)
"""The logistics a calendar event describes (the address goes in its location), with
their labels."""


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of the programme."""

    uid: str
    """Stable across builds (``<meeting id>@<visit id>``): a re-import updates it."""
    summary: str
    start: datetime
    """Aware, in the zone of the place it starts at (a ``ZoneInfo``)."""
    end: datetime
    """Aware, in the zone of the place it ends at."""
    location: str
    description: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Calendar:
    """The events of one visit (or one delegate's part of it) in one language."""

    name: str
    lang: str
    """The BCP 47 tag of its texts."""
    created: datetime
    """The build time: every event's time stamp, so rebuilds are byte-identical."""
    events: tuple[CalendarEvent, ...]

    @property
    def zones(self) -> list[str]:
        """The IANA names of the zones its events start or end in, sorted."""
        names = {str(moment.tzinfo) for e in self.events for moment in (e.start, e.end)}
        return sorted(names)


class CalendarBuilder:
    """Makes calendars from the views of one language."""

    def __init__(self, records: Records, views: ViewBuilder) -> None:
        self.records = records
        self.views = views
        self.gettext = views.fmt.gettext

    def calendar(
        self, name: str, lang: str, created: datetime, meeting_ids: Iterable[str]
    ) -> Calendar:
        """A calendar named ``name`` of ``meeting_ids``, in programme order."""
        events = tuple(self.event(meeting_id) for meeting_id in meeting_ids)
        return Calendar(name, lang, created, events)

    def event(self, meeting_id: str) -> CalendarEvent:
        view = self.views.meeting(meeting_id)
        meeting = self.records.meeting(meeting_id)
        lines = [self.labelled(self.gettext("Objectives"), "")] if view.objectives else []
        lines += [f"- {objective}" for objective in view.objectives]
        lines += self.logistics_lines(meeting)
        if meeting.is_travel:
            lines.insert(0, self.travel_line(meeting))
        return CalendarEvent(
            uid=f"{meeting.id}@{self.records.visit.id}",
            summary=str(view.title),
            start=view.start,
            end=view.end,
            location=self.location(meeting, view.venue),
            description="\n".join(lines),
            categories=(view.kind,),
        )

    def location(self, meeting: Meeting, venue: LocalText) -> str:
        """A leg's places (``Beijing → Brussels``); a meeting's venue and address."""
        if meeting.is_travel:
            assert meeting.from_ is not None and meeting.to is not None
            return f"{self.place_name(meeting.from_)} → {self.place_name(meeting.to)}"
        address = meeting.logistics.address if meeting.logistics else None
        parts = [str(venue)]
        if address is not None:
            file = self.records.meeting_file(meeting.id)
            parts.append(str(self.views.text(address, file, ("logistics", "address"))))
        return ", ".join(parts)

    def travel_line(self, meeting: Meeting) -> str:
        """How a leg travels: ``Flight CA 845``."""
        file = self.records.meeting_file(meeting.id)
        mode = str(self.views.text(meeting.mode, file, ("mode",))) if meeting.mode else ""
        return " ".join(part for part in (mode, meeting.number or "") if part)

    def place_name(self, place_id: str) -> str:
        place = self.records.visit.places[place_id]
        path = ("places", place_id, "name")
        return str(self.views.text(place.name, self.records.visit_file, path))

    def logistics_lines(self, meeting: Meeting) -> list[str]:
        """``Label: text`` for each logistics field the meeting has (people by name)."""
        logistics = meeting.logistics
        if logistics is None:
            return []
        file = self.records.meeting_file(meeting.id)
        lines = []
        for key, label in LOGISTICS_LABELS:
            value = getattr(logistics, key)
            if value is None:
                continue
            if isinstance(value, str):  # a person's id
                text = self.person_name(value)
            else:
                text = str(self.views.text(value, file, ("logistics", key)))
            lines.append(self.labelled(self.gettext(label), text))
        return lines

    def labelled(self, label: str, value: str) -> str:
        """``Label: value`` as the language writes it (``标签：值``)."""
        return self.gettext("{label}: {value}").format(label=label, value=value).rstrip()

    def person_name(self, person_id: str) -> str:
        """A person's name, with their phone number when the records give it."""
        person = self.records.visit.people[person_id]
        path = ("people", person_id, "name")
        name = str(self.views.text(person.name, self.records.visit_file, path))
        return f"{name} ({person.phone})" if person.phone else name


def parallel_calendar(left: Calendar, right: Calendar) -> Calendar:
    """One calendar of two languages (``en+zh``): each event's summary and location as
    ``left / right`` where they differ, its description one language after the other,
    the categories of both."""
    events = tuple(
        replace(
            one,
            summary=_pair(one.summary, other.summary, " / "),
            location=_pair(one.location, other.location, " / "),
            description=_pair(one.description, other.description, "\n\n"),
            categories=tuple(dict.fromkeys((*one.categories, *other.categories))),
        )
        for one, other in zip(left.events, right.events, strict=True)
    )
    name = _pair(left.name, right.name, " / ")
    return Calendar(name, left.lang, left.created, events)


def _pair(one: str, other: str, separator: str) -> str:
    return one if one == other or not other else f"{one}{separator}{other}" if one else other
