"""A long table is made a page at a time (``TableRows``) and prints as the same pages
as one reportlab table: the same text in the same places, the same pixels where
poppler can render them, with only a page's rows laid out at once."""

from __future__ import annotations

import gc
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from briefings.fonts import shipped_fontset
from briefings.render.markup import parse_document
from briefings.theme import Theme
from briefings.writers.pdf import canvas as pdf_canvas
from briefings.writers.pdf import rows, write_pdf
from briefings.writers.pdf.flowables import TextBlock

TEXT_AT = re.compile(rb"[\d.]+ [\d.]+ Tm")


def long_table(style: str = "grid") -> str:
    body = "".join(
        f"<tr><td>Organisation {i}</td><td>{'a longer note ' * (i % 6)}</td></tr>"
        for i in range(260)
    )
    header = '<tr header="1"><td>Name</td><td>Note</td></tr>' if style == "grid" else ""
    return f'<p>Before</p><table widths="2 3" style="{style}">{header}{body}</table><p>After</p>'


def write(body: str) -> bytes:
    markup = f"<document><meta><title>T</title></meta>{body}</document>"
    return write_pdf(parse_document(markup, lang="en"), shipped_fontset("en"), Theme())


def pages(data: bytes) -> list[tuple[str, list[bytes]]]:
    """Each page's text, and where each line of it is drawn."""
    reader = PdfReader(io.BytesIO(data))
    return [
        (page.extract_text(), TEXT_AT.findall(page.get_contents().get_data()))
        for page in reader.pages
    ]


@pytest.fixture(params=["grid", "fields"])
def both_ways(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The same long table written as one reportlab table, then a page at a time."""
    monkeypatch.setattr(rows, "LONG", 10_000)
    whole = write(long_table(request.param))
    monkeypatch.setattr(rows, "LONG", 100)
    return [whole, write(long_table(request.param))]


def test_a_long_table_prints_the_pages_of_one_table(both_ways: list[bytes]) -> None:
    whole, by_page = both_ways
    assert len(pages(whole)) > 5
    assert pages(by_page) == pages(whole)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_a_long_table_renders_to_the_same_pixels(both_ways: list[bytes], tmp_path: Path) -> None:
    images = []
    for name, data in zip(("whole", "by_page"), both_ways, strict=True):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", tmp_path / f"{name}.pdf", tmp_path / name],
            check=True,
        )
        images.append(sorted(tmp_path.glob(f"{name}-*.png")))
    assert len(images[0]) == len(images[1]) > 5
    for one, other in zip(*images, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_a_row_taller_than_a_page_in_a_long_table_still_prints() -> None:
    body = "".join(
        f"<tr><td>Row {i}</td><td>{'word ' * (900 if i == 150 else 3)}</td></tr>"
        for i in range(200)
    )
    data = write(f'<table widths="1 3"><tr header="1"><td>A</td><td>B</td></tr>{body}</table>')
    text = "".join(text for text, _ in pages(data))
    assert all(f"Row {i}" in text for i in (0, 149, 150, 151, 199))


def test_only_a_page_of_a_long_table_is_laid_out_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    alive: list[int] = []
    show_page = pdf_canvas._CompressingCanvas.showPage

    def counting(self: Canvas) -> Any:
        gc.collect()
        alive.append(sum(isinstance(o, TextBlock) for o in gc.get_objects()))
        return show_page(self)

    monkeypatch.setattr(pdf_canvas._CompressingCanvas, "showPage", counting)
    write(long_table())  # 260 rows of two cells: over 500 text blocks
    assert len(alive) > 5
    assert max(alive) < 200, alive
