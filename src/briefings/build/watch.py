"""``briefings watch``: build, then rebuild each time an input changes, in one process.

The process stays warm between builds: the code and libraries are imported, the
fonts measured, the writers made (with their styles and fonts). So a rebuild after a meeting
is edited costs what is rebuilt (that meeting's documents and the report) and little
more; what is up to date is still decided by the manifest, as in any build.

Changes are found by polling the modification time and size of every input file: it
needs nothing from the operating system, works on network shares and in containers,
and costs a few milliseconds for a thousand files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISREG

from briefings.build.manifest import input_files
from briefings.build.pipeline import build
from briefings.build.plan import BuildOptions, BuildResult
from briefings.build.session import Writers

Stamp = tuple[int, int]
"""A file's modification time (ns) and size."""


def input_folders(visit_dir: Path, options: BuildOptions) -> list[Path]:
    """What a build reads that an editor may change: the visit folder (records,
    content catalogues, ``briefings.toml``), the template and catalogue folders and
    the configuration file. Fonts are read once per process: replacing a font file
    needs a new ``watch``."""
    paths = [visit_dir, *options.templates]
    paths += [path for path in (options.translations, options.config) if path is not None]
    return paths


def snapshot(paths: Iterable[Path], ignore: Path) -> dict[Path, Stamp]:
    """Every file under ``paths`` with its stamp, except under ``ignore`` (the output
    folder, which may sit in the visit folder) and hidden folders (``.git``)."""
    stamps: dict[Path, Stamp] = {}
    for root in (path.resolve() for path in paths):
        for file in [root] if root.is_file() else input_files(root, exclude=ignore):
            try:
                stat = file.stat()
            except OSError:  # removed while we looked: the next poll sees it gone
                continue
            if S_ISREG(stat.st_mode):
                stamps[file] = (stat.st_mtime_ns, stat.st_size)
    return stamps


BuildOutcome = BuildResult | Exception
"""A build's result, or why it failed: ``InputError`` for the input's errors, another
exception for a bug or a broken template."""


def watch(
    visit_dir: Path,
    options: BuildOptions,
    on_build: Callable[[BuildOutcome, float], None],
    *,
    interval: float = 0.5,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Build ``visit_dir`` now and after every change to its inputs, until
    ``keep_going`` says stop (or the user interrupts). ``on_build`` gets each build's
    result or its error (a failed build writes nothing, and watching goes on), and the
    seconds it took."""
    folders = input_folders(visit_dir, options)
    seen: dict[Path, Stamp] | None = snapshot(folders, options.out)
    writers = Writers()  # made once, used by every build
    while seen is not None:
        started = time.perf_counter()
        try:
            outcome: BuildOutcome = build(visit_dir, options, writers=writers)
        except Exception as error:  # shown; the next change may fix it
            outcome = error
        on_build(outcome, time.perf_counter() - started)
        del outcome
        seen = _wait_for_change(folders, options.out, seen, interval, keep_going)


def _wait_for_change(
    folders: list[Path],
    out: Path,
    seen: dict[Path, Stamp],
    interval: float,
    keep_going: Callable[[], bool],
) -> dict[Path, Stamp] | None:
    """The inputs' stamps once they changed and then held still for one interval (an
    editor may save in steps); None when ``keep_going`` says stop."""
    while keep_going():
        time.sleep(interval)
        now = snapshot(folders, out)
        if now == seen:
            continue
        while keep_going():
            time.sleep(interval)
            settled = snapshot(folders, out)
            if settled == now:
                return settled
            now = settled
    return None
