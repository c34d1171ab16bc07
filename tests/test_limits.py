"""Big records through the whole build: long tables span pages with their header
repeated (PDF and DOCX), and texts longer than a page are split, not refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefings.build import BuildOptions, build
from tests.conftest import FIXED_TIME, MINIMAL_VISIT, VisitFactory, meeting_yaml
from tests.helpers import docx_text, pdf_text, squash

ORGS = 150
BACKGROUND = "Background sentence number {i} of a very long briefing note. "


@pytest.fixture(scope="module")
def big_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One meeting with 150 participants, a background of 20,000 characters and a
    follow-up action of 6,000, built in English."""
    root = tmp_path_factory.mktemp("big")
    orgs = "".join(
        f"  org{i}:\n    name: {{en: Participating organisation number {i}}}\n    country: BE\n"
        for i in range(ORGS)
    )
    background = "".join(BACKGROUND.format(i=i) for i in range(340))
    assert len(background) > 20_000
    meeting = meeting_yaml().replace(
        "participants: [ndrc]",
        "participants: [" + ", ".join(f"org{i}" for i in range(ORGS)) + "]",
    )
    meeting += f'background: {{en: "{background}"}}\n'
    meeting += f'follow_up:\n  - {{action: {{en: "{"Act now. " * 700}"}}, owner: host}}\n'
    (root / "visit" / "meetings").mkdir(parents=True)
    (root / "visit" / "visit.yaml").write_text(MINIMAL_VISIT + orgs)
    (root / "visit" / "meetings" / "m.yaml").write_text(meeting)
    build(root / "visit", BuildOptions(out=root / "out", langs=("en",), created=FIXED_TIME))
    return root / "out" / "en"


def test_the_participants_table_repeats_its_header_on_every_pdf_page(big_build: Path) -> None:
    pages = [p.extract_text() for p in PdfReader(big_build / "talks.pdf").pages]
    first = next(i for i, p in enumerate(pages) if "Participating organisation number 0" in p)
    last = next(i for i, p in enumerate(pages) if f"organisation number {ORGS - 1}" in p)
    assert last - first >= 2, "150 rows should need several pages"
    for page in pages[first : last + 1]:
        assert "Organisation" in page and "Country" in page


def test_the_docx_marks_the_header_row_to_repeat(big_build: Path) -> None:
    document = open_docx(str(big_build / "talks.docx"))
    table = next(t for t in document.tables if len(t.rows) == ORGS + 1)
    first_row = table.rows[0]._tr  # noqa: SLF001
    assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None
    assert all(
        row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None  # noqa: SLF001
        for row in table.rows[1:]
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_texts_longer_than_a_page_are_printed_whole(big_build: Path, fmt: str) -> None:
    text = squash((pdf_text if fmt == "pdf" else docx_text)(big_build / f"talks.{fmt}"))
    for i in (0, 170, 339):
        assert squash(BACKGROUND.format(i=i)) in text
    assert text.count("Actnow.") >= 690  # page furniture may interrupt a few


def test_a_visit_of_many_meetings_lists_them_all(make_visit: VisitFactory, tmp_path: Path) -> None:
    """The itinerary table and the contents list of the report span pages."""
    meetings = {}
    for i in range(48):
        day, hour = 22 + i // 8, 9 + i % 8
        text = meeting_yaml(id=f"m{i:02d}", title_en=f"Meeting number {i:02d}")
        text = text.replace("2024-10-23T16:00", f"2024-10-{day}T{hour:02d}:45")
        meetings[f"m{i:02d}.yaml"] = text.replace(
            "2024-10-23T14:30", f"2024-10-{day}T{hour:02d}:00"
        )
    out = tmp_path / "out"
    build(make_visit(meetings=meetings), BuildOptions(out=out, langs=("en",), formats=("pdf",)))
    pages = [p.extract_text() for p in PdfReader(out / "en" / "visit-report.pdf").pages]
    itinerary = [p for p in pages if "Date Time Place Meeting Hosts" in p]
    assert len(itinerary) >= 2
    listed = squash("".join(itinerary))
    assert all(f"Meetingnumber{i:02d}" in listed for i in range(48))


def test_a_running_header_too_long_for_its_line_ends_with_an_ellipsis(
    make_visit: VisitFactory,
) -> None:
    title = "A visit with a title far too long for the running header " * 4
    root = make_visit(MINIMAL_VISIT.replace("{en: Test visit,", f"{{en: {title.strip()},"))
    out = root.parent / "out"
    build(root, BuildOptions(out=out, langs=("en",), formats=("pdf",), created=FIXED_TIME))
    page = PdfReader(out / "en" / "talks.pdf").pages[0].extract_text()
    (header,) = [line for line in page.splitlines() if "…" in line]  # then the marking
    shown, marking = header.split("…")
    assert title.startswith(shown) and len(shown) < len(title.strip()), header
    assert marking.strip() == "Internal"
    assert squash(title) in squash(page)  # the cover still gives it whole
