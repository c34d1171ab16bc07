"""The commit journal: how a build's staged files are switched into the output folder
so that a build killed part-way is completed by the next one.

Every file is written into the staging folder first. Then the journal,
``OUT/.briefings-journal.json``, is written (flushed to disk, and put in place by one
rename): it names the staging folder, the files to move from it and the outputs to
delete. Then the files are renamed into place, the manifest last, and the journal is
deleted. A build (or ``--check``) that finds a journal finishes its switch first: the
files still in staging are moved, the deletions done. So after any build, completed or
killed, the next one sees either every file of the old build or every file of the new.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

JOURNAL_FILE = ".briefings-journal.json"


@dataclass(frozen=True)
class Journal:
    staging: str
    """The staging folder's name, in the output folder."""
    moves: list[str]
    """Files (relative to the staging and output folders) to move into place, in order."""
    removals: list[str]
    """Outputs (relative to the output folder) to delete."""

    def write(self, out: Path) -> None:
        """Put the journal in ``out`` in one step, flushed to disk."""
        data = {"staging": self.staging, "moves": self.moves, "removals": self.removals}
        temporary = out / (JOURNAL_FILE + ".new")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(out / JOURNAL_FILE)
        sync_folder(out)

    @classmethod
    def read(cls, out: Path) -> Journal | None:
        """The journal of ``out``, or None if there is none (or it names anything
        outside the output folder, which no build writes)."""
        try:
            data = json.loads((out / JOURNAL_FILE).read_text(encoding="utf-8"))
            journal = cls(str(data["staging"]), list(data["moves"]), list(data["removals"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        names = [journal.staging, *journal.moves, *journal.removals]
        if not all(isinstance(name, str) and _is_inside(name) for name in names):
            return None
        return journal

    def apply(self, out: Path) -> None:
        """Move the staged files into place and delete the removed outputs. Safe to
        run again after it was interrupted: a file already moved is not in staging."""
        staging = out / self.staging
        for name in self.moves:
            source = staging / name
            if source.is_file():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                source.replace(out / name)
        for name in self.removals:
            (out / name).unlink(missing_ok=True)
        (out / JOURNAL_FILE).unlink(missing_ok=True)
        sync_folder(out)


def finish_interrupted(out: Path) -> bool:
    """Complete the switch of a build that was killed while committing, if any; True if
    there was one."""
    journal = Journal.read(out)
    if journal is None:
        (out / JOURNAL_FILE).unlink(missing_ok=True)
        return False
    journal.apply(out)
    shutil.rmtree(out / journal.staging, ignore_errors=True)
    return True


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (renames into it) to disk, where the system allows."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _is_inside(name: str) -> bool:
    """Whether ``name`` is a relative path that stays inside its folder."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name
