"""The side-by-side edition: blocks narrowed for half a page, once."""

from __future__ import annotations

from briefings.model import Cell, Document, Metadata, Paragraph, Parallel, Span, Table
from briefings.render.bilingual import FIELDS_LABEL, parallel_document


def _cell(text: str) -> Cell:
    return Cell((Paragraph((Span(text),)),))


def _fields(label: str, value: str) -> Table:
    return Table((1.0, 3.0), (), ((_cell(label), _cell(value)),), style="fields")


def test_a_fields_table_beside_other_text_gets_its_label_column_widened_once() -> None:
    left = Document(Metadata(title="T", lang="en"), (_fields("Interpreter", "Ms ZHAO Min"),))
    right = Document(Metadata(title="T", lang="zh"), (Paragraph((Span("翻译"),)),))
    (row,) = parallel_document(left, right).blocks
    assert isinstance(row, Parallel)
    (table,) = row.left
    assert isinstance(table, Table)
    assert table.widths == (4.0 * FIELDS_LABEL, 3.0)


def test_names_to_keep_together_are_listed_once() -> None:
    names = ("布鲁塞尔", "Brussels")
    left = Document(Metadata(title="T", lang="en", keep_together=names), ())
    right = Document(Metadata(title="T", lang="zh", keep_together=names), ())
    assert parallel_document(left, right).meta.keep_together == names
