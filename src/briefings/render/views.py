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
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from markupsafe import Markup, escape

from briefings.diagnostics import Location, TextSource
from briefings.i18n.content import source_text
from briefings.i18n.formatting import N_, LocaleFormat
from briefings.records import Meeting, Organisation, Records
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
    days: list[tuple[str, list[MeetingView]]]
    follow_up: list[FollowUpView]
    """Every meeting's follow-up actions, in programme order."""


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
        self._meetings: dict[str, MeetingView] = {}

    def visit(self) -> VisitView:
        """The whole visit, meetings in programme order. Every text of the visit is
        resolved by then, so ``text.missing`` lists all the untranslated ones."""
        visit, file, t = self.records.visit, self.records.visit_file, self.text
        meetings = [self.meeting(m.id) for m in self.records.meetings]
        marking = t(visit.marking, file, ("marking",)) if visit.marking else ""
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
            days=self._days(meetings),
            follow_up=[action for meeting in meetings for action in meeting.follow_up],
        )

    def _days(self, meetings: list[MeetingView]) -> list[tuple[str, list[MeetingView]]]:
        """The meetings grouped by local date, each day with its label."""
        days: dict[date, list[MeetingView]] = {}
        for record, view in zip(self.records.meetings, meetings, strict=True):
            days.setdefault(record.start.date(), []).append(view)
        return [(self.fmt.weekday_date(day[0].start), day) for day in days.values()]

    def _partners(self) -> list[OrgView]:
        members = set(self.records.visit.delegation)
        refs = [r for m in self.records.meetings for r in (*m.hosts, *m.participants)]
        return [self.org(r) for r in dict.fromkeys(refs) if r not in members]

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
            else self.text(
                end_place.name, self.records.visit_file, ("places", end_place_id, "name")
            )
        )

        def texts(name: str, values: Iterable[Mapping[str, str]]) -> list[LocalText]:
            return [self.text(v, file, (name, i)) for i, v in enumerate(values)]

        view = MeetingView(
            id=m.id,
            kind=self.fmt.gettext(KIND_LABELS[m.kind]),
            title=self.text(m.title, file, ("title",)),
            start=start,
            end=end,
            date=self.fmt.weekday_date(start),
            when=self.fmt.time_range(start, end, self.home),
            home_when=self.fmt.home_range(start, end, self.home),
            place=self.text(place.name, self.records.visit_file, ("places", place_id, "name")),
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
