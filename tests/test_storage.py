"""Values kept on disk: read back by position, by this process and its forks."""

from __future__ import annotations

import os
import pickle

import pytest

from briefings import storage
from briefings.storage import PickleFile, StoredSequence


@pytest.fixture(params=["pread", "seek"])
def positioned_io(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of reading at a position: ``os.pread``, and seeking (Windows has no
    ``pread``)."""
    if request.param == "seek":
        monkeypatch.setattr(storage, "_PREAD", False)


@pytest.mark.usefixtures("positioned_io")
def test_values_are_read_back_as_they_were_put() -> None:
    store = PickleFile()
    slots = [store.put({"meeting": i, "text": "会谈" * i}) for i in range(3)]
    assert [store.get(slot) for slot in reversed(slots)] == [
        {"meeting": i, "text": "会谈" * i} for i in (2, 1, 0)
    ]


@pytest.mark.usefixtures("positioned_io")
def test_writes_after_reads_still_go_at_the_end() -> None:
    store = PickleFile()
    first = store.put("A" * 10)
    second = store.put("B" * 10)
    assert store.get(first) == "A" * 10  # moves the file offset when seeking
    third = store.put("C" * 10)
    assert [store.get(slot) for slot in (first, second, third)] == ["A" * 10, "B" * 10, "C" * 10]


@pytest.mark.usefixtures("positioned_io")
def test_a_sequence_reads_in_order_and_by_index_as_often_as_asked() -> None:
    items = [("row", i) for i in range(StoredSequence.BATCH * 3 + 5)]
    stored: StoredSequence[tuple[str, int]] = StoredSequence(PickleFile())
    stored.extend(items)
    assert len(stored) == len(items)
    assert list(stored) == items
    assert list(stored) == items  # a second reading
    assert [stored[i] for i in (0, 70, 63, 64, len(items) - 1, -1)] == [
        items[i] for i in (0, 70, 63, 64, len(items) - 1, -1)
    ]
    assert stored[60:70] == items[60:70]
    with pytest.raises(IndexError):
        stored[len(items)]


def test_a_sequence_keeps_one_batch_in_memory() -> None:
    stored: StoredSequence[int] = StoredSequence(PickleFile())
    stored.extend(range(1000))
    assert len(stored._pending) < StoredSequence.BATCH
    assert stored[500] == 500 and len(stored._loaded[1]) == StoredSequence.BATCH


def test_a_stored_value_may_hold_a_sequence_of_the_same_file() -> None:
    """A long table's rows inside a stored block: pickled as a reference to the file."""
    store = PickleFile()
    rows: StoredSequence[int] = StoredSequence(store)
    rows.extend(range(200))
    slot = store.put({"table": rows})
    assert list(store.get(slot)["table"]) == list(range(200))


def test_a_file_is_pickled_by_reference_and_only_where_it_is_open() -> None:
    store = PickleFile()
    data = pickle.dumps(store)
    assert pickle.loads(data) is store
    del storage._OPEN[store.key]  # as in a process that neither made it nor forked
    with pytest.raises(pickle.UnpicklingError, match="process that stored them"):
        pickle.loads(data)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_worker_reads_the_parent_file_but_does_not_write_it() -> None:
    store = PickleFile()
    slots = [store.put(i) for i in range(100)]
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: reads in an order that would move a shared offset
        try:
            values = [store.get(slot) for slot in reversed(slots)]
            try:
                store.put("x")
                refused = False
            except RuntimeError:
                refused = not store.writable
            os.write(writer, pickle.dumps((values, refused)))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as answer:
        values, refused = pickle.loads(answer.read())
    os.waitpid(pid, 0)
    assert values == list(range(99, -1, -1)) and refused
    assert [store.get(slot) for slot in slots] == list(range(100))  # the parent reads on
