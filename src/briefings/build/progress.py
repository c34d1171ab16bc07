"""Build progress: what a build tells of its progress, and for the command line a
rich progress bar on a terminal, plain lines (about every tenth of the build) in CI
logs and other non-terminals."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class BuildProgress:
    """Told how many files a build will write, then of each document written (a
    document is written in each format: one or more files). Files are the unit the
    build's summary counts too (``rebuilt 40``)."""

    def start(self, total: int) -> None:
        """The build will write ``total`` files."""

    def advance(self, name: str, files: int = 1) -> None:
        """The document ``name`` (``en/dg-regio``) is written, as ``files`` files."""


class BarProgress(BuildProgress):
    """A rich progress bar (on stderr)."""

    def __init__(self, console: Console) -> None:
        self.bar = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task("", total=None)

    def start(self, total: int) -> None:
        self.bar.update(self.task, total=total)
        self.bar.start()

    def advance(self, name: str, files: int = 1) -> None:
        self.bar.update(self.task, advance=files, description=name)

    def stop(self) -> None:
        self.bar.stop()


class LineProgress(BuildProgress):
    """Plain ``built 120/400 files`` lines, about one per tenth of the build."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.total = 0
        self.done = 0
        self.shown = 0

    def start(self, total: int) -> None:
        self.total = total
        if total:
            self.console.print(f"building {total} files", markup=False, highlight=False)
        self.shown = 0

    def advance(self, name: str, files: int = 1) -> None:
        self.done += files
        step = max(1, self.total // 10)
        if self.done >= self.shown + step or self.done == self.total:
            self.shown = self.done
            line = f"built {self.done}/{self.total} files ({name})"
            self.console.print(line, markup=False, highlight=False)


def in_ci() -> bool:
    """True in CI services (they set ``CI``), where output goes to a log."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@contextmanager
def progress_display(console: Console) -> Iterator[BuildProgress]:
    """The progress display that suits ``console``: a bar on a terminal outside CI."""
    if console.is_terminal and not in_ci():
        bar = BarProgress(console)
        try:
            yield bar
        finally:
            bar.stop()
    else:
        yield LineProgress(console)
