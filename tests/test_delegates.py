"""--per-delegate: each delegate's own programme, in every format, listing exactly the
entries they attend; rebuilt only when their part changes."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from briefings.build import BuildOptions, build
from briefings.cli import main
from briefings.records import Records, load_records
from tests.conftest import EXAMPLE, FIXED_TIME, VisitFactory
from tests.helpers import docx_text, pdf_text, squash
from tests.test_calendar import MEETINGS, VISIT

FORMATS = ("docx", "pdf", "html", "ics")


def attended(records: Records, person: str) -> list[str]:
    """The ids of the entries ``person`` attends, from the records themselves."""
    return [m.id for m in records.meetings if m.delegates is None or person in m.delegates]


class Headings(HTMLParser):
    """The text of every ``h3`` of a page: a programme's entries."""

    def __init__(self) -> None:
        super().__init__()
        self.h3: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._inside = True
            self.h3.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "h3"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.h3[-1] += data


@pytest.fixture(scope="module")
def example_programmes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("delegates")
    options = BuildOptions(
        out=out, langs=("en", "zh"), formats=FORMATS, created=FIXED_TIME, per_delegate=True
    )
    build(EXAMPLE, options)
    return out


def test_each_delegate_of_the_example_gets_a_programme_in_each_format(
    example_programmes: Path,
) -> None:
    records = load_records(EXAMPLE)
    assert records.visit.delegates
    for lang in ("en", "zh"):
        folder = example_programmes / lang / "delegates"
        expected = {f"{p}.{fmt}" for p in records.visit.delegates for fmt in FORMATS}
        assert {path.name for path in folder.iterdir()} == expected


def test_each_programme_lists_exactly_the_delegates_entries(example_programmes: Path) -> None:
    records = load_records(EXAMPLE)
    titles = {m.id: m.title["en"] for m in records.meetings}
    everyone = set(titles)
    left_out = 0
    for person in records.visit.delegates:
        mine = attended(records, person)
        others = everyone - set(mine)
        left_out += len(others)
        folder = example_programmes / "en" / "delegates"
        calendar = icalendar.Calendar.from_ical((folder / f"{person}.ics").read_bytes())
        uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
        assert sorted(uids) == sorted(f"{m}@{records.visit.id}" for m in mine)
        page = Headings()
        page.feed((folder / f"{person}.html").read_text(encoding="utf-8"))
        assert sorted(page.h3) == sorted(titles[m] for m in mine)
        for text in (
            squash(pdf_text(folder / f"{person}.pdf")),
            squash(docx_text(folder / f"{person}.docx")),
        ):
            for meeting in mine:
                assert squash(titles[meeting]) in text, (person, meeting)
            for meeting in others:
                assert squash(titles[meeting]) not in text, (person, meeting)
    assert left_out, "the example should leave someone out of an entry"


def test_a_programme_gives_times_places_contacts_interpreter_and_stays(
    example_programmes: Path,
) -> None:
    text = squash(pdf_text(example_programmes / "en" / "delegates" / "chen-jing.pdf"))
    for expected in (
        "ProgrammeofMsCHENJing",
        "FlighttoBrussels",
        "Beijing,Tue22Oct01:30",  # the leg's departure, local at Beijing
        "AvenuedeBeaulieu5",  # an address
        "LucPeeters",  # a contact
        "ZHAOMin",  # the interpreter
        "HotelneartheEuropeanQuarter",  # a stay
    ):
        assert expected in text, expected
    chinese = squash(pdf_text(example_programmes / "zh" / "delegates" / "chen-jing.pdf"))
    assert "陈静女士的日程" in chinese and "北京，" in chinese


def programme_visit(make_visit: VisitFactory) -> Path:
    return make_visit(VISIT, MEETINGS)


def test_an_incremental_build_rewrites_only_the_programmes_whose_part_changed(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = programme_visit(make_visit), tmp_path / "out"
    options = BuildOptions(
        out=out, langs=("en",), formats=("pdf", "ics"), created=FIXED_TIME, per_delegate=True
    )
    build(visit, options)
    # Only li-wei attends the winter-time visit (zhao-min is its interpreter, not a delegate).
    winter = visit / "meetings" / "02-winter.yaml"
    winter.write_text(winter.read_text(encoding="utf-8").replace("Sturdy", "Warm"), "utf-8")
    result = build(visit, options)
    written = {p.relative_to(out).as_posix() for p in result.written}
    assert {"en/delegates/li-wei.pdf", "en/delegates/li-wei.ics"} <= written
    assert not any(name.startswith("en/delegates/zhao-min") for name in written)
    assert "en/delegates/zhao-min.pdf" in result.up_to_date


def test_the_setting_in_briefings_toml_and_the_index(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = programme_visit(make_visit), tmp_path / "out"
    (visit / "briefings.toml").write_text("[build]\nper_delegate = true\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(visit), "-o", str(out), "--format", "html", "--lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "zh" / "delegates" / "li-wei.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="zh/delegates/li-wei.html"' in index and "代表个人日程" in index
    (visit / "briefings.toml").write_text("[build]\nper_delegate = 'yes'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(visit), "-o", str(out)])
    assert result.exit_code == 1
    assert "briefings.toml" in result.output and "build.per_delegate" in result.output


def test_without_per_delegate_no_programme_is_made_and_none_is_removed(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = programme_visit(make_visit), tmp_path / "out"
    base = {"out": out, "langs": ("en",), "formats": ("html",), "created": FIXED_TIME}
    build(visit, BuildOptions(**base))  # type: ignore[arg-type]
    assert not (out / "en" / "delegates").exists()
    build(visit, BuildOptions(**base, per_delegate=True))  # type: ignore[arg-type]
    result = build(visit, BuildOptions(**base))  # type: ignore[arg-type]
    assert result.removed == [] and (out / "en" / "delegates" / "li-wei.html").is_file()
