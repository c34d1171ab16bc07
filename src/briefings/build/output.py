"""All-or-nothing output: files are staged in a hidden folder beside their final place
and renamed into place only when the whole build has succeeded."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType


class Staging:
    """A staging area inside ``out``. ``commit()`` renames every staged file into place
    (each rename is atomic); leaving the ``with`` block without ``commit()`` removes
    the staged files and leaves ``out`` as it was."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder: Path | None = None
        self.staged: list[Path] = []
        self.created: list[Path] = []
        """Folders made for ``out``, removed again if nothing is committed."""
        self.removals: list[Path] = []

    def __enter__(self) -> Staging:
        missing = [p for p in (self.out, *self.out.parents) if not p.exists()]
        self.out.mkdir(parents=True, exist_ok=True)
        self.created = missing
        self.folder = Path(tempfile.mkdtemp(prefix=".briefings-staging-", dir=self.out))
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
        """Move every staged file into place; returns their final paths."""
        assert self.folder is not None
        final = []
        for relative in self.staged:
            destination = self.out / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            (self.folder / relative).replace(destination)
            final.append(destination)
        for relative in self.removals:
            (self.out / relative).unlink(missing_ok=True)
        self.staged = []
        return final

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if exc_type is not None:  # a failed build leaves no empty output folder behind
            for folder in self.created:
                try:
                    folder.rmdir()
                except OSError:
                    break


def write_file(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``target`` (creating its folder); ``durable`` flushes it to
    disk. Documents are written without: the manifest records their sizes and
    digests, so a file cut short by a crash is rebuilt by the next build, and an fsync
    per file would cost more than writing thousands of small documents."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
