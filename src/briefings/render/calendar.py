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
from briefings.render.views import (
    LogisticsView,
    MeetingView,
    PersonView,
    TravelView,
    ViewBuilder,
)

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

    def __init__(self, visit_id: str, views: ViewBuilder) -> None:
        self.visit_id = visit_id
        self.views = views
        self.gettext = views.fmt.gettext

    def calendar(
        self, name: str, lang: str, created: datetime, meetings: Iterable[MeetingView]
    ) -> Calendar:
        """A calendar named ``name`` of ``meetings``, in their order."""
        events = tuple(self.event(meeting) for meeting in meetings)
        return Calendar(name, lang, created, events)

    def event(self, meeting: MeetingView) -> CalendarEvent:
        lines = [self.travel_line(meeting.travel)] if meeting.travel else []
        if meeting.objectives:
            lines.append(self.labelled(self.gettext("Objectives"), ""))
            lines += [f"- {objective}" for objective in meeting.objectives]
        if meeting.logistics:
            lines += self.logistics_lines(meeting.logistics)
        return CalendarEvent(
            uid=f"{meeting.id}@{self.visit_id}",
            summary=str(meeting.title),
            start=meeting.start,
            end=meeting.end,
            location=self.location(meeting),
            description="\n".join(line for line in lines if line),
            categories=(meeting.kind,),
        )

    def location(self, meeting: MeetingView) -> str:
        """A leg's places (``Beijing → Brussels``); a meeting's venue and address."""
        if meeting.travel:
            return f"{meeting.travel.origin} → {meeting.travel.destination}"
        logistics = meeting.logistics
        address = logistics.address if logistics else None
        return ", ".join(str(part) for part in (meeting.venue, address) if part)

    def travel_line(self, travel: TravelView) -> str:
        """How a leg travels: ``Flight CA 845``."""
        return " ".join(str(part) for part in (travel.mode, travel.number) if part)

    def logistics_lines(self, logistics: LogisticsView) -> list[str]:
        """``Label: text`` for each logistics field the meeting has (people by name)."""
        lines = []
        for key, label in LOGISTICS_LABELS:
            value = getattr(logistics, key)
            if value is None:
                continue
            text = self.person(value) if isinstance(value, PersonView) else str(value)
            lines.append(self.labelled(self.gettext(label), text))
        return lines

    def labelled(self, label: str, value: str) -> str:
        """``Label: value`` as the language writes it (``标签：值``)."""
        return self.gettext("{label}: {value}").format(label=label, value=value).rstrip()

    def person(self, person: PersonView) -> str:
        """A person's name, with their phone number when the records give it."""
        name = str(person.display_name)
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
