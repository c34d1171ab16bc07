"""The example's DOCX files (en, zh, en+zh) pass the Open XML SDK's checks and carry
nothing of python-docx's template that is not theirs."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openxml_audit import OpenXmlValidator
from pypdf import PdfReader

from briefings.cli import main
from briefings.theme import Theme

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iurc-china-2024"
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built as DOCX in English, Chinese and both."""
    out = tmp_path_factory.mktemp("example-docx")
    args = ["build", str(EXAMPLE), "--out", str(out), "--lang", "en,zh,en+zh", "--format", "docx"]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": "1730419200"})
    assert result.exit_code == 0, result.output
    return out


def documents(out: Path) -> list[Path]:
    paths = sorted(out.glob("*/*.docx"))
    assert {path.parent.name for path in paths} == {"en", "zh", "en+zh"}
    return paths


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode()


def test_every_docx_passes_the_open_xml_sdk_checks(example_docx: Path) -> None:
    validator = OpenXmlValidator()
    problems = {
        f"{path.parent.name}/{path.name}": [str(error) for error in result.errors]
        for path in documents(example_docx)
        if not (result := validator.validate(path)).is_valid
    }
    assert not problems


def test_the_package_names_this_tool_and_the_documents_languages(example_docx: Path) -> None:
    for path in documents(example_docx):
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
        assert not [name for name in names if name.startswith("customXml/")], path
        app, core = part(path, "docProps/app.xml"), part(path, "docProps/core.xml")
        settings = part(path, "word/settings.xml")
        assert "<Application>briefings</Application>" in app and "Macintosh" not in app
        assert "lastPrinted" not in core and "rsid" not in settings
        assert '<w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN"/>' in settings
        expected = {"en": ["en-GB"], "zh": ["zh-CN"], "en+zh": ["en-GB", "zh-CN"]}
        languages = re.findall(r"<dc:language>([^<]*)</dc:language>", core)
        assert languages == expected[path.parent.name], path


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def test_tables_have_the_pdfs_header_fill_stripes_and_rules(example_docx: Path) -> None:
    theme = Theme()
    report = example_docx / "en" / "visit-report.docx"
    styles = xml(report, "word/styles.xml")
    (style,) = styles.xpath("//w:style[w:name/@w:val='Briefing Table']", namespaces=NS)
    fills = {
        kind: style.xpath(f"w:tblStylePr[@w:type='{kind}']/w:tcPr/w:shd/@w:fill", namespaces=NS)
        for kind in ("firstRow", "band2Horz")
    }
    assert fills == {"firstRow": ["0B3A63"], "band2Horz": ["EEF2F6"]}
    assert theme.header_fill == "#0b3a63" and theme.stripe_fill == "#eef2f6"
    rules = style.xpath("w:tblPr/w:tblBorders/*", namespaces=NS)
    assert {(rule.tag[len(W) :], rule.get(f"{W}color")) for rule in rules} == {
        ("bottom", "B9C6D3"),
        ("insideH", "B9C6D3"),
    }
    body = xml(report, "word/document.xml")
    tables = body.xpath("//w:tbl[w:tblPr/w:tblStyle]", namespaces=NS)
    assert tables
    for table in tables:
        assert table.xpath("w:tblPr/w:tblStyle/@w:val", namespaces=NS) == ["BriefingTable"]
        rows = table.xpath("w:tr", namespaces=NS)
        assert all(row.xpath("w:trPr/w:cantSplit", namespaces=NS) for row in rows)


def test_headings_keep_with_the_text_they_introduce(example_docx: Path) -> None:
    styles = xml(example_docx / "en+zh" / "visit-report.docx", "word/styles.xml")
    for name in ("Heading1", "Heading2", "Heading3", "TranslatedHeading1", "TOCHeading"):
        (style,) = styles.xpath(f"//w:style[@w:styleId='{name}']", namespaces=NS)
        assert style.xpath("w:pPr/w:keepNext", namespaces=NS), name


def test_page_numbers_print_in_the_footers_colour(example_docx: Path) -> None:
    colour = Theme().look("furniture").color.lstrip("#").upper()
    for path in documents(example_docx):
        footer = xml(path, "word/footer1.xml")
        fields = footer.xpath("//w:r[w:fldChar or w:instrText or w:t = '1']", namespaces=NS)
        # PAGE and NUMPAGES, maybe twice: begin, instruction, separator, result, end.
        assert len(fields) in (10, 20), path
        colours = {run.xpath("string(w:rPr/w:color/@w:val)", namespaces=NS) for run in fields}
        assert colours == {colour}, path
        styles = xml(path, "word/styles.xml")
        path_to_colour = "//w:style[@w:styleId='Footer']/w:rPr/w:color/@w:val"
        assert styles.xpath(path_to_colour, namespaces=NS) == [colour]


@pytest.fixture(scope="module")
def report_in_libreoffice(
    example_docx: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[str]:
    """The text of each page of the en+zh visit report, as LibreOffice prints it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = (out / "profile").as_uri()  # its own profile: other instances may run
    source = example_docx / "en+zh" / "visit-report.docx"
    subprocess.run(
        [
            *(soffice, f"-env:UserInstallation={profile}", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(out), str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return [page.extract_text() for page in PdfReader(out / "visit-report.pdf").pages]


def test_the_contents_list_each_heading_once_with_its_page(
    report_in_libreoffice: list[str],
) -> None:
    pages = report_in_libreoffice
    (contents,) = [text for text in pages if "\nContents / 目录\n" in text]
    listed = contents.split("\nContents / 目录\n", 1)[1]
    entries = [
        (title.replace("\n", "").strip(), int(page))
        for title, page in re.findall(r"(.+?)\.{3,}\s*(\d+)\n", listed, re.S)
    ]
    titles = [title for title, _ in entries]
    assert len(titles) == len(set(titles)) == 23, titles  # each heading once
    assert "Summary / 概要" in titles and "Conclusions / 结论" in titles
    assert not [title for title in titles if "Contents" in title or "目录" in title]
    for title, page in entries:  # the page LibreOffice laid the heading out on
        start = " ".join(title.split(" / ")[0].split()[:3])  # a column's line holds that
        assert start in " ".join(pages[page - 1].split()), (title, page)
    assert len({page for _, page in entries}) > 3


def chart_hours(path: Path) -> list[str]:
    """The labels of the schedule chart's hour rows ("01:00", ...), read from the
    document: the first cells of the rows of its table after the header row."""
    body = xml(path, "word/document.xml")
    labels = [
        table.xpath("w:tr[position() > 1]/w:tc[1]", namespaces=NS)
        for table in body.xpath("//w:tbl", namespaces=NS)
    ]
    texts = [["".join(cell.itertext()) for cell in cells] for cells in labels]
    (hours,) = [t for t in texts if t and all(re.fullmatch(r"\d\d:00", x) for x in t)]
    return hours


def test_the_schedule_chart_is_not_split_across_pages(
    example_docx: Path, report_in_libreoffice: list[str]
) -> None:
    hours = chart_hours(example_docx / "en+zh" / "visit-report.docx")
    assert len(hours) > 10 and hours[0] == "01:00"  # the example's flight leaves at 01:30

    def labels(text: str) -> set[str]:  # "08:00", not the times of "08:00–09:30"
        return set(re.findall(r"(?<![\d:–])\d\d:00(?![\d:–])", text))

    (chart,) = [text for text in report_in_libreoffice if hours[0] in labels(text)]
    assert [hour for hour in hours if hour not in labels(chart)] == []  # all on that page
    assert "\nVisit at a glance / 访问日程一览\n" in chart  # with its heading


def test_the_contents_show_page_numbers_before_any_update(
    example_docx: Path, report_in_libreoffice: list[str]
) -> None:
    """Word shows a field's stored result until it updates the field: the page our
    estimate stored is the page LibreOffice lays the heading out on, give or take
    one."""
    body = xml(example_docx / "en+zh" / "visit-report.docx", "word/document.xml")
    links = body.xpath("//w:hyperlink[.//w:instrText[contains(., 'PAGEREF')]]", namespaces=NS)
    stored = [int(link.xpath("(.//w:t)[last()]/text()", namespaces=NS)[0]) for link in links]
    (contents,) = [text for text in report_in_libreoffice if "\nContents / 目录\n" in text]
    laid_out = [int(page) for page in re.findall(r"\.{3,}\s*(\d+)\n", contents)]
    assert len(stored) == len(laid_out) == 23  # the example report's headings
    assert all(abs(ours - theirs) <= 1 for ours, theirs in zip(stored, laid_out, strict=True))
    assert stored == sorted(stored) and len(set(stored)) > 3
