"""Template markup becomes the document model; record text stays text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from briefings import markup as markup_module
from briefings.markup import (
    LONG_TABLE,
    MarkupError,
    parse_document,
    read_blocks,
    read_metadata,
)
from briefings.model import BulletList, Heading, LineBreak, Paragraph, Schedule, Span, Table
from briefings.storage import PickleFile, StoredSequence


def parse(body: str):  # type: ignore[no-untyped-def]
    return parse_document(f"<document>{body}</document>", lang="en")


def test_headings_paragraphs_and_emphasis() -> None:
    document = parse('<h1 anchor="a">Title</h1><p>one <b>two</b> <i>three</i><br/>four</p>')
    heading, paragraph = document.blocks
    assert heading == Heading(1, (Span("Title"),), "a")
    assert isinstance(paragraph, Paragraph)
    assert paragraph.content == (
        Span("one "),
        Span("two", bold=True),
        Span(" "),
        Span("three", italic=True),
        LineBreak(),
        Span("four"),
    )


def test_escaped_record_text_is_text() -> None:
    document = parse('<p><span src="f.yaml:1: title">R&amp;D &lt;b&gt;2024&lt;/b&gt;</span></p>')
    (paragraph,) = document.blocks
    assert paragraph.content == (Span("R&D <b>2024</b>", source="f.yaml:1: title"),)


def test_template_indentation_collapses_like_html() -> None:
    document = parse("<p>\n   several\n   words   here\n</p><p>中文 \n 文字</p>")
    assert document.text() == "several words here\n中文文字"


def test_tables_lists_and_metadata() -> None:
    document = parse(
        "<meta><title>T</title><page-label>Page {page} of {pages}</page-label></meta>"
        '<table widths="1 2"><tr header="1"><td>A</td><td>B</td></tr>'
        "<tr><td>a</td><td><ul><li>x</li></ul></td></tr></table>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert document.meta.title == "T" and document.meta.page_label == "Page {page} of {pages}"
    table, bullets = document.blocks
    assert isinstance(table, Table) and table.widths == (1.0, 2.0)
    assert isinstance(table.rows[0][1].blocks[0], BulletList)
    assert bullets == BulletList(((Span("one"),), (Span("two"),)))


@pytest.mark.parametrize(
    "body",
    [
        "<script>x</script>",
        "<p><img/></p>",
        '<table widths="1 2"><tr><td>a</td></tr></table>',
        '<schedule columns="seven"></schedule>',
    ],
)
def test_markup_outside_the_vocabulary_is_an_error(body: str) -> None:
    with pytest.raises(MarkupError):
        parse(body)


def test_the_model_dumps_as_json() -> None:
    document = parse("<h1>T</h1>")
    assert '"type": "Heading"' in document.to_json()


def test_a_schedule_may_be_wider_than_its_days() -> None:
    day = '<day><title>Tue</title><event start="09:30" end="11:00">Talks</event></day>'
    (short,) = parse(f'<schedule columns="7">{day}</schedule>').blocks
    (plain,) = parse(f"<schedule>{day}</schedule>").blocks
    assert isinstance(short, Schedule) and isinstance(plain, Schedule)
    assert (short.width_in_days, plain.width_in_days) == (7, 1)
    assert short.days[0].events[0].start == 9 * 60 + 30


# -- long documents, read as they are rendered -----------------------------------------

STREAMED = (
    "<document><meta><title>Report</title></meta><h1 anchor='a'>Itinerary</h1>"
    "<p>Text <b>bold</b> <span src='m.yaml:3:1: title.en'>record</span></p>"
    "<table widths='1 1'><tr header='1'><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr>"
    "</table><ul><li>one</li><li>two</li></ul></document>"
)


def pieces(text: str, size: int) -> Iterator[str]:
    return (text[i : i + size] for i in range(0, len(text), size))


@pytest.mark.parametrize("size", [1, 7, 10_000])
def test_blocks_read_in_pieces_are_the_blocks_of_the_whole(size: int) -> None:
    whole = parse_document(STREAMED, lang="en")
    assert tuple(read_blocks(pieces(STREAMED, size))) == whole.blocks
    assert read_metadata(pieces(STREAMED, size), lang="en") == whole.meta


PAGE_OF_TEXT = "<p>" + "words " * 20_000 + "</p>"  # more than the parser is fed at once


def test_the_metadata_is_read_without_rendering_the_rest() -> None:
    def rendering() -> Iterator[str]:
        yield "<document><meta><title>Report</title></meta>"
        yield PAGE_OF_TEXT
        raise AssertionError("the rest of the document was rendered")

    assert read_metadata(rendering(), lang="en").title == "Report"


def test_a_block_is_made_before_the_rest_is_rendered() -> None:
    def rendering() -> Iterator[str]:
        yield "<document><meta><title>R</title></meta><p>first</p>"
        yield PAGE_OF_TEXT
        raise AssertionError("the rest of the document was rendered")

    assert next(read_blocks(rendering())) == Paragraph((Span("first"),))


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<document><p>a</p><meta><title>T</title></meta></document>", "must come first"),
        ("<document><p>a</document>", "malformed markup"),
        ("<report><p>a</p></report>", "must produce <document>"),
        ("", "malformed markup"),
    ],
)
def test_a_streamed_document_reports_bad_markup(markup: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        list(read_blocks(pieces(markup, 5)))


def long_table(rows: int) -> str:
    body = "".join(f"<tr><td>{i}</td><td><b>row</b> {i}</td></tr>" for i in range(rows))
    return (
        "<document><meta><title>T</title></meta><table widths='1 2'>"
        f"<tr header='1'><td>No.</td><td>Row</td></tr>{body}</table><p>after</p></document>"
    )


def test_a_long_tables_rows_go_to_the_store_and_read_back_the_same() -> None:
    markup = long_table(LONG_TABLE * 3)
    held = parse_document(markup, lang="en").blocks
    stored = tuple(read_blocks(pieces(markup, 100), PickleFile()))
    table, held_table = stored[0], held[0]
    assert isinstance(table, Table) and isinstance(held_table, Table)
    assert isinstance(table.rows, StoredSequence) and isinstance(held_table.rows, tuple)
    assert table.header == held_table.header and tuple(table.rows) == held_table.rows
    assert stored[1:] == held[1:]


def test_a_short_table_keeps_its_rows_even_with_a_store() -> None:
    (table, _) = tuple(read_blocks([long_table(LONG_TABLE)], PickleFile()))
    assert isinstance(table, Table) and isinstance(table.rows, tuple)


def test_a_long_table_is_never_one_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row is read and let go of as it ends: the table element stays empty."""
    children: list[int] = []
    real_table = markup_module._table

    def table(element: ET.Element, rows: Any) -> Table:
        children.append(len(element))
        return real_table(element, rows)

    monkeypatch.setattr(markup_module, "_table", table)
    (block, _) = read_blocks(pieces(long_table(1000), 1000), PickleFile())
    assert children == [0] and isinstance(block, Table) and len(block.rows) == 1000


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        (
            "<document><table widths='1 1'><tr><td>a</td></tr></table></document>",
            "does not have 2 cells",
        ),
        ("<document><table><tr><td>a</td></tr><p>b</p></table></document>", "expected <tr>"),
    ],
)
def test_bad_tables_are_reported_when_read_as_they_come(markup: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        list(read_blocks(pieces(markup, 3), PickleFile()))


def test_an_empty_header_row_is_no_header() -> None:
    markup = "<table widths='1 1'><tr header='1'></tr><tr><td>a</td><td>b</td></tr></table>"
    (table,) = parse_document(f"<document>{markup}</document>", lang="en").blocks
    assert isinstance(table, Table) and table.header == () and len(table.rows) == 1
