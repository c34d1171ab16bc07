"""The build: load -> validate -> render (templates -> document model) -> check -> write.

One ``DocumentJob`` per output document and language; each is rendered to the
format-neutral model once and handed to every requested writer. Documents are written
into a staging folder; nothing is moved into the output folder until every document
has rendered and passed the font coverage check. Only outputs whose inputs changed
(see ``incremental``) are rebuilt.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from time import perf_counter

from briefings.build.incremental import OutputPlan, plan_outputs
from briefings.build.index import HTML, INDEX_FILE, index_page
from briefings.build.languages import single_languages
from briefings.build.manifest import (
    CHANGED_ON_DISK,
    MANIFEST_FILE,
    Manifest,
    OutputRecord,
    bytes_digest,
    stale_reason,
)
from briefings.build.output import OutputFolder, Staging
from briefings.build.plan import (
    BuildOptions,
    BuildResult,
    DocumentJob,
    build_time,
    plan,
)
from briefings.build.preflight import batch_charsets, preflight
from briefings.build.progress import BuildProgress
from briefings.build.session import Session, Writers
from briefings.build.workers import run_tasks
from briefings.config import load_config
from briefings.diagnostics import Diagnostic, InputError, Location, Severity, sort_key
from briefings.records import load_records


def build(
    visit_dir: Path,
    options: BuildOptions,
    progress: BuildProgress | None = None,
    writers: Writers | None = None,
) -> BuildResult:
    """Build the requested documents of ``visit_dir`` into ``options.out``, rewriting only
    those whose inputs changed since the last build (all of them with ``force``), and
    removing the outputs of meetings that are gone.

    Raises ``InputError`` (and writes nothing) if the records are invalid, a character
    cannot be drawn, or, with ``strict``, a text has no translation. ``writers``: those
    of earlier builds in this process, to use again."""
    started = perf_counter()
    session = prepare(visit_dir, options, writers)
    records, options = session.records, session.options
    jobs = plan(records, options.langs, calendars=True, delegates=options.per_delegate)
    with OutputFolder(options.out):
        outputs = plan_outputs(session, jobs)
        for lang in single_languages(options.langs):
            session.resolve(lang)
        preflight([], session, options)
        timings = {"load": perf_counter() - started}
        progress = progress or BuildProgress()
        progress.start(sum(len(formats) for _, formats in outputs.tasks))
        written = _write_outputs(visit_dir, session, jobs, outputs, progress, timings)
    return BuildResult(
        written,
        session.missing_texts(),
        [*records.warnings, *_manifest_warning(options.out, outputs.manifest)],
        up_to_date=outputs.up_to_date,
        removed=outputs.removed,
        timings=timings,
        edited=[name for name, reason in outputs.stale if reason == CHANGED_ON_DISK],
    )


def _manifest_warning(out: Path, manifest: Manifest) -> list[Diagnostic]:
    if not manifest.unreadable:
        return []
    message = "the build manifest could not be read; every output was rebuilt"
    return [Diagnostic(Location(out / MANIFEST_FILE), message, Severity.WARNING)]


def _write_outputs(
    visit_dir: Path,
    session: Session,
    jobs: list[DocumentJob],
    outputs: OutputPlan,
    progress: BuildProgress,
    timings: dict[str, float],
) -> list[Path]:
    """Build the stale outputs into a staging folder and, if every one passed its
    checks, switch them (and the manifest) into place; returns the files written."""
    manifest, problems = outputs.manifest, []
    with Staging(session.options.out) as staging:
        assert staging.folder is not None
        for outcome in run_tasks(visit_dir, session, staging.folder, outputs.tasks):
            problems += outcome.problems
            for name, (sha256, size) in outcome.files.items():
                staging.add(name)
                manifest.outputs[name] = OutputRecord(outputs.inputs[name], sha256, size)
            for stage, seconds in outcome.timings.items():
                timings[stage] = timings.get(stage, 0.0) + seconds
            progress.advance(f"{outcome.job.lang}/{outcome.job.name}", len(outcome.files))
        if problems:
            unique = {(str(d.location), d.message): d for d in problems}
            raise InputError(sorted(unique.values(), key=sort_key))
        for name in outputs.removed:
            staging.remove(name)
            del manifest.outputs[name]
        if HTML in session.options.formats:
            index = index_page(session, jobs)
            if session.options.force or stale_index(session.options.out, manifest, index):
                staging.write(INDEX_FILE, index)
            else:
                outputs.up_to_date.append(INDEX_FILE)
            manifest.outputs[INDEX_FILE] = index_record(index)
        staging.write(MANIFEST_FILE, manifest.dumps())
        return [p for p in staging.commit() if p.name != MANIFEST_FILE]


def prepare(visit_dir: Path, options: BuildOptions, writers: Writers | None = None) -> Session:
    """Load and validate the records and configuration, fix the build time and the
    characters of the batch: what a build and a check both start from."""
    options = replace(options, created=options.created or build_time())
    records = load_records(visit_dir)
    config = load_config(visit_dir, options.config)
    if config.build.get("per_delegate"):
        options = replace(options, per_delegate=True)
    options = replace(options, charsets=batch_charsets(records, config, options))
    return Session(records, options, config, writers)


def check(visit_dir: Path, options: BuildOptions) -> list[tuple[str, str]]:
    """The outputs in ``options.out`` that are not what a build would write now, each
    with the reason (``missing``, ``inputs changed``, ``changed on disk``, ...).
    Writes nothing."""
    session = prepare(visit_dir, options)
    options = session.options
    jobs = plan(session.records, options.langs, calendars=True, delegates=options.per_delegate)
    with OutputFolder(options.out, create=False):
        outputs = plan_outputs(session, jobs)
        stale = [*outputs.stale, *((name, "no longer in the records") for name in outputs.removed)]
        if HTML in options.formats:
            reason = stale_index(options.out, outputs.manifest, index_page(session, jobs))
            stale += [(INDEX_FILE, reason)] if reason else []
    return sorted(stale)


def index_record(index: bytes) -> OutputRecord:
    """The manifest's record of the index: its inputs are its own bytes."""
    digest = bytes_digest(index)
    return OutputRecord(digest, digest, len(index))


def stale_index(out: Path, manifest: Manifest, index: bytes) -> str | None:
    """Why ``out/index.html`` is not ``index``, or None."""
    return stale_reason(out, INDEX_FILE, bytes_digest(index), manifest.outputs.get(INDEX_FILE))
