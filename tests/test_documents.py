"""What a delegation reads: covers, home times, the schedule chart, navigation, the
bilingual edition, and documents that LibreOffice opens."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefings.build import BuildOptions, BuildResult, build
from tests.conftest import EXAMPLE, FIXED_TIME, MINIMAL_VISIT, VisitFactory, meeting_yaml
from tests.helpers import docx_text, pdf_text, squash

MEETINGS = 9
"""The example's meetings, each with a briefing of its own."""
ENTRIES = MEETINGS + 2
"""Its entries in the programme: the meetings and two travel legs."""
DAYS = ("Tue 22 Oct", "Wed 23 Oct", "Thu 24 Oct", "Fri 25 Oct", "Sat 26 Oct", "Sun 27 Oct")
"""Every day of the visit: the first with only a flight, the last with nothing."""


@pytest.fixture(scope="module")
def bilingual_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bilingual")
    build(EXAMPLE, BuildOptions(out=out, langs=("en+zh",), created=FIXED_TIME))
    return out


def page_text(path: Path, page: int) -> str:
    return PdfReader(path).pages[page].extract_text() or ""


# -- time a delegation can trust ---------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "local", "home"),
    [("dg-regio", "14:30", "20:30"), ("ljubljana-regional-committee", "10:00", "16:00")],
)
def test_briefings_give_local_and_beijing_time(
    example_build: tuple[Path, BuildResult], name: str, local: str, home: str
) -> None:
    out, _ = example_build
    english = squash(pdf_text(out / "en" / f"{name}.pdf"))
    assert squash(f"{local}–") in english
    assert squash(f"({home}–") in english and "Beijingtime" in english
    chinese = squash(pdf_text(out / "zh" / f"{name}.pdf"))
    assert f"北京时间{home}–" in chinese
    assert f"北京时间{home}" in squash(docx_text(out / "zh" / f"{name}.docx"))


# -- covers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "kind", "marking", "dates"),
    [
        ("en", "Meeting briefing", "Internal", "22–27 October 2024"),
        ("zh", "会见简报", "内部资料", "2024年10月22日至27日"),
    ],
)
def test_every_briefing_opens_with_a_cover_block(
    example_build: tuple[Path, BuildResult], lang: str, kind: str, marking: str, dates: str
) -> None:
    out, _ = example_build
    for pdf in sorted((out / lang).glob("*.pdf")):
        first = squash(page_text(pdf, 0))
        expected_kind = "Visit report" if pdf.stem == "visit-report" else kind
        if lang == "zh" and pdf.stem == "visit-report":
            expected_kind = "访问总结报告"
        for expected in (squash(expected_kind), marking, squash(dates)):
            assert expected in first, (pdf.name, expected)
        docx = squash(docx_text(pdf.with_suffix(".docx")))
        assert squash(dates) in docx and marking in docx


# -- visit at a glance -------------------------------------------------------------------
def test_the_report_opens_with_the_schedule_chart_after_the_cover(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    report = out / "en" / "visit-report.pdf"
    # The chart follows the cover, on its page or (taller than the rest of it) the next,
    # its heading with it.
    number = next(n for n in (0, 1) if "Wed 23 Oct" in page_text(report, n))
    chart = page_text(report, number)
    assert "Visit at a glance" in chart
    assert all(day in chart for day in DAYS)
    starts = re.findall(r"(\d\d:\d\d)–\d\d:\d\d", chart)
    assert len(starts) == ENTRIES and "14:30" in starts and "19:30" in starts
    assert "Flight to Ljubljana" in chart
    # Drawn, not an image: the page has no XObject images and draws rectangles.
    page = PdfReader(report).pages[number]
    assert not page.images
    assert page.get_contents().get_data().count(b" re") >= ENTRIES  # type: ignore[union-attr]
    chinese = page_text(out / "zh" / "visit-report.pdf", number)
    assert "访问日程一览" in chinese and "10月23日" in chinese and "10月27日" in chinese


def test_the_docx_schedule_is_a_table_of_days_and_hours(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    document = open_docx(str(out / "en" / "visit-report.docx"))
    chart = next(t for t in document.tables if "Tue 22 Oct" in t.rows[0].cells[1].text)
    assert [c.text.split("\n")[0] for c in chart.rows[0].cells[1:]] == list(DAYS)
    hours = [row.cells[0].text for row in chart.rows[1:]]
    assert hours[0] == "01:00" and "14:00" in hours  # the flight leaves at 01:30
    row_14 = chart.rows[1 + hours.index("14:00")]
    assert "14:30–17:00" in row_14.cells[2].text  # merged across the hours it spans
    assert row_14.cells[2]._tc is chart.rows[1 + hours.index("16:00")].cells[2]._tc  # noqa: SLF001
    sunday = [row.cells[6].text.strip() for row in chart.rows[1:]]
    assert sunday == [""] * len(sunday)  # a day with nothing keeps its empty column


# -- navigation --------------------------------------------------------------------------
def _outline(reader: PdfReader, items: list[object]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(reader, item)
        else:
            found.append((item.title, reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("edition", ["en", "en+zh"])
def test_report_toc_page_numbers_match_the_bookmarks(
    example_build: tuple[Path, BuildResult], bilingual_build: Path, edition: str
) -> None:
    out = bilingual_build if "+" in edition else example_build[0]
    report = out / edition / "visit-report.pdf"
    reader = PdfReader(report)
    outline = _outline(reader, reader.outline)
    assert len(outline) >= MEETINGS + 5
    toc = next(
        page.extract_text() for page in reader.pages if "Contents" in (page.extract_text() or "")
    )
    checked = 0
    for title, page in outline:
        # "Summary . . . . 3": the title, the dot leader, the number (own line in pypdf).
        match = re.search(r"(?m)^" + re.escape(title) + r"[ .]*\s+(\d+)$", toc)
        if match:
            assert int(match[1]) == page, (title, match[0])
            checked += 1
    assert checked >= 6


def test_every_meeting_has_a_bookmark_in_the_report(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    reader = PdfReader(out / "en" / "visit-report.pdf")
    titles = [t for t, _ in _outline(reader, reader.outline)]
    assert "Meeting with the Directorate-General for Regional and Urban Policy" in titles
    assert len([t for t in titles if t]) >= MEETINGS + 6


# -- the bilingual edition ---------------------------------------------------------------
def test_the_bilingual_edition_has_every_document_in_both_formats(
    example_build: tuple[Path, BuildResult], bilingual_build: Path
) -> None:
    single = sorted(p.name for p in (example_build[0] / "en").iterdir())
    assert sorted(p.name for p in (bilingual_build / "en+zh").iterdir()) == single
    assert len(single) == 2 * (MEETINGS + 1)


def test_bilingual_pdf_sets_english_beside_chinese(bilingual_build: Path) -> None:
    text = squash(pdf_text(bilingual_build / "en+zh" / "dg-regio.pdf"))
    assert squash("Meeting with the Directorate-General") in text
    assert "与欧盟委员会地区和城市政策总司会谈" in text
    assert "(20:30–23:00Beijingtime)" in text and "北京时间20:30–23:00" in text
    assert "Internal/内部资料" in text


def test_bilingual_docx_aligns_rows(bilingual_build: Path) -> None:
    document = open_docx(str(bilingual_build / "en+zh" / "visit-report.docx"))
    rows = [row for table in document.tables if len(table.columns) == 2 for row in table.rows]
    pairs = [(row.cells[0].text, row.cells[1].text) for row in rows]
    # The itinerary, row by row: each English meeting faces its Chinese translation.
    dg = [pair for pair in pairs if "Directorate-General" in pair[0] and "CEST" in pair[0]]
    assert dg and "与欧盟委员会地区和城市政策总司会谈" in dg[0][1]
    summary = next(pair for pair in pairs if pair[0].startswith("Summary"))
    assert summary[1].startswith("概要")


def test_a_bilingual_docx_table_is_one_table_with_both_languages_side_by_side(
    bilingual_build: Path,
) -> None:
    document = open_docx(str(bilingual_build / "en+zh" / "center-rog.docx"))
    four = [table for table in document.tables if len(table.columns) == 4]
    texts = [[[cell.text for cell in row.cells] for row in table.rows] for table in four]
    fields = next(rows for rows in texts if rows[0][0] == "Date")
    assert [row[0] for row in fields] == ["Date", "Time", "Venue", "Hosts", "Type", "Topics"]
    assert [row[2] for row in fields] == ["日期", "时间", "地点", "主办方", "类型", "议题"]
    assert "Center Rog" in fields[2][1] and "罗格中心" in fields[2][3]
    participants = next(rows for rows in texts if rows[0][0] == "Organisation")
    assert participants[0][2:] == ["机构", "国家/地区"]
    assert ["City of Zhengzhou", "China", "郑州市", "中国"] in participants
    table = next(t for t in four if t.rows[0].cells[0].text == "Organisation")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # noqa: SLF001  (repeats on each page)


def test_no_two_docx_tables_touch(
    example_build: tuple[Path, BuildResult], bilingual_build: Path
) -> None:
    """Tables with nothing between them are one table to Word and LibreOffice: rows
    would change columns, and a header row would stop repeating."""
    paths = [*example_build[0].glob("*/*.docx"), *bilingual_build.glob("*/*.docx")]
    assert len(paths) == 30
    for path in paths:
        body = open_docx(str(path)).element.body
        for element in body.iter(qn("w:tbl")):
            following = element.getnext()
            assert following is None or following.tag != qn("w:tbl"), path.name


# -- LibreOffice --------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_every_docx_to_pdf(
    example_build: tuple[Path, BuildResult], bilingual_build: Path, tmp_path: Path
) -> None:
    docx_files = sorted([*example_build[0].glob("*/*.docx"), *bilingual_build.glob("*/*.docx")])
    assert len(docx_files) == 3 * (MEETINGS + 1)
    for edition in ("en", "zh", "en+zh"):
        files = [p for p in docx_files if p.parent.name == edition]
        target = tmp_path / edition
        profile = (tmp_path / "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(target), *map(str, files)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for docx in files:
            pdf = target / f"{docx.stem}.pdf"
            assert pdf.is_file(), f"LibreOffice did not convert {docx}"
            assert len(PdfReader(pdf).pages) >= 1
    converted = squash(pdf_text(tmp_path / "zh" / "dg-regio.pdf"))
    assert "北京时间20:30" in converted


def test_a_long_visit_gets_a_schedule_chart_per_week(make_visit: VisitFactory) -> None:
    visit = MINIMAL_VISIT.replace("end: 2024-10-27", "end: 2024-10-30")
    meetings = {}
    for day in range(9):  # one meeting a day, 22 October to 30 October
        text = meeting_yaml(id=f"day-{day}", title_en=f"Meeting of day {day}")
        meetings[f"{day}.yaml"] = text.replace("2024-10-23", f"2024-10-{22 + day}")
    root = make_visit(visit, meetings)
    out = root.parent / "out"
    build(root, BuildOptions(out=out, langs=("en",), created=FIXED_TIME))
    charts = [page_text(out / "en" / "visit-report.pdf", n) for n in (0, 1)]
    assert "Tue 22 Oct" in charts[0] and "Mon 28 Oct" in charts[0]
    assert "Tue 29 Oct" not in charts[0]
    assert "Tue 29 Oct" in charts[1] and "Wed 30 Oct" in charts[1]
    tables = open_docx(str(out / "en" / "visit-report.docx")).tables
    heads = [[cell.text for cell in table.rows[0].cells] for table in tables[:2]]
    assert [len(head) for head in heads] == [1 + 7, 1 + 2]  # the hours, then the days
    widths = [
        [col.get(qn("w:w")) for col in t._tbl.tblGrid.findall(qn("w:gridCol"))]  # noqa: SLF001
        for t in tables[:2]
    ]
    assert widths[1] == widths[0][:3]  # the last week keeps the columns of the first


def test_a_chart_label_cut_short_ends_with_an_ellipsis(make_visit: VisitFactory) -> None:
    title = "Round table on the green transition of industrial cities and regions, " * 5
    meeting = meeting_yaml(title_en=title.strip()).replace("16:00", "15:30")
    root = make_visit(meetings={"m.yaml": meeting})
    out = root.parent / "out"
    build(root, BuildOptions(out=out, langs=("en",), formats=("pdf",), created=FIXED_TIME))
    chart = page_text(out / "en" / "visit-report.pdf", 0)
    cut = [line for line in chart.splitlines() if line.endswith("…")]
    assert cut, chart
    (last,) = cut  # the last line that fits, where the label stops
    assert last.removesuffix("…").replace(" ", "") in title.replace(" ", "")
