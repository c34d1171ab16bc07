"""Load a visit folder (``visit.yaml`` + ``meetings/*.yaml``) into validated records.

Every problem in every file is collected before anything is reported, so one run
shows the whole list, each with its file, line, column and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from briefings.diagnostics import Diagnostic, InputError, Location, Severity, sort_key
from briefings.records.checks import Source, check_records
from briefings.records.schema import Meeting, Visit
from briefings.records.yamlsafe import Path_, YamlDocument, load_yaml

M = TypeVar("M", bound=BaseModel)

VISIT_FILE = "visit.yaml"
MEETINGS_DIR = "meetings"


@dataclass(frozen=True)
class Records:
    """A validated visit: the visit, its meetings in programme order, and where each
    value was written (for messages that point back into the files)."""

    root: Path
    visit: Visit
    meetings: tuple[Meeting, ...]
    meeting_files: dict[str, Path]
    documents: dict[Path, YamlDocument]
    warnings: tuple[Diagnostic, ...]

    @property
    def visit_file(self) -> Path:
        return self.root / VISIT_FILE

    def locate(self, file: Path, path: Path_) -> Location:
        """Where the value at ``path`` of ``file`` was written."""
        document = self.documents.get(file)
        return document.locate(file, path) if document else Location(file)

    def meeting_file(self, meeting_id: str) -> Path:
        return self.meeting_files[meeting_id]


def meeting_paths(root: Path) -> list[Path]:
    """The meeting record files of a visit folder, in a stable order."""
    folder = root / MEETINGS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_records(root: Path) -> Records:
    """Load and validate a visit folder. Raises ``InputError`` with every error found."""
    diagnostics: list[Diagnostic] = []
    documents: dict[Path, YamlDocument] = {}
    visit_file = root / VISIT_FILE
    if not visit_file.is_file():
        raise InputError([Diagnostic(Location(visit_file), "no visit.yaml in this folder")])

    visit = _parse(visit_file, Visit, documents, diagnostics)
    meetings: list[tuple[Meeting, Path]] = []
    for file in meeting_paths(root):
        meeting = _parse(file, Meeting, documents, diagnostics)
        if meeting is not None:
            meetings.append((meeting, file))

    visit_source = Source(visit_file, documents[visit_file]) if visit_file in documents else None
    meeting_sources = [Source(f, d) for f, d in documents.items() if f != visit_file]
    diagnostics = _one_per_place(diagnostics + check_records(visit_source, meeting_sources))

    diagnostics.sort(key=sort_key)
    if visit is None or any(d.severity is Severity.ERROR for d in diagnostics):
        raise InputError(diagnostics)
    meetings.sort(key=lambda pair: (pair[0].start, pair[0].id))
    return Records(
        root=root,
        visit=visit,
        meetings=tuple(m for m, _ in meetings),
        meeting_files={m.id: f for m, f in meetings},
        # Only where each value was written is kept: the values are in the models now,
        # and keys matter only to the checks above.
        documents={file: YamlDocument(None, doc.positions) for file, doc in documents.items()},
        warnings=tuple(diagnostics),
    )


def _parse(
    file: Path,
    model: type[M],
    documents: dict[Path, YamlDocument],
    diagnostics: list[Diagnostic],
) -> M | None:
    document, problems = load_yaml(file)
    diagnostics += problems
    if document is None:
        return None
    documents[file] = document
    if not isinstance(document.data, dict):
        diagnostics.append(Diagnostic(Location(file, 1, 1), "the file must be a YAML mapping"))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        diagnostics += [_explain(error, model, file, document) for error in exc.errors()]
        return None


_FRIENDLY = {
    "dict_type": "should be a mapping, e.g. {en: ..., zh: ...}",
    "list_type": "should be a list, e.g. [a, b] or one '- item' per line",
    "missing": "is required but missing",
    "datetime_from_date_parsing": "should be a local date and time such as 2024-10-23T14:30",
    "datetime_parsing": "should be a local date and time such as 2024-10-23T14:30",
    "datetime_type": "should be a local date and time such as 2024-10-23T14:30",
    "date_from_datetime_parsing": "should be a date such as 2024-10-23",
    "date_parsing": "should be a date such as 2024-10-23",
    "date_type": "should be a date such as 2024-10-23",
    "string_type": "should be a text",
}


def _explain(error: Any, model: type[BaseModel], file: Path, document: YamlDocument) -> Diagnostic:
    path: Path_ = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = _field_names(model, path[:-1])
        close = get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
        return Diagnostic(document.locate(file, path, key=True), f"unknown key {key!r}{hint}")
    message = _FRIENDLY.get(kind) or error["msg"].removeprefix("Value error, ")
    if kind not in ("missing",) and not isinstance(error.get("input"), dict | list):
        message = f"{message} (got {error.get('input')!r})"
    return Diagnostic(document.locate(file, path), message)


def _field_names(model: type[BaseModel], path: Path_) -> list[str]:
    """The keys allowed at ``path`` inside ``model``, for did-you-mean hints."""
    current: Any = model
    for part in path:
        current = _strip_optional(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:  # a list index or a dict key: step to the element type
            args = get_args(current)
            current = args[-1] if args else None
    current = _strip_optional(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _strip_optional(annotation: Any) -> Any:
    """``Place | None`` -> ``Place``; leaves ``list[...]`` and ``dict[...]`` alone."""
    while get_origin(annotation) not in (None, list, dict):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0] if args else None
    return annotation


def _one_per_place(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a second problem at the same place: a value the schema rejected (say, a
    reference that is not an identifier) needs no further complaint."""
    seen: set[Location] = set()
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR and diagnostic.location in seen:
            continue
        seen.add(diagnostic.location)
        kept.append(diagnostic)
    return kept
