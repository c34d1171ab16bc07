"""Long tables, made into reportlab tables a page at a time.

A reportlab ``Table`` lays out every cell when it is first measured, and each split
copies the rows left. A table of a thousand rows (a long visit's itinerary) would be
thousands of laid-out cells at once, copied page after page. ``TableRows`` holds only
the model's rows and, when a page asks, makes a ``Table`` of a few more rows than the
page holds; reportlab splits it where it would have split the whole table, the page
takes the first part, and the rows after it wait as another ``TableRows``. The pages
are those of one table (tests compare them rendered), except around a row taller than
a page, which reportlab splits inside the row: the rows after it start a new table,
without a second header, so a rule or stripe there may differ.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Table

LONG = 100
"""Tables of more rows than this are made a page at a time."""
_MARGIN = 4
"""Rows made beyond those the last page held (pages differ a little); those the page
does not take wait, laid out, for the next."""

Cells = list[list[Flowable]]
"""One row: the flowables of each cell."""

MakeRow = Callable[[int], Cells]
"""``cells(index)``: the cells of data row ``index``."""

MakeTable = Callable[[list[Cells], int, bool], Table]
"""``make(rows, start, header)``: the table of ``rows`` (data rows from ``start``), with
the header row on top if ``header`` (and the table has one)."""


class TableRows(Flowable):  # type: ignore[misc]
    """The data rows ``start`` onwards of a long table, its header on each page."""

    def __init__(
        self,
        cells: MakeRow,
        make: MakeTable,
        rows: int,
        start: int = 0,
        *,
        header: bool = True,
        size: int = 40,
        ready: dict[int, Cells] | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        source: str | None = None,
    ) -> None:
        super().__init__()
        self.cells, self.make = cells, make
        self.rows, self.start, self.header = rows, start, header
        self.size = size
        """Rows to make for the next page: a guess, doubled until the page is full."""
        self.ready = ready or {}
        """Rows made (and laid out) for the page before that it did not take."""
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.source = source
        """The record field of the table's first text, for messages."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Never placed itself: always too tall, so that the page splits it into the
        # tables it can hold.
        self.width, self.height = avail_width, float("inf")
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table, stop = self._chunk(avail_width, avail_height)
        if stop == self.rows and table.wrap(avail_width, avail_height)[1] <= avail_height:
            return [table]  # the rest fits
        parts: list[Table] = table.split(avail_width, avail_height)
        if stop == self.rows or len(parts) != 2:
            return list(parts)  # the last chunk, or no row fits here: reportlab's pieces
        first, rest = parts
        placed = _data_rows(first)
        if placed + _data_rows(rest) > stop - self.start:
            # A row split across the page: its rest (and the chunk's) is reportlab's,
            # and the rows after it follow on that page, without a second header.
            return [first, rest, self._after(stop, placed, header=False)]
        return [first, self._after(self.start + placed, placed)]

    def _chunk(self, avail_width: float, avail_height: float) -> tuple[Table, int]:
        """A table of the next rows, more than ``avail_height`` holds (or all that
        are left), and where its rows stop."""
        size = self.size
        while True:
            stop = min(self.start + size, self.rows)
            for index in range(self.start, stop):
                if index not in self.ready:
                    self.ready[index] = self.cells(index)
            rows = [self.ready[index] for index in range(self.start, stop)]
            table = self.make(rows, self.start, self.header)
            table.spaceBefore = self.spaceBefore
            table.spaceAfter = self.spaceAfter if stop == self.rows else 0
            if stop == self.rows or table.wrap(avail_width, avail_height)[1] > avail_height:
                return table, stop
            size *= 2  # the page holds more: take more

    def _after(self, start: int, placed: int, *, header: bool = True) -> TableRows:
        return TableRows(
            self.cells,
            self.make,
            self.rows,
            start,
            header=header,
            size=placed + _MARGIN,  # the next page holds about as many
            ready={index: row for index, row in self.ready.items() if index >= start},
            space_after=self.spaceAfter,
            source=self.source,
        )


def _data_rows(table: Table) -> int:
    repeated = table.repeatRows
    return len(table._cellvalues) - (repeated if isinstance(repeated, int) else len(repeated))
