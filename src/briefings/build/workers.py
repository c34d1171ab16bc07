"""Rendering, checking and writing documents into the staging folder: in this process,
or with ``--jobs`` in worker processes forked with the parent's session."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from briefings.build.manifest import bytes_digest
from briefings.build.output import write_file
from briefings.build.plan import BuildOptions, DocumentJob
from briefings.build.preflight import document_problems
from briefings.build.session import Session
from briefings.config import load_config
from briefings.diagnostics import Diagnostic, InputError
from briefings.fonts import coverage
from briefings.model import Document
from briefings.records import load_records
from briefings.writers import CALENDAR_FORMATS, LayoutError

if TYPE_CHECKING:
    from briefings.writers.ics import IcsWriter

DOCUMENTS_PER_WORKER = 4
"""A worker process is started for every 4 briefings' worth of work (up to ``jobs``):
for less, starting it costs more than it saves. A report weighs a third of a briefing
per meeting."""

Task = tuple[DocumentJob, tuple[str, ...]]
"""A document to build, and the formats to write it in."""


@dataclass
class Outcome:
    job: DocumentJob
    files: dict[str, tuple[str, int]]
    """Output written to the staging folder → (SHA-256, size)."""
    problems: list[Diagnostic]
    timings: dict[str, float]


class Worker:
    """Renders, checks and writes documents into the staging folder. One per process:
    records, templates, fonts and writers are loaded once, not once per document."""

    def __init__(self, session: Session, folder: Path, timings: dict[str, float]) -> None:
        self.session = session
        self.folder = folder
        self.timings = timings
        self.failed = False
        """Once a document fails its checks the build fails: stop writing files."""
        options = session.options
        started = perf_counter()
        for lang in options.langs:
            for face in session.fonts(lang).faces():
                coverage(face.path, face.index)
            for fmt in options.formats:
                if fmt not in CALENDAR_FORMATS:
                    session.writer(fmt, lang)  # before workers fork, so that they share it
        self.timings["fonts"] = self.timings.get("fonts", 0.0) + perf_counter() - started
        self._calendars: IcsWriter | None = None

    def run(self, job: DocumentJob, formats: tuple[str, ...]) -> Outcome:
        timings, self.timings = self.timings, {}
        clock = perf_counter()
        document = None if job.calendar_only else self.session.document(job)
        timings["render"] = perf_counter() - clock
        clock = perf_counter()
        problems = document_problems(job, document, self.session) if document else []
        timings["check"] = perf_counter() - clock
        self.failed = self.failed or bool(problems)
        files: dict[str, tuple[str, int]] = {}
        for fmt in () if self.failed else formats:
            clock = perf_counter()
            if fmt in CALENDAR_FORMATS:
                data = self.calendars().write(self.session.calendar(job))
            else:
                assert document is not None
                data = self.write(fmt, job, document)
            timings[fmt] = perf_counter() - clock
            clock = perf_counter()
            write_file(self.folder / job.output(fmt), data, durable=False)
            timings["write"] = timings.get("write", 0.0) + perf_counter() - clock
            files[job.output(fmt)] = (bytes_digest(data), len(data))
        return Outcome(job, files, problems, timings)

    def calendars(self) -> IcsWriter:
        """The calendar writer, made (and icalendar imported) when first needed."""
        if self._calendars is None:
            from briefings.writers.ics import IcsWriter

            self._calendars = IcsWriter()
        return self._calendars

    def write(self, fmt: str, job: DocumentJob, document: Document) -> bytes:
        try:
            return self.session.writer(fmt, job.lang).write(document)
        except LayoutError as error:  # a writer names a text by its source
            where = self.session.location_of(error.source, error.what)
            raise InputError([Diagnostic(where, error.message)]) from None


def run_tasks(
    visit_dir: Path, session: Session, folder: Path, tasks: list[Task]
) -> Iterator[Outcome]:
    """Build ``tasks`` into ``folder``; yields each outcome as it is done."""
    if not tasks:
        return
    meetings = len(session.records.meetings)

    def cost(task: Task) -> int:
        """A document's work, in briefings: a report holds every meeting."""
        return 1 if task[0].meeting_id else max(1, meetings // 3)

    # The dearest first (the reports), so no worker is left with one at the end.
    tasks = sorted(tasks, key=cost, reverse=True)
    workers = min(session.options.jobs, sum(map(cost, tasks)) // DOCUMENTS_PER_WORKER)
    # Fonts and writers are loaded here, before forking, so that forked workers share them.
    worker = Worker(session, folder, {})
    if workers <= 1:
        for job, formats in tasks:
            yield worker.run(job, formats)
    else:
        yield from _run_in_pool(visit_dir, worker, tasks, workers)


_worker: Worker | None = None
"""This worker process's worker."""
_parent_session: tuple[Path, Session] | None = None
"""The parent's session: a forked worker has it already, and need not load or resolve
anything again."""


def _start_worker(visit_dir: Path, options: BuildOptions, folder: Path, parent: int) -> None:
    """The initializer of a worker process: load the records, fonts and templates."""
    global _worker
    started = perf_counter()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held when forked
    end_with_parent(parent)
    if _parent_session is not None and _parent_session[0] == visit_dir:
        session = _parent_session[1]
    else:  # a spawned worker (macOS, Windows) starts from nothing
        records = load_records(visit_dir)
        session = Session(records, options, load_config(visit_dir, options.config))
    _worker = Worker(session, folder, {"load": perf_counter() - started})


STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT held back until the block ends: the pool starts worker
    processes while holding a lock that its shutdown needs, so the exception a stop
    signal raises (``KeyboardInterrupt``, ``SystemExit``) must not come in between."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


PARENT_CHECK_SECONDS = 0.5


def end_with_parent(parent: int) -> None:
    """End this worker process as soon as its parent (pid ``parent``) is gone: killed
    or interrupted, it leaves no worker writing on behind it."""

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch_parent, name="end-with-parent", daemon=True).start()


def _run_in_worker(job: DocumentJob, formats: tuple[str, ...]) -> Outcome:
    assert _worker is not None
    return _worker.run(job, formats)


def _run_in_pool(
    visit_dir: Path, worker: Worker, tasks: list[Task], workers: int
) -> Iterator[Outcome]:
    """Build ``tasks`` in ``workers`` forked processes (which start with what
    ``worker`` loaded); yields each outcome as it is done."""
    global _parent_session
    _parent_session = (visit_dir, worker.session)
    pool = ProcessPoolExecutor(
        workers,
        initializer=_start_worker,
        initargs=(visit_dir, worker.session.options, worker.folder, os.getpid()),
    )
    try:
        with signals_held():
            futures = [pool.submit(_run_in_worker, job, formats) for job, formats in tasks]
        for index, future in enumerate(as_completed(futures)):
            outcome = future.result()
            if index == 0:  # the fonts loaded in this process
                for stage, seconds in worker.timings.items():
                    outcome.timings[stage] = outcome.timings.get(stage, 0.0) + seconds
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _parent_session = None
