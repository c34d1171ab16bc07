"""The HTML edition of the example in a real browser (headless Chromium), as a phone
shows it (390×844) and as a desktop does: no sideways scrolling, every record text
on the page, no accessibility violation that axe-core finds."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefings.model import (
    BulletList,
    Cell,
    Cover,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Parallel,
    Schedule,
    ScheduleDay,
    ScheduleEvent,
    Span,
    Table,
)
from briefings.theme import Theme
from briefings.writers.html import HtmlWriter, IndexEntry, write_index
from tests.browser import chrome
from tests.browser.example import LANGUAGES, example_documents

pytestmark = pytest.mark.skipif(bool(chrome.missing()), reason=chrome.missing() or "")

PAGES = [(lang, name) for lang in LANGUAGES for name in example_documents(lang)]

AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document).then(
  result => done(result.violations.map(
    v => [v.id, v.help, v.nodes.map(n => n.target.join(" ")).slice(0, 3)])),
  error => done([["axe-error", String(error), []]]));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's HTML edition in every language, with its index."""
    out = tmp_path_factory.mktemp("html")
    writer = HtmlWriter(Theme())
    entries = []
    for lang in LANGUAGES:
        (out / lang).mkdir()
        for name, document in example_documents(lang).items():
            (out / lang / f"{name}.html").write_bytes(writer.write(document))
            href = f"{lang}/{name}.html"
            meta = document.meta
            entries.append(IndexEntry(lang, meta.title, href, meta.subject, meta.lang))
    (out / "index.html").write_bytes(write_index(entries, title="Example", theme=Theme()))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chrome.browser() as driver:
        driver.set_script_timeout(60)
        yield driver


@pytest.fixture
def phone(browser: Any) -> Any:
    chrome.set_screen(browser, chrome.PHONE)
    return browser


@pytest.fixture
def desktop(browser: Any) -> Any:
    chrome.set_screen(browser, chrome.DESKTOP)
    return browser


def open_page(driver: Any, site: Path, lang: str, name: str) -> None:
    driver.get((site / lang / f"{name}.html").as_uri())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_a_page_reads_on_a_phone_without_sideways_scrolling(
    phone: Any, site: Path, lang: str, name: str
) -> None:
    open_page(phone, site, lang, name)
    width, inner = phone.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner == chrome.PHONE[0]  # the page's viewport is the phone's
    assert width <= inner
    fetched = phone.execute_script("return performance.getEntriesByType('resource').length")
    assert fetched == 0  # nothing loaded from anywhere
    shown = squash(phone.execute_script("return document.body.innerText"))
    document = example_documents(lang)[name]
    missing = [s.text for s in document.spans() if squash(s.text) not in shown]
    assert not missing, missing[:5]


@pytest.mark.skipif(bool(chrome.missing(axe=True)), reason=chrome.missing(axe=True) or "")
@pytest.mark.parametrize(("lang", "name"), [*PAGES, ("", "index")])
def test_axe_finds_no_accessibility_violation(phone: Any, site: Path, lang: str, name: str) -> None:
    phone.get((site / lang / f"{name}.html").as_uri())
    phone.execute_script(chrome.AXE.read_text(encoding="utf-8"))
    violations = phone.execute_async_script(AXE_RUN)
    assert violations == []


def boxes(driver: Any, selector: str) -> list[dict[str, float]]:
    script = (
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(e => e.getBoundingClientRect().toJSON())"
    )
    result: list[dict[str, float]] = driver.execute_script(script, selector)
    return result


def test_a_bilingual_row_is_side_by_side_on_a_desktop(desktop: Any, site: Path) -> None:
    open_page(desktop, site, "en+zh", "dg-regio")
    english, chinese = boxes(desktop, ".pair > .side")[:2]
    assert chinese["left"] >= english["right"]
    assert chinese["top"] == english["top"]


def test_a_bilingual_row_is_one_language_under_the_other_on_a_phone(phone: Any, site: Path) -> None:
    open_page(phone, site, "en+zh", "dg-regio")
    english, chinese = boxes(phone, ".pair > .side")[:2]
    assert chinese["top"] >= english["bottom"]
    assert chinese["left"] == english["left"]


def test_a_wide_table_becomes_labelled_cards_on_a_phone(phone: Any, site: Path) -> None:
    open_page(phone, site, "en", "visit-report")
    label = phone.execute_script(
        "const cell = document.querySelector('table.cards tbody td');"
        "return [getComputedStyle(cell).display, getComputedStyle(cell, '::before').content]"
    )
    assert label == ["block", '"Date"']
    rows = boxes(phone, "table.cards tbody tr")
    assert rows[1]["top"] >= rows[0]["bottom"]  # one card under the other


def test_a_wide_table_stays_a_table_on_a_desktop(desktop: Any, site: Path) -> None:
    open_page(desktop, site, "en", "visit-report")
    cells = boxes(desktop, "table.cards tbody tr:first-child td")[:5]  # the itinerary's
    assert len({cell["top"] for cell in cells}) == 1
    assert all(b["left"] >= a["right"] for a, b in pairwise(cells))


def test_the_schedule_is_a_list_of_days_on_a_phone_and_columns_on_a_desktop(
    browser: Any, site: Path
) -> None:
    chrome.set_screen(browser, chrome.PHONE)
    open_page(browser, site, "en", "visit-report")
    days = boxes(browser, ".schedule > .day")
    assert len(days) == 6  # every day of the visit, one with only a flight, one empty
    assert all(b["top"] >= a["bottom"] for a, b in pairwise(days))
    chrome.set_screen(browser, chrome.DESKTOP)
    open_page(browser, site, "en", "visit-report")
    days = boxes(browser, ".schedule > .day")
    assert len({day["top"] for day in days}) == 1


def test_the_index_links_pages_that_exist(phone: Any, site: Path) -> None:
    phone.get((site / "index.html").as_uri())
    links = phone.execute_script("return Array.from(document.links).map(a => a.href)")
    assert len(links) == len(PAGES)
    for link in links:
        assert link.startswith("file://")
        assert Path(link.removeprefix("file://")).is_file(), link


def long_texts() -> Document:
    """A document of words far wider than a phone, in every kind of block."""
    word = "Unbreakable" * 40
    url = "https://example.org/" + "path/" * 40
    text = (Span(f"{word} {url}"),)
    row = tuple(Cell((Paragraph(text),)) for _ in range(5))
    return Document(
        Metadata(title="Long", lang="en-GB", header=word, marking=word, footer_note=word),
        (
            Cover(text, text, text, ((text, text),)),
            Heading(1, text),
            Paragraph(text),
            BulletList((text,)),
            Table((1, 1, 1, 1, 1), row, (row, row)),
            Table((1, 3), (), ((row[0], row[1]),), style="fields"),
            Schedule(tuple(ScheduleDay(text, (ScheduleEvent(600, 660, text),)) for _ in range(7))),
            Parallel((Paragraph(text),), (Paragraph(text),)),
        ),
    )


def test_words_wider_than_a_phone_wrap_instead_of_scrolling_sideways(
    phone: Any, tmp_path: Path
) -> None:
    page = tmp_path / "long.html"
    page.write_bytes(HtmlWriter(Theme()).write(long_texts()))
    phone.get(page.as_uri())
    width, inner = phone.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert width <= inner


def test_print_sets_bilingual_rows_side_by_side_and_tables_as_tables(
    phone: Any, site: Path
) -> None:
    open_page(phone, site, "en+zh", "dg-regio")
    phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        english, chinese = boxes(phone, ".pair > .side")[:2]
        display = phone.execute_script(
            "return getComputedStyle(document.querySelector('table.cards td')).display"
        )
    finally:
        phone.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert chinese["left"] >= english["right"]
    assert display == "table-cell"


def test_printing_gives_pages_of_the_themes_paper_size(desktop: Any, site: Path) -> None:
    open_page(desktop, site, "en", "visit-report")
    printed = desktop.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
    )
    reader = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    theme = Theme()
    for pdf_page in reader.pages:
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width - theme.page_width_mm / 25.4 * 72) < 1
        assert abs(height - theme.page_height_mm / 25.4 * 72) < 1
    assert len(reader.pages) > 2
    # The chart on the cover's page, or (taller than what is left of it) the next one.
    chart = squash(reader.pages[0].extract_text() + reader.pages[1].extract_text())
    assert "Visitataglance" in chart
    assert "VisittotheEuropeanQuarter" in chart and "FlighttoBrussels" in chart
