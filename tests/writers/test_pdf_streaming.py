"""A long PDF is laid out and drawn as a stream: each page is finished and compressed
as it ends, and a block's flowables exist only while the pages take them, so writing
a report of a thousand meetings does not hold all of it at once."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from briefings.writers.pdf import builder
from briefings.writers.pdf import canvas as pdf_canvas
from briefings.writers.pdf.flowables import TextBlock
from tests.writers.test_pdf_layout import render, table

SECTIONS = "".join(
    f"<h1>Meeting number {i}</h1><p>Notes {i}.</p><ul><li>A</li></ul>" for i in range(80)
)
LONG_REPORT = f"<toc>Contents</toc><pagebreak/>{SECTIONS}{table(200)}"


@pytest.fixture(autouse=True)
def long_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents here count as long: each pass makes its own story."""
    monkeypatch.setattr(builder, "HELD_BLOCKS", 1)


def test_pages_are_finished_and_compressed_as_they_end(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[int] = []
    compressed: list[bool] = []
    show_page = pdf_canvas._CompressingCanvas.showPage

    def watching(self: Any) -> None:
        held.append(len(getattr(self, "_page_states", [])))
        show_page(self)
        compressed.append(self._doc.Pages.pages[-1].stream is None)

    monkeypatch.setattr(pdf_canvas._CompressingCanvas, "showPage", watching)
    pages = render(LONG_REPORT)
    assert len(pages) > 10
    assert "Meeting number 79" in "".join(pages)
    assert len(held) == len(pages)  # the drawing pass; drafts never add pages
    assert max(held) == 0, "pages are held until the end"
    assert all(compressed), "a page keeps its drawing operators as text"


def test_flowables_exist_only_while_the_pages_take_them(monkeypatch: pytest.MonkeyPatch) -> None:
    alive: list[int] = []

    def counting(show_page: Any) -> Any:
        def show(self: Canvas) -> None:
            gc.collect()
            alive.append(sum(isinstance(o, TextBlock) for o in gc.get_objects()))
            show_page(self)

        return show

    for canvas in (pdf_canvas.DraftCanvas, pdf_canvas._CompressingCanvas):
        monkeypatch.setattr(canvas, "showPage", counting(canvas.showPage))
    # 80 headings, paragraphs and list items are 240 text blocks, and the contents
    # 80 more; at the end of each page of each pass only those of the contents and
    # a few more exist. (A table is one flowable: its rows exist while it does.)
    pages = render(f"<toc>Contents</toc><pagebreak/>{SECTIONS}")
    assert len(alive) >= 2 * len(pages)  # a draft pass and the drawing pass
    assert max(alive) < 120, alive


def test_a_long_table_keeps_no_earlier_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab notes every piece of a split table that it moves to the next page,
    to reset after the pass; those notes must not keep the pieces."""
    alive: list[int] = []
    show_page = pdf_canvas.DraftCanvas.showPage

    def counting(self: Canvas) -> None:
        gc.collect()
        alive.append(sum(isinstance(o, Table) for o in gc.get_objects()))
        show_page(self)

    monkeypatch.setattr(pdf_canvas.DraftCanvas, "showPage", counting)
    pages = render(f"<toc>Contents</toc>{table(400)}")
    assert len(pages) > 8
    assert max(alive) <= 3, alive


def test_a_short_document_makes_its_flowables_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Up to ``HELD_BLOCKS`` the passes share one story, laid out once."""
    made: list[int] = []
    flowables = builder._PdfBuilder.flowables

    def counting(self: builder._PdfBuilder, *args: Any) -> Any:
        made.append(1)
        return flowables(self, *args)

    monkeypatch.setattr(builder._PdfBuilder, "flowables", counting)
    counts = []
    for held in (1, 1000):
        monkeypatch.setattr(builder, "HELD_BLOCKS", held)
        made.clear()
        render(f"<toc>Contents</toc><pagebreak/>{SECTIONS}")
        counts.append(len(made))
    streamed, shared = counts
    assert shared == 2 + 3 * 80, shared  # the contents, a page break, three a section
    assert streamed == 3 * shared  # the contents' entries, a draft pass, the last pass
