"""Template markup becomes the document model; record text stays text."""

from __future__ import annotations

import pytest

from briefings.model import BulletList, Heading, LineBreak, Paragraph, Schedule, Span, Table
from briefings.render.markup import MarkupError, parse_document


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
    document = parse('<p><span src="3">R&amp;D &lt;b&gt;2024&lt;/b&gt;</span></p>')
    (paragraph,) = document.blocks
    assert paragraph.content == (Span("R&D <b>2024</b>", source=3),)


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


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<document><p>a</document>", "malformed markup"),
        ("<report><p>a</p></report>", "must produce <document>"),
        ("", "malformed markup"),
        (
            "<document><table widths='1 1'><tr><td>a</td></tr></table></document>",
            "does not have 2 cells",
        ),
        ("<document><table><tr><td>a</td></tr><p>b</p></table></document>", "expected <tr>"),
    ],
)
def test_bad_markup_and_bad_tables_are_reported(markup: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        parse_document(markup, lang="en")


def test_an_empty_header_row_is_no_header() -> None:
    markup = "<table widths='1 1'><tr header='1'></tr><tr><td>a</td><td>b</td></tr></table>"
    (table,) = parse_document(f"<document>{markup}</document>", lang="en").blocks
    assert isinstance(table, Table) and table.header == () and len(table.rows) == 1
