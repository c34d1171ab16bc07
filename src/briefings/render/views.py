"""What templates see: the records of a visit, resolved for one language.

This is the one place that knows both meetings and languages. Every reader-visible
record text becomes a ``LocalText``: it prints as plain text, and under autoescaping it
renders as a ``<span>`` whose ``src`` is the number of its ``TextSource`` (record file
and field) in the build's list of sources, so that a problem found late (a character
no font draws) still names the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from markupsafe import Markup, escape

from briefings.diagnostics import Location, TextSource
from briefings.i18n.content import source_text
from briefings.i18n.formatting import N_, LocaleFormat
from briefings.records import Meeting, Organisation, Records
from briefings.records.schema import Person, Stay
from briefings.records.yamlsafe import Path_

KIND_LABELS = {
    "meeting": N_("Meeting"),
    "site-visit": N_("Site visit"),
    "roundtable": N_("Roundtable"),
    "workshop": N_("Workshop"),
    "conference": N_("Conference"),
    "reception": N_("Reception"),
    "meal": N_("Working meal"),
    "signing": N_("Signing ceremony"),
    "press": N_("Press event"),
    "travel": N_("Travel"),
    "other": N_("Other"),
}


@dataclass(frozen=True)
class LocalText:
    """A record text in the document's language (or a marked fallback)."""

    text: str
    source: int
    """The number of the text's ``TextSource`` in ``TextResolver.sources``."""
    fallback_from: str | None = None
    """The language the text is really in, when the document's language was missing."""
    marker: str = ""

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> Markup:
        if self.fallback_from is None:
            return Markup('<span src="{}">{}</span>').format(self.source, self.text)
        return Markup('<span src="{}" lang="{}"><i>{}</i> {}</span>').format(
            self.source, self.fallback_from, self.text, self.marker
        )


@dataclass(frozen=True)
class MissingText:
    """A record text that has no translation into the document's language."""

    location: Location
    lang: str
    fallback: str


@dataclass
class TextResolver:
    """Picks the text of a ``{en: ..., zh: ...}`` field for one language: the record's
    own text first, then the content catalogue, then another language, marked."""

    records: Records
    lang: str
    catalogue: Mapping[str, str]
    marker: str
    sources: list[TextSource]
    """Where each text came from, shared by the languages of a build: markup and the
    document model name a text by its number here."""
    missing: list[MissingText] = field(default_factory=list)

    def __call__(self, texts: Mapping[str, str], file: Path, path: Path_) -> LocalText:
        where = len(self.sources)
        self.sources.append(TextSource(file, (*path, self.lang)))
        if self.lang in texts:
            return LocalText(texts[self.lang], where)
        source = source_text(texts)
        if source in self.catalogue:
            return LocalText(self.catalogue[source], where)
        fallback = "en" if "en" in texts else next(iter(texts))
        location = self.records.locate(file, (*path, self.lang))
        self.missing.append(MissingText(location, self.lang, fallback))
        return LocalText(texts[fallback], where, fallback, self.marker)


@dataclass(frozen=True)
class OrgView:
    id: str
    name: LocalText
    short: LocalText | None
    country: str

    @property
    def label(self) -> LocalText:
        """The short name where there is one, for tight spaces such as tables."""
        return self.short or self.name


HONORIFIC_AFTER_NAME = frozenset({"zh", "ja", "ko"})
"""Languages that write the honorific after the name (李伟先生); the others put it
first (Mr LI Wei)."""


@dataclass(frozen=True)
class Joined:
    """Texts printed one after another (a name and its honorific, a route): plain text
    as ``str``, and each record text keeping its source span under autoescaping."""

    parts: tuple[LocalText | str, ...]

    def __str__(self) -> str:
        return "".join(str(part) for part in self.parts)

    def __html__(self) -> Markup:
        return Markup("").join(escape(part) for part in self.parts)


@dataclass(frozen=True)
class PersonView:
    id: str
    name: LocalText
    honorific: LocalText | None
    title: LocalText
    organisation: OrgView
    bio: LocalText | None
    phone: str
    email: str
    display_name: Joined
    """The name with its honorific, in the language's order: ``Mr LI Wei`` / ``李伟先生``."""


@dataclass(frozen=True)
class FollowUpView:
    action: LocalText
    owner: OrgView
    due: str
    due_date: date | None
    meeting: MeetingView | None = field(default=None, compare=False, repr=False)
    """The meeting it came from (not compared: the meeting holds this action too)."""


@dataclass(frozen=True)
class MeetingView:
    id: str
    kind: str
    title: LocalText
    start: datetime
    end: datetime
    date: str
    when: str
    """Local and home time: ``14:30–17:00 CEST (20:30–23:00 Beijing time)``."""
    home_when: str
    """The home time alone: ``(20:30–23:00 Beijing time)``."""
    place: LocalText
    country: str
    venue: LocalText
    hosts: list[OrgView]
    participants: list[OrgView]
    topics: list[LocalText]
    objectives: list[LocalText]
    background: LocalText | None
    talking_points: list[LocalText]
    outcomes: list[LocalText]
    follow_up: list[FollowUpView]
    local_times: str
    """The local times alone, for a table whose row gives the date: ``14:30–17:00``,
    ``23:30 – Thu 24 Oct 00:30``; a travel leg's say their zones."""
    counterparts: list[PersonView] = field(default_factory=list)
    delegates: list[PersonView] = field(default_factory=list)
    """The visit's delegates who attend, in order of precedence."""
    logistics: LogisticsView | None = None
    """None when the meeting gives no logistics at all."""
    travel: TravelView | None = None
    """Set for a travel leg only."""

    @property
    def is_travel(self) -> bool:
        return self.travel is not None


@dataclass(frozen=True)
class LogisticsView:
    address: LocalText | None
    contact: PersonView | None
    interpreter: PersonView | None
    dress_code: LocalText | None
    gifts: LocalText | None
    transport: LocalText | None
    notes: LocalText | None


@dataclass(frozen=True)
class TravelView:
    """A travel leg's ends, each in its own place's local time and in home time."""

    origin: LocalText
    destination: LocalText
    mode: LocalText | None
    number: str
    departure: str
    """``Tue 22 Oct 01:30 Beijing time``."""
    arrival: str
    """``Tue 22 Oct 06:40 CEST``."""
    home_departure: str
    """``(Tue 22 Oct 01:30 Beijing time)``."""
    home_arrival: str


@dataclass(frozen=True)
class CounterpartView:
    """Someone the delegation meets, with the meetings where it meets them."""

    person: PersonView
    meetings: list[MeetingView]


@dataclass(frozen=True)
class StayView:
    place: LocalText
    name: LocalText
    address: LocalText
    dates: str
    """``22–24 October 2024`` / ``2024年10月22日至24日``."""
    check_in: date
    check_out: date


@dataclass(frozen=True)
class EventView:
    """The part of a meeting that falls on one day of the chart, as ``HH:MM`` local
    times (``24:00`` when it goes on past midnight)."""

    start: str
    end: str
    meeting: MeetingView


@dataclass(frozen=True)
class DayView:
    """One day of the visit: every day between its first and last has one, even a day
    with only travel or with nothing at all."""

    date: date
    label: str
    """``Wednesday 23 October 2024``."""
    short: str
    """``Wed 23 Oct``."""
    places: list[LocalText]
    """Where the delegation is: the places of the day's entries in order (Brussels,
    then Ljubljana), or the place of its stay on a day without any."""
    meetings: list[MeetingView]
    """The entries that start on this day."""
    events: list[EventView]
    """The entries on this day (an entry over midnight is on both), for the chart."""


@dataclass(frozen=True)
class VisitView:
    id: str
    title: LocalText
    summary: LocalText
    conclusions: LocalText | None
    marking: LocalText | str
    dates: str
    start: date
    end: date
    programme: OrgView | None
    lead: OrgView
    delegation: list[OrgView]
    partners: list[OrgView]
    """Hosts and other participants who are not members of the delegation."""
    home_zone: str
    meetings: list[MeetingView]
    """Every entry of the programme, travel legs included, by absolute start time."""
    days: list[DayView]
    follow_up: list[FollowUpView]
    """Every meeting's follow-up actions, in programme order."""
    delegates: list[PersonView] = field(default_factory=list)
    """The delegation's members in order of precedence."""
    counterparts: list[CounterpartView] = field(default_factory=list)
    """Everyone the delegation meets, in the order it first meets them."""
    travel: list[MeetingView] = field(default_factory=list)
    accommodation: list[StayView] = field(default_factory=list)


class ViewBuilder:
    """Builds the template context of one language from validated records."""

    def __init__(
        self,
        records: Records,
        fmt: LocaleFormat,
        catalogue: Mapping[str, str],
        sources: list[TextSource] | None = None,
    ) -> None:
        self.records = records
        self.fmt = fmt
        untranslated = fmt.gettext("(untranslated)")
        sources = [] if sources is None else sources
        self.text = TextResolver(records, fmt.lang, catalogue, untranslated, sources)
        self.home = ZoneInfo(records.visit.home_timezone)
        self._orgs: dict[str, OrgView] = {}
        self._people: dict[str, PersonView] = {}
        self._meetings: dict[str, MeetingView] = {}

    def visit(self) -> VisitView:
        """The whole visit, entries by absolute start time. Every text of the visit is
        resolved by then, so ``text.missing`` lists all the untranslated ones."""
        visit, file, t = self.records.visit, self.records.visit_file, self.text
        meetings = sorted(
            (self.meeting(m.id) for m in self.records.meetings),
            key=lambda m: (m.start, m.id),
        )
        marking = t(visit.marking, file, ("marking",)) if visit.marking else ""
        accommodation = [self._stay(i, stay) for i, stay in enumerate(visit.accommodation)]
        return VisitView(
            id=visit.id,
            title=t(visit.title, file, ("title",)),
            summary=t(visit.summary, file, ("summary",)),
            conclusions=t(visit.conclusions, file, ("conclusions",)) if visit.conclusions else None,
            marking=marking or self.fmt.gettext("Internal"),
            dates=self.fmt.date_range(visit.dates.start, visit.dates.end),
            start=visit.dates.start,
            end=visit.dates.end,
            programme=self.org(visit.programme) if visit.programme else None,
            lead=self.org(visit.lead),
            delegation=[self.org(ref) for ref in visit.delegation],
            partners=self._partners(),
            home_zone=self.fmt.zone_name(
                datetime.combine(visit.dates.start, datetime.min.time(), self.home)
            ),
            meetings=meetings,
            days=self._days(meetings, accommodation),
            follow_up=[action for meeting in meetings for action in meeting.follow_up],
            delegates=[self.person(ref) for ref in visit.delegates],
            counterparts=_counterparts(meetings),
            travel=[m for m in meetings if m.is_travel],
            accommodation=accommodation,
        )

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The names of the visit's places, organisations and people, as the records
        write them in each language: what a line of text should not break inside (the
        same for every document, so found once)."""
        visit = self.records.visit
        localized = [
            *(place.name for place in visit.places.values()),
            *(org.name for org in visit.organisations.values()),
            *(org.short for org in visit.organisations.values() if org.short),
            *(person.name for person in visit.people.values()),
        ]
        return tuple(sorted({name.strip() for texts in localized for name in texts.values()}))

    def _days(self, meetings: list[MeetingView], stays: list[StayView]) -> list[DayView]:
        """Every day from the visit's first to its last (or to the first and last entry,
        if any falls outside), each with the entries on it."""
        starts: dict[date, list[MeetingView]] = {}
        events: dict[date, list[EventView]] = {}
        for meeting in meetings:
            starts.setdefault(meeting.start.date(), []).append(meeting)
            for day, event in _day_parts(meeting):
                events.setdefault(day, []).append(event)
        visit = self.records.visit.dates
        first = min([visit.start, *events])
        last = max([visit.end, *events])
        return [
            DayView(
                date=day,
                label=self.fmt.weekday_date(day),
                short=self.fmt.short_date(day),
                places=self._whereabouts(day, events.get(day, []), stays),
                meetings=starts.get(day, []),
                events=events.get(day, []),
            )
            for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
        ]

    def _whereabouts(
        self, day: date, events: list[EventView], stays: list[StayView]
    ) -> list[LocalText]:
        """The places of a day's entries in order, or on a day without any the place
        of the night's stay."""
        places: list[LocalText] = []
        for event in events:
            travel = event.meeting.travel
            for place in (travel.origin, travel.destination) if travel else (event.meeting.place,):
                if not places or str(places[-1]) != str(place):
                    places.append(place)
        if not places:
            places = [s.place for s in stays if s.check_in <= day < s.check_out][:1]
        if not places:
            places = [s.place for s in stays if s.check_out == day][:1]
        return places

    def _partners(self) -> list[OrgView]:
        members = set(self.records.visit.delegation)
        refs = [r for m in self.records.meetings for r in (*m.hosts, *m.participants)]
        return [self.org(r) for r in dict.fromkeys(refs) if r not in members]

    def _stay(self, index: int, stay: Stay) -> StayView:
        file, path = self.records.visit_file, ("accommodation", index)
        return StayView(
            place=self._place_name(stay.place),
            name=self.text(stay.name, file, (*path, "name")),
            address=self.text(stay.address, file, (*path, "address")),
            dates=self.fmt.date_range(stay.check_in, stay.check_out),
            check_in=stay.check_in,
            check_out=stay.check_out,
        )

    def _place_name(self, ref: str) -> LocalText:
        place = self.records.visit.places[ref]
        return self.text(place.name, self.records.visit_file, ("places", ref, "name"))

    def person(self, ref: str) -> PersonView:
        """A person of ``visit.yaml``, by id, with the name as the language writes it."""
        if ref not in self._people:
            person: Person = self.records.visit.people[ref]
            file, path = self.records.visit_file, ("people", ref)

            def text(name: str, value: Mapping[str, str] | None) -> LocalText | None:
                return self.text(value, file, (*path, name)) if value else None

            name = self.text(person.name, file, (*path, "name"))
            honorific = text("honorific", person.honorific)
            self._people[ref] = PersonView(
                id=ref,
                name=name,
                honorific=honorific,
                title=self.text(person.title, file, (*path, "title")),
                organisation=self.org(person.organisation),
                bio=text("bio", person.bio),
                phone=person.phone or "",
                email=person.email or "",
                display_name=self._display_name(name, honorific),
            )
        return self._people[ref]

    def _display_name(self, name: LocalText, honorific: LocalText | None) -> Joined:
        if honorific is None:
            return Joined((name,))
        if self.fmt.locale.language in HONORIFIC_AFTER_NAME:
            return Joined((name, honorific))
        return Joined((honorific, " ", name))

    def _attending(self, meeting: Meeting) -> list[PersonView]:
        """The delegates at ``meeting`` in order of precedence: those it names, else all."""
        precedence = self.records.visit.delegates
        named = precedence if meeting.delegates is None else meeting.delegates
        ordered = [ref for ref in precedence if ref in named]
        ordered += [ref for ref in named if ref not in ordered]
        return [self.person(ref) for ref in ordered]

    def org(self, ref: str) -> OrgView:
        """An organisation of ``visit.yaml``, by id."""
        if ref not in self._orgs:
            org: Organisation = self.records.visit.organisations[ref]
            file, path = self.records.visit_file, ("organisations", ref)
            self._orgs[ref] = OrgView(
                id=ref,
                name=self.text(org.name, file, (*path, "name")),
                short=self.text(org.short, file, (*path, "short")) if org.short else None,
                country=_country_name(org.country, self.fmt.locale),
            )
        return self._orgs[ref]

    def meeting(self, meeting_id: str) -> MeetingView:
        """One meeting, with its times in local and home time; made once."""
        if meeting_id not in self._meetings:
            self._meetings[meeting_id] = self._build_meeting(meeting_id)
        return self._meetings[meeting_id]

    def _build_meeting(self, meeting_id: str) -> MeetingView:
        m: Meeting = self.records.meeting(meeting_id)
        file = self.records.meeting_file(m.id)
        # A travel leg starts local at its `from` and ends local at its `to` (the
        # records' checks make sure a meeting has a place and a leg both ends).
        place_id = m.from_ if m.is_travel else m.place
        end_place_id = m.to if m.is_travel else m.place
        assert place_id is not None and end_place_id is not None
        place = self.records.visit.places[place_id]
        end_place = self.records.visit.places[end_place_id]
        start = m.start.replace(tzinfo=ZoneInfo(place.timezone))
        end = m.end.replace(tzinfo=ZoneInfo(end_place.timezone))
        venue = (
            self.text(m.venue, file, ("venue",))
            if m.venue is not None
            else self._place_name(end_place_id)
        )

        def texts(name: str, values: Iterable[Mapping[str, str]]) -> list[LocalText]:
            return [self.text(v, file, (name, i)) for i, v in enumerate(values)]

        travel = self._travel(m, start, end) if m.is_travel else None
        local_times = self._leg_times(start, end) if travel else self.fmt.local_range(start, end)
        home_when = self.fmt.home_range(start, end, self.home)
        view = MeetingView(
            id=m.id,
            kind=self.fmt.gettext(KIND_LABELS[m.kind]),
            title=self.text(m.title, file, ("title",)),
            start=start,
            end=end,
            date=self.fmt.weekday_date(start),
            when=(
                self.fmt.gettext("{local} {home}").format(local=local_times, home=home_when)
                if travel
                else self.fmt.time_range(start, end, self.home)
            ),
            home_when=home_when,
            place=self._place_name(place_id),
            country=_country_name(place.country, self.fmt.locale),
            venue=venue,
            hosts=[self.org(ref) for ref in m.hosts],
            participants=[self.org(ref) for ref in m.participants],
            topics=texts("topics", m.topics),
            objectives=texts("objectives", m.objectives),
            background=self.text(m.background, file, ("background",)) if m.background else None,
            talking_points=texts("talking_points", m.talking_points),
            outcomes=texts("outcomes", m.outcomes),
            follow_up=[],
            local_times=local_times,
            counterparts=[self.person(ref) for ref in m.counterparts],
            delegates=self._attending(m),
            logistics=self._logistics(m, file),
            travel=travel,
        )
        view.follow_up.extend(
            FollowUpView(
                action=self.text(f.action, file, ("follow_up", i, "action")),
                owner=self.org(f.owner),
                due=self.fmt.date(f.due) if f.due else "",
                due_date=f.due,
                meeting=view,
            )
            for i, f in enumerate(m.follow_up)
        )
        return view

    def _travel(self, m: Meeting, start: datetime, end: datetime) -> TravelView:
        """A leg's ends: departure at ``from`` and arrival at ``to``, each dated (a
        leg's two ends may be on different days), and both again in home time."""
        assert m.from_ is not None and m.to is not None
        origin, destination = self._place_name(m.from_), self._place_name(m.to)
        file = self.records.meeting_file(m.id)
        return TravelView(
            origin=origin,
            destination=destination,
            mode=self.text(m.mode, file, ("mode",)) if m.mode else None,
            number=m.number or "",
            departure=self._moment(start),
            arrival=self._moment(end),
            home_departure=self._home_moment(start),
            home_arrival=self._home_moment(end),
        )

    def _leg_times(self, start: datetime, end: datetime) -> str:
        """A leg's local times for a row that gives its date: ``01:30 Beijing time –
        06:40 CEST``, the arrival dated when it is on another day than the departure."""
        fmt = self.fmt
        arrival = fmt.time(end) if end.date() == start.date() else fmt.on_day(end, fmt.time(end))
        return fmt.gettext("{start} – {end}").format(
            start=fmt.zoned(fmt.time(start), start), end=fmt.zoned(arrival, end)
        )

    def _moment(self, moment: datetime) -> str:
        """``Tue 22 Oct 01:30 Beijing time`` / ``10月22日周二北京时间01:30``."""
        return self.fmt.zoned(self.fmt.on_day(moment, self.fmt.time(moment)), moment)

    def _home_moment(self, moment: datetime) -> str:
        """``(Tue 22 Oct 13:40 Beijing time)``: a moment in the delegation's home time;
        empty when the moment's own clock is the home clock."""
        home = moment.astimezone(self.home)
        if self.fmt.zone_name(home) == self.fmt.zone_name(moment) and (
            home.replace(tzinfo=None) == moment.replace(tzinfo=None)
        ):
            return ""
        return self.fmt.gettext("({times} {zone})").format(
            times=self.fmt.on_day(home, self.fmt.time(home)), zone=self.fmt.zone_name(home)
        )

    def _logistics(self, m: Meeting, file: Path) -> LogisticsView | None:
        given = m.logistics
        if given is None or not any(getattr(given, name) for name in type(given).model_fields):
            return None

        def text(name: str) -> LocalText | None:
            value = getattr(given, name)
            return self.text(value, file, ("logistics", name)) if value else None

        return LogisticsView(
            address=text("address"),
            contact=self.person(given.contact) if given.contact else None,
            interpreter=self.person(given.interpreter) if given.interpreter else None,
            dress_code=text("dress_code"),
            gifts=text("gifts"),
            transport=text("transport"),
            notes=text("notes"),
        )


def _day_parts(meeting: MeetingView) -> list[tuple[date, EventView]]:
    """The days an entry covers, each with its part of the entry in local clock times:
    up to ``24:00`` on a day it goes on from, from ``00:00`` on a day it came from.
    An entry that ends at midnight ends at 24:00 of its last day."""
    start, end = meeting.start, meeting.end
    first, last = start.date(), end.date()
    if last > first and end.time() == time(0, 0):
        last -= timedelta(days=1)
    if (last, end.time()) <= (first, start.time()):
        # A leg flying west may land at an earlier clock time than it left: it is
        # drawn from its departure for as long as it really takes.
        landing = start + (end - start)
        end, last = landing, landing.date()
    parts = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        begins = start.strftime("%H:%M") if day == first else "00:00"
        ends = end.strftime("%H:%M") if day == end.date() else "24:00"
        parts.append((day, EventView(begins, ends, meeting)))
    return parts


def _counterparts(meetings: list[MeetingView]) -> list[CounterpartView]:
    """Everyone the delegation meets, in the order it first meets them."""
    met: dict[str, CounterpartView] = {}
    for meeting in meetings:
        for person in meeting.counterparts:
            met.setdefault(person.id, CounterpartView(person, [])).meetings.append(meeting)
    return list(met.values())


def _country_name(code: str | None, locale: Locale) -> str:
    if not code:
        return ""
    return str(locale.territories.get(code, code))


def join_list(fmt: LocaleFormat) -> Callable[[Iterable[Any]], Markup]:
    """A Jinja filter: a locale-correct list (``A, B and C`` / ``A、B和C``) whose items
    keep their markup (their source spans) and whose glue text is escaped."""

    def join(items: Iterable[Any]) -> Markup:
        values = list(items)
        pattern = fmt.list([f"\x00{i}\x00" for i in range(len(values))]) if values else ""
        pieces = pattern.split("\x00")
        out = Markup("")
        for index, piece in enumerate(pieces):
            out += escape(values[int(piece)]) if index % 2 else escape(piece)
        return out

    return join
