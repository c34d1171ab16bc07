"""Values kept in a temporary file instead of memory, read back by position.

A visit of a thousand meetings must build in the memory that ten take. What a build
reads more than once and needs one piece at a time (the validated meetings, their
views in each language, a long report's document model) is pickled here once and read
back when it is needed: reading one back costs tens of microseconds. The file is
anonymous (deleted as it is made) and closed when its ``PickleFile`` is collected.

Worker processes forked during a build read the parent's files: reads use
``os.pread``, which does not move the offset the processes share. Only the process
that made a file writes to it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

Slot = tuple[int, int]
"""Where a value is in its file: offset and length."""

T = TypeVar("T")

_PREAD = hasattr(os, "pread")


class PickleFile:
    """An append-only file of pickled values."""

    def __init__(self) -> None:
        # Unbuffered, so that what ``put`` wrote is in the file before any read; open
        # for as long as this object lives, so not in a ``with``.
        self._file = tempfile.TemporaryFile(buffering=0, prefix="briefings-")  # noqa: SIM115
        weakref.finalize(self, self._file.close)
        self._end = 0
        self._owner = os.getpid()

    @property
    def writable(self) -> bool:
        """False in a forked worker: two processes appending would overwrite each other."""
        return os.getpid() == self._owner

    def put(self, value: object) -> Slot:
        """Pickle ``value`` at the end of the file; returns where to read it back."""
        if not self.writable:
            raise RuntimeError("a PickleFile is written only by the process that made it")
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        offset, self._end = self._end, self._end + len(data)
        self._file.write(data)
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


def stored(items: Iterable[T], batch: int = 64) -> Callable[[], Iterator[T]]:
    """Store ``items`` on disk as they come, ``batch`` to a pickle; returns a function
    that reads them back in order, one batch in memory at a time, each time it is
    called (a long document's blocks, read once by each writer's pass)."""
    store = PickleFile()
    slots: list[Slot] = []
    iterator = iter(items)
    while chunk := list(islice(iterator, batch)):
        slots.append(store.put(chunk))

    def read() -> Iterator[T]:
        for slot in slots:
            batch = store.get(slot)
            batch.reverse()
            while batch:  # each item let go once it is read: one may be a long table
                yield batch.pop()

    return read
