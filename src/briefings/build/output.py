"""The output folder: held by one build at a time, written all-or-nothing.

``OutputFolder`` makes the folder, locks it (a second build into it waits, then fails
naming it), finishes the switch of a build that was killed while committing (see
``journal``) and removes the staging folders of builds that are no longer running.
``Staging`` holds a build's files in a hidden folder inside it until ``commit()``
switches them all into place.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from briefings.build.journal import JOURNAL_FILE, Journal, finish_interrupted
from briefings.diagnostics import Diagnostic, InputError, Location

if sys.platform != "win32":
    import fcntl

STAGING_PREFIX = ".briefings-staging-"
"""Staging folders are ``.briefings-staging-<pid>-<random>``: the pid tells a later
build whether the one that made it is still running."""

LOCK_WAIT_SECONDS = 10.0
"""How long a build waits for another build into the same folder to finish."""


def output_error(path: Path, message: str) -> InputError:
    """An error about the output folder (or a file or folder in it)."""
    return InputError([Diagnostic(Location(path), message)])


class OutputFolder:
    """``out``, locked for one build (``create``: made if missing, and removed again
    if the build fails and it was made for it)."""

    def __init__(self, out: Path, *, create: bool = True) -> None:
        self.out = out
        self.create = create
        self.created: list[Path] = []
        self.lock: int | None = None
        """The descriptor that holds the lock (None on Windows, which has no
        advisory locks on folders: builds into one folder are not serialised there)."""

    def __enter__(self) -> OutputFolder:
        if self.create:
            self.created = [p for p in (self.out, *self.out.parents) if not p.exists()]
            _make_folder(self.out)
        elif not self.out.is_dir():
            return self
        self.lock = lock_folder(self.out, LOCK_WAIT_SECONDS)
        finish_interrupted(self.out)
        remove_stale_staging(self.out)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.lock is not None:
            os.close(self.lock)  # releases the lock
        if exc_type is not None:  # a failed build leaves no empty output folder behind
            for folder in self.created:
                try:
                    folder.rmdir()
                except OSError:
                    break


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise output_error(out, "cannot be the output folder: a file is in the way") from None
    except OSError as exc:
        raise output_error(out, f"cannot make the output folder: {exc.strerror}") from None


def lock_folder(out: Path, wait: float) -> int | None:
    """Lock ``out`` (an advisory lock on the folder itself, so no lock file is left
    behind); waits up to ``wait`` seconds for another build to release it. Returns the
    descriptor that holds the lock."""
    if sys.platform == "win32":
        return None
    descriptor = os.open(out, os.O_RDONLY)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return descriptor
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(descriptor)
                raise output_error(
                    out,
                    f"another build is writing into this folder (waited {wait:g} s); "
                    "run again when it has finished",
                ) from None
            time.sleep(0.1)


def remove_stale_staging(out: Path) -> None:
    """Remove the staging folders in ``out`` of builds that are no longer running."""
    for folder in out.glob(STAGING_PREFIX + "*"):
        pid = _pid_of(folder.name)
        if pid is not None and pid != os.getpid() and not _is_running(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _pid_of(name: str) -> int | None:
    pid, _, _ = name.removeprefix(STAGING_PREFIX).partition("-")
    return int(pid) if pid.isdigit() else None


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


class Staging:
    """A staging area inside ``out`` (an ``OutputFolder`` this build holds).
    ``commit()`` switches every staged file into place; leaving the ``with`` block
    without ``commit()`` removes the staged files and leaves ``out`` as it was."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder: Path | None = None
        self.staged: list[Path] = []
        self.removals: list[Path] = []

    def __enter__(self) -> Staging:
        prefix = f"{STAGING_PREFIX}{os.getpid()}-"
        self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out))
        return self

    def write(self, relative: str, data: bytes) -> None:
        """Stage ``data`` for ``out/relative``."""
        assert self.folder is not None
        write_file(self.folder / relative, data)
        self.staged.append(Path(relative))

    def add(self, relative: str) -> None:
        """Stage ``out/relative`` from a file someone else (a worker process) has
        already written to ``self.folder / relative``."""
        self.staged.append(Path(relative))

    def remove(self, relative: str) -> None:
        """Delete ``out/relative`` on commit (an output that is no longer built)."""
        self.removals.append(Path(relative))

    def commit(self) -> list[Path]:
        """Switch every staged file into place (see ``journal``); returns their final
        paths. Fails before any file is switched if a destination folder cannot be
        written or is a symbolic link."""
        assert self.folder is not None
        for folder in sorted({(self.out / name).parent for name in self.staged + self.removals}):
            check_destination(self.out, folder)
        for name in self.staged:
            if (self.out / name).is_dir():
                raise output_error(self.out / name, "is a folder; an output file goes here")
        journal = Journal(
            self.folder.name,
            [name.as_posix() for name in self.staged],
            [name.as_posix() for name in self.removals],
        )
        journal.write(self.out)
        journal.apply(self.out)
        final = [self.out / name for name in self.staged]
        self.staged = []
        return final

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.folder is not None and not (self.out / JOURNAL_FILE).exists():
            shutil.rmtree(self.folder, ignore_errors=True)


def check_destination(out: Path, folder: Path) -> None:
    """Make ``folder`` (inside ``out``) and make sure a file can be put in it: it is no
    symbolic link (outputs are never written through one) and it is writable."""
    for part in [folder, *folder.parents]:
        if part == out or not part.is_relative_to(out):
            break
        if part.is_symlink():
            raise output_error(part, "is a symbolic link; outputs are not written through links")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(prefix=".briefings-probe-", dir=folder)
        os.close(descriptor)
        Path(probe).unlink()
    except OSError as exc:
        raise output_error(
            folder, f"cannot write into this folder ({exc.strerror}); no file was changed"
        ) from None


def write_file(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``target`` (creating its folder); ``durable`` flushes it to
    disk. Documents are written without: the manifest records their digests, so a file
    cut short by a crash is rebuilt by the next build, and an fsync per file would cost
    more than writing thousands of small documents."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
