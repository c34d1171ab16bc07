"""The rows of a bilingual edition in Word: each English block beside its Chinese one.

Consecutive rows form one borderless two-column table. A table, which the bilingual
model splits row by row so that each row faces its translation, is written instead as
one table holding both languages' columns side by side: Word keeps each row's two
halves level, and the table reads as one, not as a stack of one-row tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docx.shared import Mm
from docx.table import Table as DocxTable

from briefings import model
from briefings.theme import Theme
from briefings.writers.docx.ooxml import (
    _border,
    _drop_leading_empty,
    _mark_language,
    _repeat_header,
    _set_column_widths,
    column_widths,
)


class _ParallelRows:
    """Mixed into the block writer, whose blocks, cells and tables it uses."""

    theme: Theme
    target: Any
    width: int | None
    _parallel: DocxTable | None
    _side_by_side: tuple[DocxTable, tuple[object, ...]] | None

    def parallel(self, row: model.Parallel) -> None:
        """One row of a bilingual edition."""
        pair = _table_row_pair(row)
        if pair is None:
            self._side_by_side = None
            self.parallel_blocks(row.left, row.right, row.langs)
            return
        (lead_left, left), (lead_right, right) = pair
        if lead_left or lead_right:  # the heading that rides with the table's first row
            self._side_by_side = None
            self.parallel_blocks(lead_left, lead_right, row.langs)
        self.side_by_side(left, right, row.langs)

    def parallel_blocks(
        self, left: tuple[model.Block, ...], right: tuple[model.Block, ...], langs: tuple[str, str]
    ) -> None:
        """Blocks side by side, in a row of a borderless two-column table."""
        if self._parallel is None:
            self._parallel = self.add_table(0, 2, grid=False)
            _set_column_widths(self._parallel, [self.layout_width() // 2] * 2)
        cells = self._parallel.add_row().cells  # type: ignore[no-untyped-call]
        saved = (self.target, self.width, self._parallel)
        half = self.layout_width() // 2
        for cell, blocks, lang in ((cells[0], left, langs[0]), (cells[1], right, langs[1])):
            cell.width = half
            # Cell margins take about 2 mm on each side of the column.
            self.target, self.width, self._parallel = cell, half - int(Mm(4)), None
            for block in blocks:
                self.block(block)
            _drop_leading_empty(cell)
            if lang.startswith("zh"):
                _mark_language(cell, lang)
        self.target, self.width, self._parallel = saved
        _border(cells[1], "left", self.theme.rule, 4, 0, cell=True)

    def side_by_side(self, left: model.Table, right: model.Table, langs: tuple[str, str]) -> None:
        """A row of a table and the same row of its translation, as one row of a table
        with the columns of both (continuing the table of the rows before it)."""
        half = self.layout_width() // 2
        shape = (left.widths, right.widths, left.style, right.style)
        if self._side_by_side is None or self._side_by_side[1] != shape:
            self._parallel = None  # the bilingual rows after this table start their own
            table = self.add_table(0, len(left.widths) + len(right.widths))
            _set_column_widths(table, column_widths(left, half) + column_widths(right, half))
            self._side_by_side = (table, shape)
            self.spacer(tiny=False)
        table = self._side_by_side[0]
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        is_header = bool(left.header)
        split = len(left.widths)
        for side, docx_cells, lang in (
            (left, cells[:split], langs[0]),
            (right, cells[split:], langs[1]),
        ):
            self.table_row(docx_cells, side.header or side.rows[0], side, half, is_header=is_header)
            if lang.startswith("zh"):
                for cell in docx_cells:
                    _mark_language(cell, lang)
        _border(cells[split], "left", self.theme.rule, 12, 0, cell=True)
        if is_header:
            _repeat_header(table, len(table.rows) - 1)

    if TYPE_CHECKING:  # provided by the block writer

        def block(self, block: model.Block) -> None: ...
        def layout_width(self) -> int: ...
        def paragraph(self, style: str) -> Any: ...
        def spacer(self, *, tiny: bool) -> None: ...
        def add_table(self, rows: int, cols: int, *, grid: bool = True) -> DocxTable: ...
        def table_row(
            self,
            docx_cells: Sequence[Any],
            row: tuple[model.Cell, ...],
            table: model.Table,
            width: int,
            *,
            is_header: bool,
        ) -> None: ...


def _table_row_pair(
    row: model.Parallel,
) -> (
    tuple[tuple[tuple[model.Block, ...], model.Table], tuple[tuple[model.Block, ...], model.Table]]
    | None
):
    """If both sides of ``row`` end with one row of a table (after a heading, maybe):
    what comes before it and the table, on each side."""
    if not row.left or not row.right:
        return None
    left, right = row.left[-1], row.right[-1]
    if not (_one_row(left) and _one_row(right)):
        return None
    assert isinstance(left, model.Table) and isinstance(right, model.Table)
    if bool(left.header) != bool(right.header):
        return None
    return (row.left[:-1], left), (row.right[:-1], right)


def _one_row(block: model.Block) -> bool:
    return isinstance(block, model.Table) and len(block.rows) + bool(block.header) == 1
