"""Load a visit folder (``visit.yaml`` + ``meetings/*.yaml``) into validated records.

Every problem in every file is collected before anything is reported, so one run
shows the whole list, each with its file, line, column and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from briefings.diagnostics import (
    Diagnostic,
    InputError,
    Location,
    Severity,
    TextSource,
    sort_key,
)
from briefings.records.checks import RecordChecks, Source
from briefings.records.clock import wall_time
from briefings.records.explain import explain
from briefings.records.programme import ProgrammeChecks
from briefings.records.rootcause import root_causes_first
from briefings.records.schema import Meeting, Visit
from briefings.records.yamlsafe import (
    Path_,
    YamlDocument,
    load_yaml,
)

M = TypeVar("M", bound=BaseModel)

VISIT_FILE = "visit.yaml"
MEETINGS_DIR = "meetings"


@dataclass(frozen=True)
class Records:
    """A validated visit: the visit, its meetings in programme order, and where each
    value was written (for messages that point back into the files)."""

    root: Path
    visit: Visit
    meetings: list[Meeting]
    """In programme order: start, then id."""
    meeting_documents: dict[str, tuple[Path, YamlDocument]]
    """Each meeting's file and where each of its values was written, by meeting id."""
    visit_document: YamlDocument
    """Where each value of ``visit.yaml`` was written (its data is not kept)."""
    warnings: tuple[Diagnostic, ...]

    @property
    def visit_file(self) -> Path:
        return self.root / VISIT_FILE

    def locate(self, file: Path, path: Path_) -> Location:
        """Where the value at ``path`` of ``file`` was written."""
        if file == self.visit_file:
            document: YamlDocument | None = self.visit_document
        else:
            document = self._documents_by_file.get(file)
        return document.locate(file, path) if document else Location(file)

    def locate_text(self, source: TextSource) -> Location:
        """Where the record text ``source`` names was written."""
        return self.locate(source.file, source.path)

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting with this id."""
        return self._meetings_by_id[meeting_id]

    def meeting_file(self, meeting_id: str) -> Path:
        return self.meeting_documents[meeting_id][0]

    @cached_property
    def _meetings_by_id(self) -> dict[str, Meeting]:
        return {meeting.id: meeting for meeting in self.meetings}

    @cached_property
    def _documents_by_file(self) -> dict[Path, YamlDocument]:
        return dict(self.meeting_documents.values())


def meeting_paths(root: Path) -> list[Path]:
    """The meeting record files of a visit folder, in a stable order."""
    folder = root / MEETINGS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


OUTSIDE_LINK = (
    "this is a link to a file outside the visit folder, which is not read; "
    "copy the file into the folder instead"
)


def is_outside(root: Path, file: Path) -> bool:
    """Whether ``file`` is (through links) outside the visit folder ``root``: such a
    file is never read, so that a record cannot show, say, a secret in a CI log."""
    return not file.resolve().is_relative_to(root.resolve())


def load_records(root: Path) -> Records:
    """Load and validate a visit folder. Raises ``InputError`` with every error found.

    Only the validated meetings and where their values were written are kept."""
    diagnostics: list[Diagnostic] = []
    visit_file = root / VISIT_FILE
    if is_outside(root, visit_file):
        raise InputError([Diagnostic(Location(visit_file), OUTSIDE_LINK)])
    if not visit_file.is_file():
        raise InputError([Diagnostic(Location(visit_file), "no visit.yaml in this folder")])

    visit_document, visit = _parse(visit_file, Visit, diagnostics)
    checks = RecordChecks(Source(visit_file, visit_document) if visit_document else None)
    programme = ProgrammeChecks(Source(visit_file, visit_document) if visit_document else None)
    meetings: list[Meeting] = []
    documents: dict[str, tuple[Path, YamlDocument]] = {}
    for file in meeting_paths(root):
        if is_outside(root, file):
            diagnostics.append(Diagnostic(Location(file), OUTSIDE_LINK))
            continue
        document, meeting = _parse(file, Meeting, diagnostics)
        if document is not None:
            checks.meeting(Source(file, document))
            programme.meeting(Source(file, document))
        if meeting is not None and document is not None:
            meetings.append(meeting)
            documents[meeting.id] = (file, YamlDocument(None, document.positions))
    diagnostics = _one_per_place(diagnostics + checks.finish() + programme.finish())
    diagnostics = root_causes_first(diagnostics, visit_file)

    diagnostics.sort(key=sort_key)
    if visit is None or any(d.severity is Severity.ERROR for d in diagnostics):
        raise InputError(diagnostics)
    assert visit_document is not None  # the visit validated, so it was read
    meetings = [_on_local_clocks(meeting, visit) for meeting in meetings]
    meetings.sort(key=lambda meeting: (meeting.start, meeting.id))
    return Records(
        root=root,
        visit=visit,
        meetings=meetings,
        meeting_documents=documents,
        # Only where each value was written is kept: the values are in the model now,
        # and keys matter only to the checks above.
        visit_document=YamlDocument(None, visit_document.positions),
        warnings=tuple(diagnostics),
    )


def _on_local_clocks(meeting: Meeting, visit: Visit) -> Meeting:
    """The meeting with its start and end as its places' clocks show them: a UTC
    offset, where the record gives one, becomes the ``fold`` of a repeated hour."""
    if meeting.start.tzinfo is None and meeting.end.tzinfo is None:
        return meeting
    start_place, end_place = (
        (meeting.from_, meeting.to) if meeting.is_travel else (meeting.place, meeting.place)
    )
    assert start_place is not None and end_place is not None  # the checks require them
    return meeting.model_copy(
        update={
            "start": wall_time(meeting.start, visit.places[start_place].timezone),
            "end": wall_time(meeting.end, visit.places[end_place].timezone),
        }
    )


def _parse(
    file: Path, model: type[M], diagnostics: list[Diagnostic]
) -> tuple[YamlDocument | None, M | None]:
    """The file's YAML (None if unreadable) and its validated model (None if invalid)."""
    document, problems = load_yaml(file)
    diagnostics += problems
    if document is None:
        return None, None
    if not isinstance(document.data, dict):
        diagnostics.append(Diagnostic(Location(file, 1, 1), "the file must be a YAML mapping"))
        return document, None
    try:
        return document, model.model_validate(document.data)
    except ValidationError as exc:
        diagnostics += [explain(error, model, file, document) for error in exc.errors()]
        return document, None


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
