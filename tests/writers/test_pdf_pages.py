"""What a reader sees on the example's PDF pages: lines that do not break inside names,
no single character alone on a line, bilingual tables and charts that line up."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
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
