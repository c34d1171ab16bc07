"""Long visits: a report whose contents fill more than a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefings.build import BuildOptions, build
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml
from tests.helpers import pdf_text


@pytest.mark.slow
def test_a_report_whose_contents_fill_more_than_a_page_builds(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    meetings = {
        f"{i:02d}.yaml": meeting_yaml(id=f"m{i:02d}", title_en=f"Meeting number {i}")
        for i in range(70)
    }
    visit = make_visit(meetings=meetings)
    out = tmp_path / "out"
    build(visit, BuildOptions(out=out, langs=("en",), formats=("pdf",), created=FIXED_TIME))
    report = out / "en" / "visit-report.pdf"
    text = " ".join(pdf_text(report).split())
    assert "Meeting number 0" in text and "Meeting number 69" in text
    assert len(PdfReader(report).pages) > 3
