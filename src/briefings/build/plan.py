"""What a build makes: its options, and one ``DocumentJob`` per document and language."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from briefings.diagnostics import Diagnostic
from briefings.records import Records
from briefings.render.views import MissingText
from briefings.theme import Theme
from briefings.writers import FORMATS

REPORT_NAME = "visit-report"
LANGUAGES = ("en", "zh")
BILINGUAL = "+"
"""Joins two languages into a parallel edition: ``--lang en+zh``."""


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    langs: tuple[str, ...] = LANGUAGES
    formats: tuple[str, ...] = FORMATS
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
    charsets: dict[str, frozenset[str]] = field(default_factory=dict)
    """Set by ``build``: the characters each language's documents draw."""


@dataclass(frozen=True)
class DocumentJob:
    lang: str
    name: str
    """The file name without extension: a meeting id or ``visit-report``."""
    meeting_id: str | None

    @property
    def template(self) -> str:
        return "briefing.xml.j2" if self.meeting_id else "report.xml.j2"

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


def plan(records: Records, langs: Iterable[str]) -> list[DocumentJob]:
    """Every document of a build: each meeting's briefing, then the report, per language."""
    jobs = []
    for lang in langs:
        jobs += [DocumentJob(lang, m.id, m.id) for m in records.meetings]
        jobs.append(DocumentJob(lang, REPORT_NAME, None))
    return jobs


def single_languages(langs: Iterable[str]) -> list[str]:
    """The languages of ``langs``, parallel editions (``en+zh``) split into theirs."""
    return list(dict.fromkeys(part for lang in langs for part in lang.split(BILINGUAL)))


def document_language(lang: str) -> str:
    """The BCP 47 tag written into a document of ``lang``."""
    return {"zh": "zh-CN", "en": "en-GB"}.get(lang, lang)
