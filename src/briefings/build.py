"""The build: load -> validate -> render (templates -> document model) -> check -> write.

One ``DocumentJob`` per output document and language; each is rendered to the
format-neutral model once and handed to every requested writer. Nothing is written
until every document has rendered and passed the font coverage check.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from briefings.bilingual import parallel_document
from briefings.config import ProjectConfig, load_config
from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.fonts import FontSet, check_coverage
from briefings.fonts.choice import FontChoices, choose_fontset, font_choices
from briefings.i18n import LocaleFormat, interface_translations
from briefings.i18n.catalogues import interface_root
from briefings.i18n.content import content_catalogue_path, load_content_catalogue
from briefings.markup import parse_document
from briefings.model import Document
from briefings.output import Staging
from briefings.records import Records, load_records
from briefings.templating import make_environment, render
from briefings.theme import StyleError, Theme, with_style
from briefings.views import MissingText, ViewBuilder
from briefings.writers import FORMATS, writer_for

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


@dataclass(frozen=True)
class DocumentJob:
    lang: str
    name: str
    """The file name without extension: a meeting id or ``visit-report``."""
    meeting_id: str | None

    @property
    def template(self) -> str:
        return "briefing.xml.j2" if self.meeting_id else "report.xml.j2"


@dataclass
class BuildResult:
    written: list[Path]
    missing: list[MissingText]
    warnings: list[Diagnostic]


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


class Renderer:
    """Renders documents of one visit; keeps one Jinja environment, view builder and
    font set per language, so a batch pays for them once."""

    def __init__(self, records: Records, options: BuildOptions, config: ProjectConfig) -> None:
        self.records = records
        self.options = options
        self.config = config
        self.created = options.created or build_time()
        self.theme = _theme(options.theme, config)
        self._views: dict[str, ViewBuilder] = {}
        self._envs: dict[str, object] = {}
        self._fonts: dict[str, FontSet] = {}
        self._font_choices: FontChoices | None = None
        self.charsets: dict[str, set[str]] = {}
        """The characters each language's documents use: OpenType/CFF fonts are cut
        down to these (set by ``build`` once every document has rendered)."""

    def fonts(self, lang: str) -> FontSet:
        if lang not in self._fonts:
            if self._font_choices is None:
                self._font_choices = font_choices(
                    self.options.fonts, self.config.fonts, self.config.path
                )
            chars = self.charsets.get(lang, set())
            self._fonts[lang] = choose_fontset(lang, chars, self._font_choices)
        return self._fonts[lang]

    def views(self, lang: str) -> ViewBuilder:
        if lang not in self._views:
            root = interface_root(lang, self.options.translations)
            fmt = LocaleFormat(lang, interface_translations(lang, root))
            catalogue = load_content_catalogue(self.records.root, lang)
            self._views[lang] = ViewBuilder(self.records, fmt, catalogue)
            self._envs[lang] = make_environment(fmt, self.options.templates)
        return self._views[lang]

    def document(self, job: DocumentJob) -> Document:
        if BILINGUAL in job.lang:
            # The parallel edition: each language rendered as usual, then zipped.
            left, right = (replace(job, lang=lang) for lang in job.lang.split(BILINGUAL, 1))
            return parallel_document(self.document(left), self.document(right))
        views = self.views(job.lang)
        visit = views.visit()
        marking = self.theme.marking.get(job.lang, self.theme.marking.get("*"))
        if marking:
            visit = replace(visit, marking=marking)
        context = {"visit": visit, "generated": views.fmt.date(self.created)}
        if job.meeting_id:
            context["meeting"] = views.meeting(job.meeting_id)
        markup = render(self._envs[job.lang], job.template, context)  # type: ignore[arg-type]
        created = self.created.isoformat()
        return parse_document(markup, lang=_document_language(job.lang), created=created)

    def missing_texts(self) -> list[MissingText]:
        seen: dict[tuple[str, str], MissingText] = {}
        for views in self._views.values():
            for item in views.text.missing:
                seen.setdefault((str(item.location), item.lang), item)
        return list(seen.values())


def _theme(theme: Theme, config: ProjectConfig) -> Theme:
    """The theme with the configuration file's ``[style]`` applied."""
    if not config.style or config.path is None:
        return theme
    try:
        return with_style(theme, config.style, config.path.parent)
    except StyleError as exc:
        raise InputError(
            [Diagnostic(Location(config.path, None, None, key), msg) for key, msg in exc.problems]
        ) from None


def _document_language(lang: str) -> str:
    return {"zh": "zh-CN", "en": "en-GB"}.get(lang, lang)


def build(
    visit_dir: Path, options: BuildOptions, progress: Callable[[str], None] | None = None
) -> BuildResult:
    """Build every requested document of ``visit_dir`` into ``options.out``.

    Raises ``InputError`` (and writes nothing) if the records are invalid, a character
    cannot be drawn, or, with ``strict``, a text has no translation."""
    records = load_records(visit_dir)
    config = load_config(visit_dir, options.config)
    renderer = Renderer(records, options, config)
    jobs = plan(records, options.langs)
    documents = [(job, renderer.document(job)) for job in jobs]
    renderer.charsets = _charsets(documents)
    _preflight(documents, renderer, options)
    with Staging(options.out) as staging:
        for job, document in documents:
            for fmt in options.formats:
                data = writer_for(fmt)(document, renderer.fonts(job.lang), renderer.theme)
                staging.write(f"{job.lang}/{job.name}.{fmt}", data)
            if progress:
                progress(f"{job.lang}/{job.name}")
        written = staging.commit()
    return BuildResult(written, renderer.missing_texts(), list(records.warnings))


def _charsets(documents: list[tuple[DocumentJob, Document]]) -> dict[str, set[str]]:
    """Every character each language's documents draw, page furniture included."""
    charsets: dict[str, set[str]] = {}
    for job, document in documents:
        chars = charsets.setdefault(job.lang, set())
        meta = document.meta
        for text in (meta.header, meta.marking, meta.page_label, meta.footer_note):
            chars.update(text)
        for span in document.spans():
            chars.update(span.text)
    return charsets


def _preflight(
    documents: list[tuple[DocumentJob, Document]], renderer: Renderer, options: BuildOptions
) -> None:
    problems: dict[str, Diagnostic] = {}
    for job, document in documents:
        for uncovered in check_coverage(document.spans(), renderer.fonts(job.lang)):
            message = (
                f"the character {uncovered.char!r} (U+{ord(uncovered.char):04X}) cannot be "
                f"drawn by any font chosen for {job.lang!r}; remove it or choose a font "
                "that has it (--font)"
            )
            where = uncovered.source or f"template {job.template}"
            problems.setdefault(where + uncovered.char, Diagnostic(_as_location(where), message))
    if options.strict:
        for item in renderer.missing_texts():
            po = content_catalogue_path(renderer.records.root, item.lang)
            message = (
                f"no {item.lang} text, in the record or in {po} (--strict: every text "
                "must be translated)"
            )
            problems.setdefault(str(item.location), Diagnostic(item.location, message))
    if problems:
        raise InputError(sorted(problems.values(), key=lambda d: str(d.location)))


def _as_location(source: str) -> Location:
    return Location(Path(source), None, None, "")
