"""The HTML edition, read back with an HTML parser: every block of the model becomes
its element, record text stays text, every change of language is marked, and the
contents link to the headings."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import html as lxml_html

from briefings import model
from briefings.model import (
    BulletList,
    Cell,
    Cover,
    Document,
    Heading,
    LineBreak,
    Metadata,
    PageBreak,
    Paragraph,
    Parallel,
    Schedule,
    ScheduleDay,
    ScheduleEvent,
    Span,
    Table,
    TableOfContents,
)
from briefings.theme import Theme
from briefings.writers.html import HtmlWriter, IndexEntry, write_index
from tests.browser.example import LANGUAGES, example_documents

HAN = re.compile("[\u4e00-\u9fff]")


def page(document: Document, theme: Theme | None = None) -> lxml_html.HtmlElement:
    """``document`` written as HTML and parsed back."""
    return lxml_html.document_fromstring(HtmlWriter(theme or Theme()).write(document))


def cell(text: str) -> Cell:
    return Cell((Paragraph((Span(text),)),))


def meta(**changes: str) -> Metadata:
    base = Metadata(
        title="A visit",
        lang="en-GB",
        subject="Visit report",
        header="Visit to Brussels",
        marking="Internal",
        footer_note="Generated 1 November 2024",
        created="2024-11-01T00:00:00+00:00",
    )
    return replace(base, **changes)


def every_block() -> Document:
    """A document with one block of every kind, a bilingual row of text and one of a
    table among them."""
    follow_up = Table(
        (3, 1, 1),
        (cell("Action"), cell("Owner"), cell("Due")),
        ((cell("Send the minutes"), cell("NDRC"), cell("1 Nov")),),
    )
    fields = Table((1, 3), (), ((cell("Venue"), cell("Town hall")),), style="fields")
    schedule = Schedule(
        (
            ScheduleDay(
                (Span("Wed 23 Oct"), LineBreak(), Span("Brussels")),
                (
                    ScheduleEvent(14 * 60 + 30, 16 * 60, (Span("Second meeting"),)),
                    ScheduleEvent(9 * 60, 10 * 60, (Span("First meeting"),)),
                ),
            ),
        )
    )
    zh = ("en-GB", "zh-CN")
    blocks: tuple[model.Block, ...] = (
        Cover(
            (Span("Visit report"),),
            (Span("A visit"),),
            (Span("Internal"),),
            (((Span("Dates"),), (Span("22–27 October 2024"),)),),
        ),
        Heading(1, (Span("Visit at a glance"),), anchor="at-a-glance"),
        schedule,
        PageBreak(),
        TableOfContents((Span("Contents"),)),
        Heading(1, (Span("Summary"),), anchor="summary"),
        Paragraph(
            (Span("Plain, "), Span("bold", bold=True), Span(" and "), Span("it", italic=True))
        ),
        Paragraph((Span("A note"),), style="note"),
        BulletList(((Span("First point"),), (Span("Second point"),))),
        Heading(2, (Span("Follow-up"),)),
        follow_up,
        Heading(3, (Span("Venue"),)),
        fields,
        Parallel(
            (Heading(1, (Span("Outcomes"),), anchor="outcomes"), Paragraph((Span("Agreed"),))),
            (Heading(1, (Span("成果"),)), Paragraph((Span("达成一致"),))),
            zh,
        ),
        Parallel((replace(follow_up, rows=()),), (replace(follow_up, rows=()),), zh),
        Parallel((replace(follow_up, header=()),), (replace(follow_up, header=()),), zh),
    )
    return Document(meta(), blocks)


def test_every_block_type_becomes_its_element() -> None:
    root = page(every_block())
    assert root.get("lang") == "en-GB"
    assert root.find(".//title").text == "A visit"
    assert root.xpath("//meta[@name='viewport']/@content") == [
        "width=device-width, initial-scale=1"
    ]
    assert root.xpath("string(//header)") == "Visit to BrusselsInternal"
    assert root.xpath("string(//footer)") == "Generated 1 November 2024"
    cover = root.find_class("cover")[0]
    assert cover.xpath("string(.//p[@class='title'])") == "A visit"
    assert [dt.text_content() for dt in cover.iter("dt")] == ["Dates"]
    assert [dd.text_content() for dd in cover.iter("dd")] == ["22–27 October 2024"]
    assert [h.text_content() for h in root.iter("h1", "h2", "h3")] == [
        "Visit at a glance",
        "Contents",
        "Summary",
        "Follow-up",
        "Venue",
        "Outcomes",
        "成果",
    ]
    assert [h.tag for h in root.iter("h1", "h2", "h3")][3:5] == ["h2", "h3"]
    assert root.xpath("//p[strong='bold' and em='it']")
    assert root.xpath("//p[@class='note']/text()") == ["A note"]
    assert root.xpath("//main/ul/li/text()") == ["First point", "Second point"]
    day = root.find_class("day")[0]
    assert day.xpath(".//p[@class='day-title']/br")
    times = [t.text for t in day.find_class("time")]
    assert times == ["09:00–10:00", "14:30–16:00"]  # in order of time
    assert root.find_class("page-break")
    assert root.xpath("//nav//a/@href")


def test_tables_have_column_headers_and_labelled_cells() -> None:
    root = page(every_block())
    table = root.xpath("//main/table")[0]
    assert table.xpath(".//thead/tr/th/@scope") == ["col"] * 3
    assert table.xpath(".//tbody/tr/td/@data-label") == ["Action", "Owner", "Due"]
    assert "cards" in table.get("class")
    fields = root.xpath("//main/table")[1]
    assert fields.xpath(".//tbody/tr/th[@scope='row']/text()") == ["Venue"]
    assert "cards" not in fields.get("class")  # two columns fit a phone


def test_a_bilingual_table_is_one_table_with_both_languages_columns() -> None:
    root = page(every_block())
    table = root.xpath("//main/table")[-1]
    header = table.xpath(".//thead/tr/th")
    assert [th.get("lang") for th in header] == [None] * 3 + ["zh-CN"] * 3
    assert len(table.xpath(".//tbody/tr")) == 1
    assert len(table.xpath(".//tbody/tr/td")) == 6
    assert "other-language" in header[3].get("class")


def test_a_bilingual_row_marks_its_second_language() -> None:
    root = page(every_block())
    pair = root.find_class("pair")[0]
    sides = pair.find_class("side")
    assert [side.get("lang") for side in sides] == [None, "zh-CN"]
    assert sides[1].xpath("string(.//p)") == "达成一致"


HOSTILE = ('<script>alert("x")</script>', "{{ x }}", "Tom & Jerry", "\"'><img src=x>")


@pytest.mark.parametrize("text", HOSTILE)
def test_record_text_stays_text(text: str) -> None:
    span = (Span(text),)
    document = Document(
        meta(title=text, header=text, marking=text, subject=text, footer_note=text),
        (
            Cover(span, span, span, ((span, span),)),
            Heading(1, span, anchor=text),
            Paragraph(span),
            BulletList((span,)),
            Table((1, 1, 1), (cell(text),) * 3, ((cell(text),) * 3,)),
            Schedule((ScheduleDay(span, (ScheduleEvent(600, 660, span),)),)),
            TableOfContents(span),
            Parallel((Paragraph(span),), (Paragraph(span),)),
        ),
    )
    written = HtmlWriter(Theme()).write(document)
    root = lxml_html.document_fromstring(written)
    assert not root.xpath("//script | //img | //*[@onerror]")
    body_text = root.find("body").text_content()
    assert body_text.count(text) >= 12
    assert root.find(".//title").text == text
    assert b"<script" not in written


def test_a_hostile_anchor_becomes_a_safe_unique_id() -> None:
    document = Document(
        meta(),
        (
            TableOfContents((Span("Contents"),)),
            Heading(1, (Span("A"),), anchor='x" onclick="y'),
            Heading(1, (Span("B"),), anchor="x-onclick-y"),
            Heading(1, (Span("C"),), anchor="contents"),
            Heading(1, (Span("D"),)),
        ),
    )
    root = page(document)
    ids = root.xpath("//h1/@id")
    assert ids == ["contents", "x-onclick-y", "x-onclick-y-2", "contents-2", "section-4"]
    assert root.xpath("//nav//a/@href") == [f"#{i}" for i in ids[1:]]


def test_a_second_table_of_contents_gets_its_own_id() -> None:
    contents = TableOfContents((Span("Contents"),))
    document = Document(meta(), (contents, Heading(1, (Span("A"),)), contents))
    root = page(document)
    assert root.xpath("//h1/@id") == ["contents", "section-1", "contents-2"]
    assert root.xpath("//nav/@aria-labelledby") == ["contents", "contents-2"]


def test_the_contents_link_every_heading_of_the_report_once() -> None:
    report = example_documents("en")["visit-report"]
    root = page(report)
    links = root.xpath("//nav//a")
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    for link in links:
        target = link.get("href").removeprefix("#")
        heading = root.get_element_by_id(target)
        assert heading.tag in ("h1", "h2")
        assert heading.text_content() == link.text_content()
    meetings = [h.get("id") for h in root.xpath("//h2[@id]")]
    assert set(meetings) >= {"european-quarter", "dg-regio", "ekwb"}
    nested = root.xpath("//nav/ol/li/ol/li/a/@href")
    assert "#dg-regio" in nested


def test_bilingual_contents_list_both_languages_and_link_the_english_heading() -> None:
    root = page(example_documents("en+zh")["visit-report"])
    link = root.xpath("//nav//a[@href='#summary']")[0]
    assert link.text_content() == "Summary / 概要"
    assert link.xpath("span[@lang='zh-CN']/text()") == ["概要"]


def nearest_lang(element: lxml_html.HtmlElement) -> str:
    """The language of ``element``: its own ``lang`` or its nearest ancestor's."""
    marked = (e.get("lang") for e in (element, *element.iterancestors()))
    return next(lang for lang in marked if lang)


@pytest.mark.parametrize("name", ["visit-report", "dg-regio"])
def test_every_chinese_text_of_the_bilingual_edition_is_marked_chinese(name: str) -> None:
    root = page(example_documents("en+zh")[name])
    assert root.get("lang") == "en-GB"
    checked = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "title"):
            continue
        if element.text and HAN.search(element.text):
            assert nearest_lang(element).startswith("zh"), element.text
            checked += 1
        if element.tail and HAN.search(element.tail) and element.getparent() is not None:
            assert nearest_lang(element.getparent()).startswith("zh"), element.tail
    assert checked > 20


def test_a_chinese_page_is_chinese_and_marks_english_fallbacks() -> None:
    document = Document(
        meta(lang="zh-CN"),
        (Paragraph((Span("未翻译："), Span("Town hall", lang="en"))),),
    )
    root = page(document)
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//p/span[@lang='en']/text()") == ["Town hall"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_record_text_of_the_example_is_on_its_page(lang: str) -> None:
    for name, document in example_documents(lang).items():
        text = squash(page(document).find("body").text_content())
        missing = [s.text for s in document.spans() if squash(s.text) not in text]
        assert not missing, (name, missing[:5])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_page_is_self_contained() -> None:
    written = HtmlWriter(Theme()).write(example_documents("en+zh")["visit-report"])
    root = lxml_html.document_fromstring(written)
    assert not root.xpath("//script | //link | //img | //iframe | //@src")
    assert not re.search(rb"https?:|@import|url\(", written)
    assert root.xpath("//head/style")


def test_the_same_document_gives_the_same_bytes() -> None:
    document = example_documents("en+zh")["visit-report"]
    first = HtmlWriter(Theme()).write(document)
    writer = HtmlWriter(Theme())
    writer.write(example_documents("zh")["dg-regio"])  # nothing carries over
    assert writer.write(document) == first


def test_the_theme_colours_the_page() -> None:
    theme = replace(Theme(), accent="#123456", header_fill="#654321")
    css = page(every_block(), theme).xpath("string(//style)")
    assert "--accent:#123456" in css
    assert "--header-fill:#654321" in css
    assert "@media print" in css
    assert '"Microsoft YaHei"' in css and '"PingFang SC"' in css
    assert '"Noto Sans CJK SC"' in css


def test_a_colour_that_is_not_rrggbb_is_refused() -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        HtmlWriter(replace(Theme(), accent="red;}body{display:none"))


def test_the_index_links_every_document_by_language_and_kind() -> None:
    entries = [
        IndexEntry("English", "Visit report", "en/visit-report.html", "Report", "en-GB"),
        IndexEntry("English", "Meeting <1>", "en/m1.html", "Briefings", "en-GB"),
        IndexEntry("中文", "访问总结报告", "zh/visit-report.html", "报告", "zh-CN"),
        IndexEntry("English + 中文", "Both", "en+zh/visit-report.html", "Report", "en-GB"),
    ]
    written = write_index(entries, title="A visit", theme=Theme(), note="Generated today")
    root = lxml_html.document_fromstring(written)
    assert root.get("lang") == "en"
    assert [h.text_content() for h in root.iter("h2")] == ["English", "中文", "English + 中文"]
    sections = root.xpath("//section")
    assert [s.get("lang") for s in sections] == [None, "zh-CN", None]
    assert sections[0].xpath(".//h3/text()") == ["Report", "Briefings"]
    assert root.xpath("//a/@href") == [e.href for e in entries]
    assert root.xpath("//a/text()")[1] == "Meeting <1>"
    assert root.xpath("//a/@hreflang")[2] == "zh-CN"
    assert root.xpath("string(//footer)") == "Generated today"


@pytest.mark.parametrize(
    "href", ["https://example.com/", "/etc/passwd", "../up.html", "javascript:x"]
)
def test_the_index_links_only_relative_paths(href: str) -> None:
    with pytest.raises(ValueError, match="relative"):
        write_index([IndexEntry("English", "X", href, "Report")], title="A", theme=Theme())


def test_chinese_names_of_the_records_are_not_broken_on_a_phone() -> None:
    """Browsers break Chinese between any two characters; a name the records know
    (``Metadata.keep_together``) stays on one line."""
    text = "国家发展改革委带队赴布鲁塞尔和卢布尔雅那访问"
    document = Document(
        replace(meta(lang="zh-CN"), keep_together=("布鲁塞尔", "卢布尔雅那", "Brussels")),
        (Paragraph((Span(text),)),),
    )
    root = page(document)
    names = [span.text for span in root.iter("span") if span.get("class") == "name"]
    assert names == ["布鲁塞尔", "卢布尔雅那"]
    assert text in root.text_content()
    assert ".name{white-space:nowrap}" in root.findtext(".//style").replace(" ", "")
