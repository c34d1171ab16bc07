"""Layout limits of the PDF writer: long tables, long contents lists, and blocks taller
than a page split across pages; what cannot be laid out is our ``LayoutError`` naming
the record text (the build turns it into file, line and field), never reportlab's."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from briefings.fonts import shipped_fontset
from briefings.render.bilingual import parallel_document
from briefings.render.markup import parse_document
from briefings.theme import Theme
from briefings.writers import LayoutError, pdf
from briefings.writers.pdf import PdfWriter
from tests.helpers import squash

SOURCE = 7  # the number of a record text, as the render layer writes it
FOOTER = re.compile(r"\s*\d+ / \d+\s*$")


def render(body: str, lang: str = "en") -> list[str]:
    """Write ``body`` (template markup) as a PDF and return the text of each page,
    without the page number of the footer (so text runs on from page to page)."""
    markup = f"<document><meta><title>Test</title></meta>{body}</document>"
    document = parse_document(markup, lang=lang)
    data = PdfWriter(shipped_fontset(lang), Theme()).write(document)
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return [FOOTER.sub("", page) for page in pages]


def table(rows: int) -> str:
    body = "".join(f"<tr><td>Organisation {i}</td><td>Belgium</td></tr>" for i in range(rows))
    return f'<table widths="3 1"><tr header="1"><td>Name</td><td>Country</td></tr>{body}</table>'


def test_a_long_table_repeats_its_header_on_every_page() -> None:
    pages = render(table(300))
    assert len(pages) >= 5
    for page in pages:
        assert "Name" in page and "Country" in page
    text = squash("".join(pages))
    assert all(squash(f"Organisation {i}Belgium") in text for i in (0, 150, 299))


def test_a_long_contents_list_continues_on_the_next_page() -> None:
    headings = "".join(f"<h1>Meeting number {i}</h1><p>Notes {i}.</p>" for i in range(150))
    pages = render(f"<toc>Contents</toc><pagebreak/>{headings}")
    contents = [p for p in pages if "Meeting number 149" in p and ". ." in p]
    assert contents, "the last entry of the contents list is missing"
    # the list itself needs more than one page, before the headings begin
    assert "Contents" in pages[0] and "Meeting number 0" in pages[0]
    assert ". ." in pages[1]


def test_a_paragraph_longer_than_a_page_is_split_across_pages() -> None:
    sentence = "A long background sentence with several words. "
    pages = render(f'<p><span src="{SOURCE}">{sentence * 600}</span></p>')
    assert len(pages) >= 4
    assert squash("".join(pages)).count(squash(sentence)) == 600


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_heading_taller_than_a_page_is_split_too(lang: str) -> None:
    title = "Title " * 2000 if lang == "en" else "标题" * 3000
    pages = render(f"<h1>{title}</h1><p>After.</p>", lang)
    assert len(pages) >= 2
    assert squash(title) in squash("".join(pages))


def test_one_table_cell_taller_than_a_page_is_split_across_pages() -> None:
    action = "Follow up on the long action. " * 500
    body = f"<tr><td>{action}</td><td>Owner</td></tr><tr><td>Next</td><td>Other</td></tr>"
    pages = render(
        f'<table widths="3 1"><tr header="1"><td>Action</td><td>By</td></tr>{body}</table>'
    )
    assert len(pages) >= 3
    assert all(page.startswith("Action By") for page in pages)  # the header row repeats
    # The other cells' text comes between the lines of the long one: leave it out.
    words = [w for w in " ".join(pages).split() if w not in {"Action", "By", "Owner"}]
    assert squash(action) in "".join(words)


def test_a_word_longer_than_a_line_is_broken_not_lost() -> None:
    word = "X" * 5000
    assert squash(word) in squash("".join(render(f"<p>{word}</p>")))


def test_what_cannot_be_laid_out_is_an_input_error_naming_the_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Our blocks always split; make them refuse, as a future block type might.
    monkeypatch.setattr(pdf.TextBlock, "split", lambda self, w, h: [])
    with pytest.raises(LayoutError) as caught:
        render(f'<p>Before.</p><p><span src="{SOURCE}">{"word " * 6000}</span></p>')
    assert caught.value.source == SOURCE
    assert "cannot be laid out" in caught.value.message


def test_a_blocked_table_cell_names_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf.TextBlock, "split", lambda self, w, h: [])
    cell = f'<span src="{SOURCE}">{"word " * 6000}</span>'
    with pytest.raises(LayoutError) as caught:
        render(f'<table widths="1"><tr><td>{cell}</td></tr></table>')
    assert caught.value.source == SOURCE


def test_the_frame_height_matches_the_page() -> None:
    theme = Theme()
    writer = PdfWriter(shipped_fontset("en"), theme)
    page_mm = theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
    assert writer.frame_height == pytest.approx(page_mm * 72 / 25.4)


def test_the_contents_take_two_passes_and_only_the_last_one_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.platypus import BaseDocTemplate

    from briefings.writers.pdf.canvas import drawing

    passes: list[int] = []
    drawn: list[bool] = []
    multi_build, draw = BaseDocTemplate.multiBuild, pdf.TextBlock.draw

    def counting_build(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        passes.append(multi_build(self, *args, **kwargs))
        return passes[-1]

    def recording_draw(self):  # type: ignore[no-untyped-def]
        drawn.append(drawing(self.canv))
        draw(self)

    monkeypatch.setattr(BaseDocTemplate, "multiBuild", counting_build)
    monkeypatch.setattr(pdf.TextBlock, "draw", recording_draw)
    sections = "".join(
        f'<h1 anchor="s{i}">Section {i}</h1><p>{"Text of the section. " * 150}</p>'
        for i in range(12)
    )
    pages = render(f"<toc>Contents</toc><pagebreak/>{sections}")
    assert passes == [2]  # the contents filled in ahead: no pass just to measure them
    assert drawn.count(True) < len(drawn)  # the first pass laid out, it did not draw
    assert "Section 11" in pages[0] and len(pages) > 12
    # (the page numbers against the bookmarks: tests/test_documents.py)


def render_bilingual(english: str, chinese: str) -> list[str]:
    """Write an en+zh edition of a heading and one paragraph in each language; the text
    of each page, without the footer."""
    return render_pair(f"<h1>Background</h1><p>{english}</p>", f"<h1>背景</h1><p>{chinese}</p>")


def render_pair(english: str, chinese: str) -> list[str]:
    """Write an en+zh edition of two bodies of markup; the text of each page."""
    documents = [
        parse_document(f"<document><meta><title>Test</title></meta>{body}</document>", lang=lang)
        for lang, body in (("en", english), ("zh", chinese))
    ]
    data = PdfWriter(shipped_fontset("en+zh"), Theme()).write(parallel_document(*documents))
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return [FOOTER.sub("", page) for page in pages]


def test_a_long_paragraph_of_a_bilingual_edition_splits_across_pages() -> None:
    english, chinese = "A long background sentence. " * 3600, "一个很长的背景句子。" * 3600
    assert len(english) > 100_000
    pages = render_bilingual(english, chinese)
    assert len(pages) > 30
    # Each page holds the next part of the English column, then of the Chinese one.
    text = "".join(pages)
    assert squash(re.sub(r"[^\x00-\x7f]", "", text)) == squash("Background" + english)
    assert squash(re.sub(r"[\x00-\x7f]", "", text)) == squash("背景" + chinese)


@pytest.mark.parametrize("fillers", range(42, 50))
def test_a_bilingual_table_header_row_is_never_alone_at_the_foot_of_a_page(fillers: int) -> None:
    rows = "".join(f"<tr><td>Row {i}</td><td>Value {i}</td></tr>" for i in range(3))
    table = f'<table widths="1 1"><tr header="1"><td>Name</td><td>Value</td></tr>{rows}</table>'
    filler = "<p>A line of filler text.</p>" * fillers
    pages = render_pair(filler + table, filler + table.replace("Name", "名称"))
    (page,) = [page for page in pages if "Name" in page]
    assert "Row 0" in page
