"""The build: load -> validate -> render (templates -> document model) -> check -> write.

One ``DocumentJob`` per output document and language; each is rendered to the
format-neutral model once and handed to every requested writer. Documents stream into
a staging folder (in worker processes with ``jobs`` > 1); nothing is moved into the
output folder until every document has rendered and passed the font coverage check.

Builds are incremental: the manifest in the output folder (see ``briefings.manifest``)
records a digest of each output's inputs, and only outputs whose inputs changed (or
that are missing) are rebuilt; outputs of meetings that are gone are removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from briefings.bilingual import parallel_document
from briefings.config import ProjectConfig, load_config
from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.fonts import FontSet, check_coverage, coverage
from briefings.fonts.choice import FontChoices, choose_fontset, font_choices
from briefings.fonts.convert import outline_kind
from briefings.i18n import LocaleFormat, interface_translations
from briefings.i18n.catalogues import interface_root
from briefings.i18n.content import (
    content_catalogue_path,
    load_content_catalogue,
    record_texts,
)
from briefings.inputs import InputDigests
from briefings.manifest import (
    MANIFEST_FILE,
    Manifest,
    OutputRecord,
    bytes_digest,
    stale_reason,
    verify_reason,
)
from briefings.markup import read_blocks, read_document, read_metadata
from briefings.memory import held_for_the_build, release
from briefings.model import Block, BlockStream, Document, Span
from briefings.output import Staging, write_file
from briefings.records import Records, load_records
from briefings.storage import PickleFile, StoredSequence
from briefings.templating import generate, make_environment
from briefings.theme import StyleError, Theme, with_style
from briefings.views import MissingText, ViewBuilder, VisitView
from briefings.writers import FORMATS, pdf_writer, preload, writer_for

if TYPE_CHECKING:
    from jinja2 import Environment

REPORT_NAME = "visit-report"
DOCUMENTS_PER_WORKER = 4
"""A worker process is started for every 4 briefings' worth of work (up to ``jobs``):
for less, starting it costs more than it saves. A report weighs a third of a briefing
per meeting."""
RELEASE_EVERY = 50
"""Documents between two returns of freed memory to the system (after a report too):
each return costs the pages that the next documents then fault in again."""
SPOOLED_REPORTS_FROM = 100
"""Meetings from which a report's document model is not held in memory but kept on
disk, rendered once and read back by each reading (the check, each writer's passes),
so that a build's memory does not grow with the visit. Below, holding it (under a
megabyte) is cheaper."""
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
        self._visits: dict[str, VisitView] = {}
        self._envs: dict[str, Environment] = {}
        self._fonts: dict[str, FontSet] = {}
        self._font_choices: FontChoices | None = None
        self.charsets: dict[str, frozenset[str]] = options.charsets
        """The characters each language's documents use: OpenType/CFF fonts are cut
        down to these, and machine fonts are looked up for those the others lack (set
        by ``build`` before any font is chosen; workers receive them in ``options``)."""

    def font_choices(self) -> FontChoices:
        """The user's font choices (``--font`` over ``[fonts]``), read once."""
        if self._font_choices is None:
            self._font_choices = font_choices(
                self.options.fonts, self.config.fonts, self.config.path
            )
        return self._font_choices

    def fonts(self, lang: str) -> FontSet:
        if lang not in self._fonts:
            chars = self.charsets.get(lang, frozenset())
            self._fonts[lang] = choose_fontset(lang, chars, self.font_choices())
        return self._fonts[lang]

    def views(self, lang: str) -> ViewBuilder:
        if lang not in self._views:
            root = interface_root(lang, self.options.translations)
            fmt = LocaleFormat(lang, interface_translations(lang, root))
            catalogue = load_content_catalogue(self.records.root, lang)
            self._views[lang] = ViewBuilder(self.records, fmt, catalogue)
            self._envs[lang] = make_environment(fmt, self.options.templates)
        return self._views[lang]

    def visit(self, lang: str) -> VisitView:
        """The visit view of ``lang``, built once: every document's context has it."""
        if lang not in self._visits:
            visit = self.views(lang).visit()
            marking = self.theme.marking.get(lang, self.theme.marking.get("*"))
            self._visits[lang] = replace(visit, marking=marking) if marking else visit
        return self._visits[lang]

    def resolve(self, lang: str) -> None:
        """Resolve every record text of ``lang`` now, collecting the untranslated ones
        (see ``missing_texts``)."""
        self.visit(lang)
        self.views(lang).resolve()

    def document(self, job: DocumentJob) -> Document:
        if BILINGUAL in job.lang:
            # The parallel edition: each language rendered as usual, then zipped.
            left, right = (replace(job, lang=lang) for lang in job.lang.split(BILINGUAL, 1))
            return parallel_document(self.document(left), self.document(right))
        views = self.views(job.lang)
        visit = self.visit(job.lang)
        context = {"visit": visit, "generated": views.fmt.date(self.created)}
        if job.meeting_id:
            context["meeting"] = views.meeting(job.meeting_id)
        markup = partial(generate, self._envs[job.lang], job.template, context)
        lang, created = _document_language(job.lang), self.created.isoformat()
        if job.meeting_id or len(self.records.meetings) < SPOOLED_REPORTS_FROM:
            # Read as it is rendered: the markup is never one string, nor one tree.
            return read_document(markup(), lang=lang, created=created)
        # A long report is never held: its blocks (and long tables' rows) go to disk
        # as they are read.
        meta = read_metadata(markup(), lang=lang, created=created)
        store = PickleFile()
        blocks: StoredSequence[Block] = StoredSequence(store)
        blocks.extend(read_blocks(markup(), store))
        return Document(meta, BlockStream(blocks.__iter__))

    def location_of(self, source: str) -> Location:
        """Where the record text that documents mark with ``source`` was written."""
        location = self.records.locate_source(source)
        return location or Location(Path(source))  # not a record's text: a template's, say

    def located(self, diagnostic: Diagnostic) -> Diagnostic:
        """``diagnostic`` with the file, line and column of the record text it names
        by its source (as a writer does, which knows nothing of records)."""
        if diagnostic.location.line is not None:
            return diagnostic
        return replace(diagnostic, location=self.location_of(str(diagnostic.location.file)))

    def missing_texts(self) -> list[MissingText]:
        seen: dict[tuple[str, str], MissingText] = {}
        for views in self._views.values():
            for item in views.text.missing:
                seen.setdefault((str(item.location), item.lang), item)
        return sorted(seen.values(), key=_missing_order)


def _missing_order(item: MissingText) -> tuple[str, int, int, str]:
    """Missing texts by file, line and column, then language: the order of the files."""
    return (*item.location.order(), item.lang)


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
    visit_dir: Path, options: BuildOptions, progress: BuildProgress | None = None
) -> BuildResult:
    """Build the requested documents of ``visit_dir`` into ``options.out``, rewriting only
    those whose inputs changed since the last build (all of them with ``force``), and
    removing the outputs of meetings that are gone.

    Raises ``InputError`` (and writes nothing) if the records are invalid, a character
    cannot be drawn, or, with ``strict``, a text has no translation."""
    started = perf_counter()
    renderer = _prepare(visit_dir, options)
    records, options = renderer.records, renderer.options
    outputs = _plan_outputs(renderer, plan(records, options.langs), options, verify=False)
    for lang in single_languages(options.langs):
        renderer.resolve(lang)
    _preflight([], renderer, options)
    timings = {"load": perf_counter() - started}
    progress = progress or BuildProgress()
    progress.start(len(outputs.tasks))
    manifest, problems = outputs.manifest, []
    with Staging(options.out) as staging:
        for outcome in _run(visit_dir, options, renderer, staging, outputs.tasks):
            problems += outcome.problems
            for name, (sha256, size) in outcome.files.items():
                staging.add(name)
                manifest.outputs[name] = OutputRecord(outputs.inputs[name], sha256, size)
            for stage, seconds in outcome.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
            progress.advance(f"{outcome.job.lang}/{outcome.job.name}")
        if problems:
            unique = {(str(d.location), d.message): d for d in problems}
            raise InputError(sorted(unique.values(), key=lambda d: str(d.location)))
        for name in outputs.removed:
            staging.remove(name)
            del manifest.outputs[name]
        staging.write(MANIFEST_FILE, manifest.dumps())
        written = [p for p in staging.commit() if p.name != MANIFEST_FILE]
    return BuildResult(
        written,
        renderer.missing_texts(),
        list(records.warnings),
        up_to_date=outputs.up_to_date,
        removed=outputs.removed,
        timings=timings,
    )


def _prepare(visit_dir: Path, options: BuildOptions) -> Renderer:
    """Load and validate the records and configuration, fix the build time and the
    characters of the batch: what a build and a check both start from."""
    options = replace(options, created=options.created or build_time())
    records = load_records(visit_dir)
    config = load_config(visit_dir, options.config)
    options = replace(options, charsets=batch_charsets(records, config, options))
    return Renderer(records, options, config)


def check(visit_dir: Path, options: BuildOptions) -> list[tuple[str, str]]:
    """The outputs in ``options.out`` that are not what a build would write now, each
    with the reason (``missing``, ``inputs changed``, ``changed on disk``, ...).
    Writes nothing."""
    renderer = _prepare(visit_dir, options)
    records, options = renderer.records, renderer.options
    outputs = _plan_outputs(renderer, plan(records, options.langs), options, verify=True)
    removed = [(name, "no longer in the records") for name in outputs.removed]
    return sorted([*outputs.stale, *removed])


def untranslated(
    records: Records, config: ProjectConfig, langs: Iterable[str] = LANGUAGES
) -> list[MissingText]:
    """Every record text with no translation into one of ``langs`` (what ``strict``
    rejects), found without rendering any document."""
    langs = tuple(langs)
    renderer = Renderer(records, BuildOptions(out=Path(), langs=langs), config)
    for lang in single_languages(langs):
        renderer.resolve(lang)
    return renderer.missing_texts()


class BuildProgress:
    """Told how many documents a build will write, then of each one written."""

    def start(self, total: int) -> None:
        """The build will write ``total`` documents."""

    def advance(self, name: str) -> None:
        """The document ``name`` (``en/dg-regio``) is written."""


# Incremental builds: which outputs are current, which to rebuild, which to remove.


@dataclass
class _OutputPlan:
    tasks: list[tuple[DocumentJob, tuple[str, ...]]]
    """The documents to build, each with the formats that are stale."""
    inputs: dict[str, str]
    """Every planned output → the digest of its inputs."""
    stale: list[tuple[str, str]]
    up_to_date: list[str]
    removed: list[str]
    manifest: Manifest


def _plan_outputs(
    renderer: Renderer, jobs: list[DocumentJob], options: BuildOptions, verify: bool
) -> _OutputPlan:
    digests = InputDigests(
        renderer.records,
        templates=options.templates,
        theme=renderer.theme,
        config=renderer.config.path,
        created=renderer.created,
        fonts=renderer.fonts,
        translations=options.translations,
    )
    manifest = Manifest.read(options.out)
    reason_of = verify_reason if verify else stale_reason
    tasks, inputs, stale, current = [], {}, [], []
    for job in jobs:
        formats = []
        for fmt in options.formats:
            name = job.output(fmt)
            inputs[name] = digests.of(job.lang, job.meeting_id, fmt)
            reason = reason_of(options.out, name, inputs[name], manifest.outputs.get(name))
            if options.force and reason is None:
                reason = "forced"
            if reason is None:
                current.append(name)
            else:
                stale.append((name, reason))
                formats.append(fmt)
        if formats:
            tasks.append((job, tuple(formats)))
    tasks.sort(key=lambda task: task[0].meeting_id is not None)  # big reports first
    removed = [
        name
        for name in sorted(manifest.outputs)
        if name not in inputs and _is_output_of(name, options)
    ]
    return _OutputPlan(tasks, inputs, stale, current, removed, manifest)


def _is_output_of(name: str, options: BuildOptions) -> bool:
    """Whether ``name`` (from a manifest on disk) is a ``<lang>/<name>.<format>`` file
    of a language and format this build makes: only those may be removed."""
    lang, _, file = name.partition("/")
    stem, _, fmt = file.rpartition(".")
    return (
        lang in options.langs
        and fmt in options.formats
        and bool(stem)
        and not stem.startswith(".")
        and "/" not in file
        and "\\" not in file
    )


# Rendering and writing documents, in this process or in worker processes.


@dataclass
class _Outcome:
    job: DocumentJob
    files: dict[str, tuple[str, int]]
    """Output written to the staging folder → (SHA-256, size)."""
    problems: list[Diagnostic]
    timings: dict[str, float]


class _Worker:
    """Renders, checks and writes documents into the staging folder. One per process:
    records, templates and fonts are loaded once, not once per document."""

    def __init__(self, renderer: Renderer, folder: Path, timings: dict[str, float]) -> None:
        self.renderer = renderer
        self.folder = folder
        self.timings = timings
        self.failed = False
        """Once a document fails its checks the build fails: stop writing files."""
        self.written = 0
        options = renderer.options
        for fmt in options.formats:
            preload(fmt, renderer.theme)  # before workers fork, so that they share it
        started = perf_counter()
        for lang in options.langs:
            fonts = renderer.fonts(lang)
            for face in fonts.faces():
                coverage(face.path, face.index)
            if "pdf" in options.formats:
                # Before workers fork, so that they share its fonts.
                pdf_writer(fonts, renderer.theme)
        self.timings["fonts"] = self.timings.get("fonts", 0.0) + perf_counter() - started

    def run(self, job: DocumentJob, formats: tuple[str, ...]) -> _Outcome:
        timings, self.timings = self.timings, {}
        clock = perf_counter()
        document = self.renderer.document(job)
        timings["render"] = perf_counter() - clock
        clock = perf_counter()
        problems = _document_problems(job, document, self.renderer)
        timings["check"] = perf_counter() - clock
        self.failed = self.failed or bool(problems)
        files: dict[str, tuple[str, int]] = {}
        for fmt in () if self.failed else formats:
            clock = perf_counter()
            fonts = self.renderer.fonts(job.lang)
            try:
                data = writer_for(fmt)(document, fonts, self.renderer.theme)
            except InputError as error:  # a writer names a text by its source
                raise InputError(list(map(self.renderer.located, error.diagnostics))) from None
            timings[fmt] = perf_counter() - clock
            clock = perf_counter()
            write_file(self.folder / job.output(fmt), data, durable=False)
            timings["write"] = timings.get("write", 0.0) + perf_counter() - clock
            files[job.output(fmt)] = (bytes_digest(data), len(data))
        self.written += 1
        if not job.meeting_id or self.written % RELEASE_EVERY == 0:
            release()  # what documents needed, freed: give it back, or the process creeps up
        return _Outcome(job, files, problems, timings)


def _document_problems(
    job: DocumentJob, document: Document, renderer: Renderer
) -> list[Diagnostic]:
    """The preflight of one document (the strict check is done once, for all)."""
    try:
        _preflight([(job, document)], renderer, replace(renderer.options, strict=False))
    except InputError as error:
        return error.diagnostics
    return []


_worker: _Worker | None = None
_loaded: tuple[Path, Renderer] | None = None
"""The parent's renderer (records, views, templates, fonts): a forked worker has it
already, and need not load or resolve anything again."""


def _start_worker(visit_dir: Path, options: BuildOptions, folder: Path) -> None:
    """The initializer of a worker process: load the records, fonts and templates."""
    global _worker
    started = perf_counter()
    if _loaded is not None and _loaded[0] == visit_dir:
        renderer = _loaded[1]
    else:  # a spawned worker (macOS, Windows) starts from nothing
        records = load_records(visit_dir)
        renderer = Renderer(records, options, load_config(visit_dir, options.config))
    _worker = _Worker(renderer, folder, {"load": perf_counter() - started})


def _run_in_worker(job: DocumentJob, formats: tuple[str, ...]) -> _Outcome:
    assert _worker is not None
    return _worker.run(job, formats)


def _run(
    visit_dir: Path,
    options: BuildOptions,
    renderer: Renderer,
    staging: Staging,
    tasks: list[tuple[DocumentJob, tuple[str, ...]]],
) -> Iterator[_Outcome]:
    """Build ``tasks`` into the staging folder; yields each outcome as it is done (so
    no document is held in memory longer than it takes to write it)."""
    assert staging.folder is not None
    if not tasks:
        return
    meetings = len(renderer.records.meetings)

    def cost(task: tuple[DocumentJob, tuple[str, ...]]) -> int:
        """A document's work, in briefings: a report holds every meeting."""
        return 1 if task[0].meeting_id else max(1, meetings // 3)

    # The dearest first (the reports), so no worker is left with one at the end.
    tasks = sorted(tasks, key=cost, reverse=True)
    workers = min(options.jobs, sum(map(cost, tasks)) // DOCUMENTS_PER_WORKER)
    # Fonts are loaded here, before forking, so that forked workers share them.
    worker = _Worker(renderer, staging.folder, {})
    with held_for_the_build():  # what was loaded: the collector need not walk it again
        if workers <= 1:
            for job, formats in tasks:
                yield worker.run(job, formats)
        else:
            yield from _run_in_pool(visit_dir, options, renderer, worker, tasks, workers)


def _run_in_pool(
    visit_dir: Path,
    options: BuildOptions,
    renderer: Renderer,
    worker: _Worker,
    tasks: list[tuple[DocumentJob, tuple[str, ...]]],
    workers: int,
) -> Iterator[_Outcome]:
    """Build ``tasks`` in ``workers`` forked processes (which start with what
    ``renderer`` and ``worker`` loaded); yields each outcome as it is done."""
    global _loaded
    _loaded = (visit_dir, renderer)
    pool = ProcessPoolExecutor(
        workers,
        initializer=_start_worker,
        initargs=(visit_dir, options, worker.folder),
    )
    try:
        futures = [pool.submit(_run_in_worker, job, formats) for job, formats in tasks]
        for index, future in enumerate(as_completed(futures)):
            outcome = future.result()
            if index == 0:  # the fonts loaded in this process
                for stage, seconds in worker.timings.items():
                    outcome.timings[stage] = outcome.timings.get(stage, 0.0) + seconds
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _loaded = None


def single_languages(langs: Iterable[str]) -> list[str]:
    """The languages of ``langs``, parallel editions (``en+zh``) split into theirs."""
    return list(dict.fromkeys(part for lang in langs for part in lang.split(BILINGUAL)))


def batch_charsets(
    records: Records, config: ProjectConfig, options: BuildOptions
) -> dict[str, frozenset[str]]:
    """The characters each language's documents draw, when the choice of fonts depends
    on them: an OpenType/CFF font is subset to them, and machine fonts are looked up
    for characters the chosen fonts lack. Found by rendering every document of the
    visit (not only those an incremental build rewrites), so that the fonts, and so
    the files, do not depend on what happened to be out of date."""
    probe = Renderer(records, replace(options, charsets={}), config)
    if not _fonts_depend_on_text(probe):
        return {}
    documents = ((job, probe.document(job)) for job in plan(records, options.langs))
    return {lang: frozenset(chars) for lang, chars in _charsets(documents).items()}


def _fonts_depend_on_text(renderer: Renderer) -> bool:
    choices = renderer.font_choices()
    if any(outline_kind(f.path, f.index) != "glyf" for f in choices.faces.values()):
        return True  # converted to a subset of the characters used
    if not choices.system:
        return False
    # A cheap superset of what records put on the page: every character of every text
    # in every language, each once.
    chars = set().union(
        *(value for item in record_texts(renderer.records) for value in item.texts.values())
    )
    text = "".join(sorted(chars))
    own_fonts = replace(choices, system=False)
    return any(choose_fontset(lang, "", own_fonts).missing(text) for lang in renderer.options.langs)


def _charsets(documents: Iterable[tuple[DocumentJob, Document]]) -> dict[str, set[str]]:
    """Every character each language's documents draw, page furniture included (read
    one document at a time)."""
    charsets: dict[str, set[str]] = {}
    for job, document in documents:
        chars = charsets.setdefault(job.lang, set())
        for text in document.meta.furniture():
            chars.update(text)
        for span in document.spans():
            chars.update(span.text)
    return charsets


def _preflight(
    documents: list[tuple[DocumentJob, Document]], renderer: Renderer, options: BuildOptions
) -> None:
    problems: dict[str, Diagnostic] = {}
    for job, document in documents:
        furniture = [Span(text, source=FURNITURE) for text in document.meta.furniture()]
        spans = chain(document.spans(), furniture)  # read as they come: a report is long
        for uncovered in check_coverage(spans, renderer.fonts(job.lang)):
            message = (
                f"the character {uncovered.char!r} (U+{ord(uncovered.char):04X}) cannot be "
                f"drawn by any font chosen for {job.lang!r}; remove it or choose a font "
                "that has it (--font)"
            )
            where = uncovered.source or f"template {job.template}"
            location = renderer.location_of(where)
            problems.setdefault(where + uncovered.char, Diagnostic(location, message))
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


FURNITURE = "page header, marking or footer (the visit title, the marking, a catalogue)"
