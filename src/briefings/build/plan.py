"""What a build makes: its options, and one ``DocumentJob`` per document and language."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.build.languages import LANGUAGES
from briefings.diagnostics import Diagnostic
from briefings.theme import Theme
from briefings.writers import CALENDAR_FORMATS, DEFAULT_FORMATS

if TYPE_CHECKING:
    from briefings.records import Records
    from briefings.render.views import MissingText

REPORT_NAME = "visit-report"
CALENDAR_NAME = "visit"
"""The visit's calendar: ``OUT/<lang>/visit.ics``."""
DELEGATES_FOLDER = "delegates"
"""Each delegate's programme: ``OUT/<lang>/delegates/<person id>.<format>``."""


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    langs: tuple[str, ...] = LANGUAGES
    formats: tuple[str, ...] = DEFAULT_FORMATS
    strict: bool = False
    templates: tuple[Path, ...] = ()
    theme: Theme = field(default_factory=Theme)
    created: datetime | None = None
    """Build time printed and stored in the files; default: ``build_time()``."""
    config: Path | None = None
    """The configuration file; default: ``VISIT_DIR/briefings.toml`` if it exists."""
    translations: Path | None = None
    """A folder of interface catalogues used before the built-in ones (a new language)."""
    fonts: tuple[str, ...] = ()
    """``--font KEY=SPEC`` choices (see ``briefings.fonts.choice``); over ``[fonts]``."""
    jobs: int = 1
    """Worker processes that render and write documents (1: in this process)."""
    force: bool = False
    """Rebuild every document, even those the manifest says are up to date."""
    per_delegate: bool = False
    """Also each delegate's programme: ``OUT/<lang>/delegates/<person id>.<format>``."""
    charsets: dict[str, frozenset[str]] = field(default_factory=dict)
    """Set by ``build``: the characters each language's documents draw."""


@dataclass(frozen=True)
class DocumentJob:
    lang: str
    name: str
    """The file name without extension: a meeting id or ``visit-report``."""
    meeting_id: str | None
    calendar_only: bool = False
    """The visit's calendar, which has no document (only an ``ics`` format)."""
    delegate: str | None = None
    """A delegate's programme: the person's id."""
    meetings: tuple[str, ...] = ()
    """A delegate's programme: the meetings and legs they attend (any order)."""

    @property
    def template(self) -> str:
        if self.delegate:
            return "delegate.xml.j2"
        return "briefing.xml.j2" if self.meeting_id else "report.xml.j2"

    def formats(self, requested: Iterable[str]) -> tuple[str, ...]:
        """The formats of ``requested`` this job is written in: a calendar in the
        calendar formats only, a meeting's briefing and the report in the others."""
        if self.delegate:
            return tuple(requested)
        if self.calendar_only:
            return tuple(fmt for fmt in requested if fmt in CALENDAR_FORMATS)
        return tuple(fmt for fmt in requested if fmt not in CALENDAR_FORMATS)

    def output(self, fmt: str) -> str:
        """The output file of this document in ``fmt``, relative to the output folder."""
        return f"{self.lang}/{self.name}.{fmt}"


@dataclass
class BuildResult:
    written: list[Path]
    missing: list[MissingText]
    warnings: list[Diagnostic]
    up_to_date: list[str] = field(default_factory=list)
    """Outputs (relative to the output folder) the manifest showed were current."""
    removed: list[str] = field(default_factory=list)
    """Outputs of documents no longer in the records, deleted."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent per stage (load, fonts, render, check, docx, pdf, write), summed
    over worker processes."""
    edited: list[str] = field(default_factory=list)
    """Outputs rewritten because their file was changed on disk since it was built."""


def build_time() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today at 00:00 UTC,
    so that two builds on the same day give identical files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def plan(
    records: Records, langs: Iterable[str], *, calendars: bool = False, delegates: bool = False
) -> list[DocumentJob]:
    """Every document of a build: each meeting's briefing, then the report, per
    language. A travel leg has no briefing of its own: it shows in the report's
    itinerary, chart and travel section. ``calendars``: also the visit's calendar of
    each language; ``delegates``: also each delegate's programme."""
    jobs = []
    for lang in langs:
        jobs += [DocumentJob(lang, m.id, m.id) for m in records.meetings if not m.is_travel]
        jobs.append(DocumentJob(lang, REPORT_NAME, None))
        if calendars:
            jobs.append(DocumentJob(lang, CALENDAR_NAME, None, calendar_only=True))
        if delegates:
            jobs += [delegate_job(records, lang, person) for person in records.visit.delegates]
    return jobs


def delegate_job(records: Records, lang: str, person: str) -> DocumentJob:
    """A delegate's programme: the entries whose ``delegates`` name them (all entries
    that name nobody)."""
    meetings = tuple(m.id for m in records.meetings if m.delegates is None or person in m.delegates)
    name = f"{DELEGATES_FOLDER}/{person}"
    return DocumentJob(lang, name, None, delegate=person, meetings=meetings)
