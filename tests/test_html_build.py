"""--format html: a page per document, and OUT/index.html linking every one of them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from briefings.build import BuildOptions, BuildResult, build, check
from briefings.build.manifest import MANIFEST_FILE
from briefings.cli import main
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml

MEETINGS = {
    "01-talks.yaml": meeting_yaml(id="talks"),
    "02-lunch.yaml": meeting_yaml(id="lunch", title_en="Lunch with the mayor", title_zh="市长午餐"),
}


def _build(visit: Path, out: Path, **options: object) -> BuildResult:
    return build(visit, BuildOptions(out=out, created=FIXED_TIME, **options))  # type: ignore[arg-type]


class Links(HTMLParser):
    """The links of a page with their texts, and the headings."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.headings: list[str] = []
        self._href: str | None = None
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs)["href"]
            self.links[self._href or ""] = ""
        self._heading = tag in ("h2", "h3")

    def handle_endtag(self, tag: str) -> None:
        self._href = None if tag == "a" else self._href
        self._heading = False

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self.links[self._href] += data
        if self._heading:
            self.headings.append(data)


def index_links(out: Path) -> Links:
    parser = Links()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    return parser


def html_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"index.html"}


def test_an_html_build_writes_a_page_per_document_and_an_index_linking_each(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _build(make_visit(meetings=MEETINGS), out, formats=("html",), langs=("en", "zh", "en+zh"))
    pages = html_files(out)
    assert pages == {
        f"{lang}/{name}.html"
        for lang in ("en", "zh", "en+zh")
        for name in ("talks", "lunch", "visit-report")
    }
    links = index_links(out)
    assert set(links.links) == pages
    assert links.links["zh/lunch.html"] == "市长午餐"
    assert links.links["en/talks.html"] == "Talks at the town hall"
    assert links.links["en+zh/talks.html"] == "Talks at the town hall / 市政厅会谈"
    for heading in ("English", "中文", "English + 中文", "Meeting briefing", "Visit report"):
        assert heading in links.headings
    assert '<html lang="en-GB"' in (out / "en/talks.html").read_text(encoding="utf-8")


def test_an_incremental_build_keeps_every_document_in_the_index(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    _build(visit, out, formats=("html", "pdf"), langs=("en",))
    first = (out / "index.html").read_bytes()
    talks = visit / "meetings" / "01-talks.yaml"
    talks.write_text(talks.read_text(encoding="utf-8").replace("Talks at", "Talks in"), "utf-8")
    result = _build(visit, out, formats=("html", "pdf"), langs=("en",))
    written = {p.relative_to(out).as_posix() for p in result.written}
    assert "en/lunch.html" not in written and "en/talks.html" in written
    assert "index.html" in written
    links = index_links(out)
    assert set(links.links) == {"en/talks.html", "en/lunch.html", "en/visit-report.html"}
    assert links.links["en/talks.html"] == "Talks in the town hall"
    assert (out / "index.html").read_bytes() != first
    again = _build(visit, out, formats=("html", "pdf"), langs=("en",))
    assert again.written == [] and "index.html" in again.up_to_date


def test_check_knows_the_index_and_builds_without_html_leave_it(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    _build(visit, out, formats=("html",), langs=("en",))
    options = BuildOptions(out=out, created=FIXED_TIME, formats=("html",), langs=("en",))
    assert check(visit, options) == []
    assert "index.html" in (out / MANIFEST_FILE).read_text(encoding="utf-8")
    (out / "index.html").write_text("<p>edited</p>", encoding="utf-8")
    assert check(visit, options) == [("index.html", "changed on disk")]
    _build(visit, out, formats=("html",), langs=("en",))
    _build(visit, out, formats=("pdf",), langs=("en",))
    assert (out / "index.html").is_file() and check(visit, options) == []


def test_the_cli_offers_html_and_ics(make_visit: VisitFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    help_text = runner.invoke(main, ["build", "--help"]).output
    assert re.search(r"html", help_text) and "ics" in help_text
    result = runner.invoke(
        main,
        ["build", str(make_visit()), "-o", str(out), "--format", "html,ics", "--lang", "zh"],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "zh").iterdir()) == [
        "talks.html",
        "visit-report.html",
        "visit.ics",
    ]
    links = index_links(out)
    assert links.links["zh/visit.ics"] == "测试访问"  # a calendar to import on the phone
    assert "日历（.ics）" in links.headings
