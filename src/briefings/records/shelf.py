"""Validated meetings kept in a temporary file, not in memory, while a build runs.

A visit of a thousand meetings is read by every document of the build, but each
document needs one meeting at a time (a report reads them in order). So each meeting
is pickled once, when it has been validated, with the position of every value in its
file (for messages); only an index stays in memory (see ``briefings.storage``).
Reading one back is far cheaper than parsing and validating its YAML again, and cannot
see an edit made to the file since it was checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import overload

from briefings.records.schema import Meeting
from briefings.records.yamlsafe import YamlDocument
from briefings.storage import PickleFile, Slot


@dataclass(frozen=True, slots=True)
class _Entry:
    """What stays in memory of one meeting: enough to order, find and read it."""

    id: str
    start: datetime
    file: Path
    model: Slot
    """Where the ``Meeting`` is stored."""
    positions: Slot
    """Where the positions of its values are stored."""


class MeetingShelf(Sequence[Meeting]):
    """The meetings of a visit, in programme order once ``seal`` has run; each is read
    from disk when it is asked for, so holding them costs a few hundred bytes each."""

    def __init__(self) -> None:
        self._store = PickleFile()
        self._entries: list[_Entry] = []
        self._index: dict[str, int] = {}
        self._by_file: dict[Path, int] = {}
        self._last_document: tuple[Path, YamlDocument] | None = None

    def add(self, meeting: Meeting, file: Path, document: YamlDocument) -> None:
        """Keep a validated meeting and where its values were written in ``file``."""
        model = self._store.put(meeting)
        positions = self._store.put(document.positions)
        self._entries.append(_Entry(meeting.id, meeting.start, file, model, positions))

    def seal(self) -> None:
        """Put the meetings in programme order (start, then id); call once, after the
        last ``add``."""
        self._entries.sort(key=lambda entry: (entry.start, entry.id))
        self._index = {entry.id: index for index, entry in enumerate(self._entries)}
        self._by_file = {entry.file: index for index, entry in enumerate(self._entries)}

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Meeting: ...
    @overload
    def __getitem__(self, index: slice) -> list[Meeting]: ...
    def __getitem__(self, index: int | slice) -> Meeting | list[Meeting]:
        if isinstance(index, slice):
            return [self._store.get(entry.model) for entry in self._entries[index]]
        return self._store.get(self._entries[index].model)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Meeting]:
        for entry in self._entries:
            yield self._store.get(entry.model)

    def ids(self) -> list[str]:
        """The meeting ids in programme order, read without reading the meetings."""
        return [entry.id for entry in self._entries]

    def starts(self) -> list[tuple[str, datetime]]:
        """Each meeting's id and local start, in programme order, without reading them."""
        return [(entry.id, entry.start) for entry in self._entries]

    def get(self, meeting_id: str) -> Meeting:
        """The meeting with this id (``KeyError`` if there is none)."""
        return self[self._index[meeting_id]]

    def file_of(self, meeting_id: str) -> Path:
        """The record file the meeting was read from."""
        return self._entries[self._index[meeting_id]].file

    def document(self, file: Path) -> YamlDocument | None:
        """Where each value of a meeting file was written (its data is not kept). The
        last one read is kept: messages about one file come together."""
        if self._last_document is None or self._last_document[0] != file:
            if file not in self._by_file:
                return None
            positions = self._store.get(self._entries[self._by_file[file]].positions)
            self._last_document = (file, YamlDocument(None, positions))
        return self._last_document[1]
