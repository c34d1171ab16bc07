"""Values kept in a temporary file instead of memory, read back by position.

A visit of a thousand meetings must build in the memory that ten take. What a build
reads more than once and needs one piece at a time (the validated meetings, their
views in each language, a long report's document model) is pickled here once and read
back when it is needed: reading one back costs tens of microseconds. The file is
anonymous (deleted as it is made) and closed when its ``PickleFile`` is collected.

Worker processes forked during a build read the parent's files: reads use
``os.pread``, which does not move the offset the processes share. Only the process
that made a file writes to it, so the offset is its own to move. A value may hold a
``StoredSequence`` (a long table's rows inside a stored document block): it is
pickled as a reference to its file, which only this process and its forks can read.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from itertools import count
from typing import Any, TypeVar, overload

Slot = tuple[int, int]
"""Where a value is in its file: offset and length."""

T = TypeVar("T")

_PREAD = hasattr(os, "pread")
"""Reads at a position, leaving the file offset (shared with forked processes, which
only read) alone; Windows has no ``pread``."""
_OPEN: weakref.WeakValueDictionary[tuple[int, int], PickleFile] = weakref.WeakValueDictionary()
"""The files of this process (and those it was forked with), by ``PickleFile.key``:
the process that made the file, and a number."""
_KEYS = count()


class PickleFile:
    """An append-only file of pickled values."""

    def __init__(self) -> None:
        # Unbuffered, so that what ``put`` wrote is in the file before any read; open
        # for as long as this object lives, so not in a ``with``.
        self._file = tempfile.TemporaryFile(buffering=0, prefix="briefings-")  # noqa: SIM115
        weakref.finalize(self, self._file.close)
        self._end = 0
        self._owner = os.getpid()
        self.key = (self._owner, next(_KEYS))
        _OPEN[self.key] = self

    def __reduce__(self) -> tuple[Any, tuple[tuple[int, int]]]:
        return _open_file, (self.key,)

    @property
    def writable(self) -> bool:
        """False in a forked worker: two processes appending would overwrite each other."""
        return os.getpid() == self._owner

    def put(self, value: object) -> Slot:
        """Pickle ``value`` at the end of the file; returns where to read it back."""
        if not self.writable:
            raise RuntimeError("a PickleFile is written only by the process that made it")
        data = memoryview(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        offset = self._end
        self._file.seek(offset)  # a read without pread may have moved it
        written = 0
        while written < len(data):  # a raw write may take part of it
            written += self._file.write(data[written:]) or 0
        self._end += len(data)
        return offset, len(data)

    def get(self, slot: Slot) -> Any:
        """The value ``put`` stored at ``slot``."""
        offset, length = slot
        if _PREAD:
            data = os.pread(self._file.fileno(), length, offset)
        else:  # Windows: workers are spawned and read files of their own
            self._file.seek(offset)
            data = self._file.read(length)
        return pickle.loads(data)


def _open_file(key: tuple[int, int]) -> PickleFile:
    file = _OPEN.get(key)
    if file is None:
        raise pickle.UnpicklingError("stored values are read by the process that stored them")
    return file


class StoredSequence(Sequence[T]):
    """A sequence too long to hold, kept in a ``PickleFile`` ``BATCH`` items to a
    pickle: one batch is in memory at a time. Filled with ``append`` (or ``extend``),
    then read as often as needed, in order or by index."""

    BATCH = 64

    def __init__(self, file: PickleFile) -> None:
        self._file = file
        self._slots: list[Slot] = []
        self._pending: list[T] = []
        self._length = 0
        self._loaded: tuple[int, list[T]] = (-1, [])
        """The batch last read by index, kept: tables are read row after row."""

    def append(self, item: T) -> None:
        self._pending.append(item)
        self._length += 1
        if len(self._pending) == self.BATCH:
            self._slots.append(self._file.put(self._pending))
            self._pending = []

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        number, offset = divmod(index, self.BATCH)
        if number == len(self._slots):
            return self._pending[offset]
        if self._loaded[0] != number:
            self._loaded = (number, self._file.get(self._slots[number]))
        return self._loaded[1][offset]

    def __iter__(self) -> Iterator[T]:
        for slot in self._slots:
            batch = self._file.get(slot)
            batch.reverse()
            while batch:  # each item let go once it is read: one may be a long table
                yield batch.pop()
        yield from self._pending

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_loaded": (-1, [])}
