"""Write a ``briefings.render.calendar.Calendar`` as an iCalendar file (RFC 5545).

Every time is written in its place's zone (``DTSTART;TZID=Europe/Brussels:...``), and
each zone used gets a ``VTIMEZONE`` made from the zoneinfo database for the whole
years the events fall in, so calendar programs need no zone database of their own and
two builds of the same records give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar

from briefings import __version__
from briefings.render.calendar import Calendar, CalendarEvent

PRODID = f"-//briefings//briefings {__version__}//EN"


class IcsWriter:
    """Writes calendars; holds nothing between them."""

    def write(self, calendar: Calendar) -> bytes:
        """``calendar`` as the bytes of an ``.ics`` file."""
        out = icalendar.Calendar()
        out.add("prodid", PRODID)
        out.add("version", "2.0")
        out.add("calscale", "GREGORIAN")
        out.add("method", "PUBLISH")
        out.add("x-wr-calname", calendar.name)
        for component in self.timezones(calendar):
            out.add_component(component)
        for event in calendar.events:
            out.add_component(self.event(event, calendar))
        data: bytes = out.to_ical()
        return data

    def timezones(self, calendar: Calendar) -> list[icalendar.Timezone]:
        """A ``VTIMEZONE`` per zone used, valid for the whole years of the events."""
        if not calendar.events:
            return []
        years = [moment.year for e in calendar.events for moment in (e.start, e.end)]
        first, last = date(min(years), 1, 1), date(max(years) + 1, 1, 1)
        return [
            icalendar.Timezone.from_tzinfo(
                ZoneInfo(name),
                name,
                first_date=datetime.combine(first, datetime.min.time()),
                last_date=datetime.combine(last, datetime.min.time()),
            )
            for name in calendar.zones
        ]

    def event(self, event: CalendarEvent, calendar: Calendar) -> icalendar.Event:
        component = icalendar.Event()
        component.add("uid", event.uid)
        component.add("dtstamp", calendar.created)
        component.add("dtstart", event.start)
        component.add("dtend", event.end)
        component.add("summary", event.summary, parameters={"language": calendar.lang})
        if event.location:
            component.add("location", event.location, parameters={"language": calendar.lang})
        if event.description:
            component.add("description", event.description, parameters={"language": calendar.lang})
        if event.categories:
            component.add("categories", list(event.categories))
        return component
