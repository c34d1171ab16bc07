"""Load a visit folder (``visit.yaml`` + ``meetings/*.yaml``) into validated records.

Every problem in every file is collected before anything is reported, so one run
shows the whole list, each with its file, line, column and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from difflib import get_close_matches
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from briefings.diagnostics import Diagnostic, InputError, Location, Severity, sort_key
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

    if visit is not None:
        diagnostics += _check_visit_references(visit, visit_file, documents[visit_file])
        for meeting, file in meetings:
            diagnostics += _check_meeting(visit, meeting, file, documents[file])
        diagnostics += _check_programme(visit, meetings, documents)

    diagnostics.sort(key=sort_key)
    if visit is None or any(d.severity is Severity.ERROR for d in diagnostics):
        raise InputError(diagnostics)
    meetings.sort(key=lambda pair: (pair[0].start, pair[0].id))
    return Records(
        root=root,
        visit=visit,
        meetings=tuple(m for m, _ in meetings),
        meeting_files={m.id: f for m, f in meetings},
        documents=documents,
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


def _missing_reference(
    kind: str, ref: str, known: dict[str, Any], location: Location
) -> Diagnostic:
    close = get_close_matches(ref, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; add it to {kind} in visit.yaml"
    return Diagnostic(location, f"unknown {kind[:-1]} {ref!r}{hint}")


def _check_visit_references(visit: Visit, file: Path, document: YamlDocument) -> list[Diagnostic]:
    orgs = visit.organisations
    found: list[Diagnostic] = []
    refs: list[tuple[Path_, str | None]] = [
        (("programme",), visit.programme),
        (("lead",), visit.lead),
    ]
    refs += [(("delegation", i), ref) for i, ref in enumerate(visit.delegation)]
    for path, ref in refs:
        if ref is not None and ref not in orgs:
            found.append(
                _missing_reference("organisations", ref, orgs, document.locate(file, path))
            )
    if visit.dates.end < visit.dates.start:
        message = "the visit ends before it starts"
        found.append(Diagnostic(document.locate(file, ("dates", "end")), message))
    return found


def _check_meeting(
    visit: Visit, meeting: Meeting, file: Path, document: YamlDocument
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    orgs = visit.organisations
    refs: list[tuple[Path_, str]] = [(("hosts", i), r) for i, r in enumerate(meeting.hosts)]
    refs += [(("participants", i), r) for i, r in enumerate(meeting.participants)]
    refs += [(("follow_up", i, "owner"), f.owner) for i, f in enumerate(meeting.follow_up)]
    for path, ref in refs:
        if ref not in orgs:
            found.append(
                _missing_reference("organisations", ref, orgs, document.locate(file, path))
            )
    if meeting.place not in visit.places:
        location = document.locate(file, ("place",))
        found.append(_missing_reference("places", meeting.place, visit.places, location))
    for name in ("start", "end"):
        if getattr(meeting, name).tzinfo is not None:
            message = "give the local time without a UTC offset; the zone comes from the place"
            found.append(Diagnostic(document.locate(file, (name,)), message))
    if found:
        return found
    if meeting.end <= meeting.start:
        message = f"the meeting ends ({meeting.end:%Y-%m-%d %H:%M}) before it starts"
        found.append(Diagnostic(document.locate(file, ("end",)), message))
    for name in ("start", "end"):
        day = getattr(meeting, name).date()
        if not visit.dates.start <= day <= visit.dates.end:
            message = (
                f"{day:%Y-%m-%d} is outside the visit "
                f"({visit.dates.start:%Y-%m-%d} to {visit.dates.end:%Y-%m-%d})"
            )
            found.append(Diagnostic(document.locate(file, (name,)), message))
    return found


def _instant(visit: Visit, local: datetime, place: str) -> datetime:
    return local.replace(tzinfo=ZoneInfo(visit.places[place].timezone))


def _check_programme(
    visit: Visit, meetings: list[tuple[Meeting, Path]], documents: dict[Path, YamlDocument]
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first_file: dict[str, Path] = {}
    for meeting, file in meetings:
        if meeting.id in first_file:
            message = f"meeting id {meeting.id!r} is already used by {first_file[meeting.id].name}"
            found.append(Diagnostic(documents[file].locate(file, ("id",)), message))
        else:
            first_file[meeting.id] = file
    # Compare instants, not wall-clock times: the places may be in different zones.
    timed = sorted(
        (
            (_instant(visit, m.start, m.place), _instant(visit, m.end, m.place), m, f)
            for m, f in meetings
            if m.place in visit.places and m.start.tzinfo is None and m.end.tzinfo is None
        ),
        key=lambda row: row[0],
    )
    for (_, before_end, before, _), (after_start, _, _, file) in pairwise(timed):
        if after_start < before_end:
            message = f"overlaps with {before.id!r}, which ends at {before.end:%H:%M}"
            location = documents[file].locate(file, ("start",))
            found.append(Diagnostic(location, message, Severity.WARNING))
    return found
