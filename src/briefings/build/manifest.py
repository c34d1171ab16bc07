"""The build manifest: for every output file, a digest of the inputs it was built from.

It lives in the output folder (``.briefings-manifest.json``), so a build can tell which
outputs are up to date and rewrite only the others, and ``build --check`` can tell
whether the files on disk match the records. The file is deterministic JSON (sorted
keys, no times or absolute paths of its own), so it is as reproducible as the outputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_FILE = ".briefings-manifest.json"
MANIFEST_VERSION = 1
CHANGED_ON_DISK = "changed on disk"
"""Why an output whose content is not what the build wrote is rebuilt."""

_file_digests: dict[tuple[Path, int, int], str] = {}


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's content. Cached per process by path, size and mtime, so
    big inputs (fonts) are read once however many documents use them."""
    stat = path.stat()
    key = (path.resolve(), stat.st_size, stat.st_mtime_ns)
    if key not in _file_digests:
        _file_digests[key] = bytes_digest(path.read_bytes())
    return _file_digests[key]


def bytes_digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def folder_digest(folder: Path, pattern: str = "*", exclude: Path | None = None) -> str:
    """A digest of every file under ``folder`` matching ``pattern``: their relative
    names and contents (a renamed, added or removed file changes it). Hidden files and
    folders, and everything under ``exclude`` (an output folder inside it), are left
    out."""
    if not folder.is_dir():
        return ""
    files = sorted(p for p in input_files(folder, pattern, exclude) if p.is_file())
    return combine({p.relative_to(folder).as_posix(): file_digest(p) for p in files})


def input_files(folder: Path, pattern: str = "*", exclude: Path | None = None) -> Iterator[Path]:
    """The paths under ``folder`` matching ``pattern`` that a build reads: not hidden
    ones (``.git``), nor ``__pycache__``, nor anything under ``exclude`` (an output
    folder inside it). What ``folder_digest`` digests and ``watch`` looks at."""
    skipped = exclude.resolve() if exclude is not None else None
    for path in folder.rglob(pattern):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") or part == "__pycache__" for part in parts):
            continue
        if skipped is None or not path.resolve().is_relative_to(skipped):
            yield path


def combine(parts: Mapping[str, Any]) -> str:
    """One digest of named parts (strings, numbers, nested lists and dicts)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return bytes_digest(text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """What the manifest knows of one output file."""

    inputs: str
    """The digest of everything the file was built from."""
    sha256: str
    """The digest of the file as written (to notice files changed on disk)."""
    size: int


@dataclass
class Manifest:
    """Output file (relative to the output folder, ``en/dg-regio.pdf``) → its record."""

    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    unreadable: bool = False
    """The folder had a manifest this build could not read (so it rebuilds everything)."""

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest of ``out``; an empty one when there is none or it is unreadable
        (then everything is rebuilt, which is always safe)."""
        path = out / MANIFEST_FILE
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return cls()
            outputs = {name: OutputRecord(**record) for name, record in data["outputs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return cls(unreadable=True)
        return cls(outputs)

    def dumps(self) -> bytes:
        """The manifest as deterministic JSON."""
        outputs = {
            name: {"inputs": r.inputs, "sha256": r.sha256, "size": r.size}
            for name, r in sorted(self.outputs.items())
        }
        data = {"version": MANIFEST_VERSION, "outputs": outputs}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def stale_reason(out: Path, name: str, inputs: str, record: OutputRecord | None) -> str | None:
    """Why ``out/name`` must be rebuilt, or None if it is up to date: it is missing, its
    inputs changed, or its content is not what was written (``changed on disk``: an
    edited or damaged file, even one of the same size)."""
    path = out / name
    if not path.is_file():
        return "missing"
    if record is None:
        return "not in the manifest"
    if record.inputs != inputs:
        return "inputs changed"
    if path.stat().st_size != record.size or bytes_digest(path.read_bytes()) != record.sha256:
        return CHANGED_ON_DISK
    return None
