"""What a reader sees on the example's PDF pages: lines that do not break inside names,
no single character alone on a line, bilingual tables and charts that line up."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTLine, LTTextContainer, LTTextLine
from pypdf import PdfReader

from briefings.build import BuildOptions, build
from tests.conftest import EXAMPLE, FIXED_TIME

CHINESE_NAMES = ("布鲁塞尔", "卢布尔雅那")
DOTS = re.compile(r"(\s*\.)+\s*$")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's visit report as PDF, by language: en, zh and en+zh."""
    out = tmp_path_factory.mktemp("example")
    langs = ("en", "zh", "en+zh")
    build(EXAMPLE, BuildOptions(out=out, langs=langs, formats=("pdf",), created=FIXED_TIME))
    return {lang: out / lang / "visit-report.pdf" for lang in langs}


def page_items(path: Path, page: int) -> list[LTComponent]:
    """The text lines, characters and drawn lines of one page (0-based), by pdfminer."""
    items: list[LTComponent] = []

    def walk(container: LTComponent) -> None:
        for item in container:  # type: ignore[attr-defined]
            if isinstance(item, LTTextLine):
                items.append(item)
                items.extend(char for char in item if isinstance(char, LTChar))
            elif isinstance(item, LTTextContainer):
                walk(item)
            elif isinstance(item, LTLine):
                items.append(item)

    for layout in extract_pages(path, page_numbers=[page]):
        walk(layout)
    return items


def text_lines(items: list[LTComponent]) -> list[LTTextLine]:
    return [item for item in items if isinstance(item, LTTextLine)]


def find_page(path: Path, text: str) -> int:
    """The first page (0-based) whose text has ``text``, after the contents."""
    texts = [page.extract_text() or "" for page in PdfReader(path).pages]
    return next(n for n, page in enumerate(texts) if text in page and ". . ." not in page)


def page_lines(path: Path, page: int) -> list[str]:
    """The text lines of one page (0-based), as pypdf extracts them."""
    text = PdfReader(path).pages[page].extract_text() or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def broken_names(lines: list[str], names: tuple[str, ...]) -> list[str]:
    """The names that some line ends inside, the next line carrying the rest."""
    return [
        name
        for name in names
        for before, after in pairwise(lines)
        for cut in range(1, len(name))
        if before.endswith(name[:cut]) and after.startswith(name[cut:])
    ]


@pytest.mark.parametrize("lang", ["zh", "en+zh"])
def test_the_visit_title_breaks_between_place_names_and_near_its_middle(
    reports: dict[str, Path], lang: str
) -> None:
    lines = page_lines(reports[lang], 0)
    assert broken_names(lines, CHINESE_NAMES) == []
    first = next(i for i, line in enumerate(lines) if line.startswith("国家发展改革委带队"))
    title = lines[first : first + 2]
    assert "".join(title).startswith("国家发展改革委带队赴布鲁塞尔")
    shorter, longer = sorted(len(line) for line in title)
    assert shorter >= 0.6 * longer, title  # a balanced title


@pytest.mark.parametrize("lang", ["zh", "en+zh"])
def test_no_contents_entry_leaves_a_single_character_on_a_line(
    reports: dict[str, Path], lang: str
) -> None:
    path = reports[lang]
    page = next(i for i in range(4) if "目录" in page_lines(path, i)[0])
    entries = [DOTS.sub("", line) for line in page_lines(path, page)[1:-2]]
    alone = [entry for entry in entries if len(entry) == 1 and not entry.isdigit()]
    assert alone == []


def test_the_rules_of_a_bilingual_table_line_up_on_both_sides(reports: dict[str, Path]) -> None:
    path = reports["en+zh"]
    items = page_items(path, find_page(path, "Delegation list"))
    middle = 297.6
    rules = [i for i in items if isinstance(i, LTLine) and i.y0 == i.y1 and i.width > 100]
    left = sorted(round(r.y0) for r in rules if r.x1 < middle)
    right = sorted(round(r.y0) for r in rules if r.x0 > middle)
    assert len(left) > 10
    assert left == right


def test_a_heading_of_a_bilingual_page_keeps_its_space_before(reports: dict[str, Path]) -> None:
    path = reports["en+zh"]
    lines = text_lines(page_items(path, find_page(path, "Itinerary")))
    heading = next(line for line in lines if line.get_text().strip() == "Itinerary")
    above = [line for line in lines if line.x0 < heading.x1 and line.y0 > heading.y1]
    gap = min(line.y0 for line in above) - heading.y1
    assert gap >= 10, gap


def test_the_bilingual_itinerary_is_a_table_with_headers_on_each_side(
    reports: dict[str, Path],
) -> None:
    path = reports["en+zh"]
    lines = text_lines(page_items(path, find_page(path, "Itinerary")))
    texts = {line.get_text().strip() for line in lines}
    assert {"Date", "Time", "Place", "Meeting", "Hosts"} <= texts
    assert {"日期", "时间"} <= texts


def test_the_chart_heading_is_one_line_in_both_languages_above_the_chart(
    reports: dict[str, Path],
) -> None:
    path = reports["en+zh"]
    page = find_page(path, "Wed 23 Oct")
    heading = [
        line.get_text().strip()
        for line in text_lines(page_items(path, page))
        if "Visit at a glance" in line.get_text()
    ]
    assert heading == ["Visit at a glance / 访问日程一览"]


@pytest.mark.parametrize("lang", ["en", "zh", "en+zh"])
def test_every_label_of_the_schedule_chart_has_one_size(
    reports: dict[str, Path], lang: str
) -> None:
    path = reports[lang]
    page = find_page(path, "09:30–11:30")
    lines = text_lines(page_items(path, page))
    blocks = [line for line in lines if re.match(r"\d\d:\d\d–\d\d:\d\d", line.get_text())]
    items = page_items(path, page)
    top = max(line.y1 for line in blocks)
    hour_rules = [i for i in items if isinstance(i, LTLine) and i.y0 == i.y1 and i.width > 300]
    bottom = min(rule.y0 for rule in hour_rules if rule.y0 < top)
    chars = [
        char
        for char in items
        if isinstance(char, LTChar) and char.x0 > blocks[0].x0 - 5 and bottom < char.y0 < top
    ]
    sizes = {round(char.size, 1) for char in chars}
    assert len(sizes) <= 2, sizes  # the times, and the titles
    assert "…" in "".join(char.get_text() for char in chars)  # a title cut short


def test_a_travel_day_title_of_the_bilingual_chart_names_its_places_in_both_languages(
    reports: dict[str, Path],
) -> None:
    path = reports["en+zh"]
    text = PdfReader(path).pages[find_page(path, "Wed 23 Oct")].extract_text() or ""
    day = text[text.index("Tue 22 Oct") :]
    assert "→ 布鲁塞尔" in day[: day.index("Wed 23 Oct")]


def test_a_label_of_a_bilingual_briefing_is_not_cut_inside_its_word(
    reports: dict[str, Path],
) -> None:
    path = reports["en+zh"].parent / "dg-regio.pdf"
    lines = page_lines(path, find_page(path, "Logistics"))
    assert any(line.startswith("Interpreter ") for line in lines), lines
