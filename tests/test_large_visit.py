"""Long visits: a report whose contents fill more than a page, and a report too long
to hold, kept on disk and read back for each reading."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefings import build as build_module
from briefings import markup as markup_module
from briefings.build import BuildOptions, build
from briefings.model import BlockStream, Heading, Paragraph
from briefings.storage import StoredSequence
from briefings.writers.pdf.canvas import DraftCanvas
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


def test_a_spooled_report_gives_the_files_of_a_held_one(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long report is kept on disk and read back for each reading instead of being
    held; the files are the same, in every language and format."""
    options = BuildOptions(out=tmp_path / "held", langs=("en", "zh", "en+zh"), created=FIXED_TIME)
    build(example, replace(options, jobs=1))
    streams: list[BlockStream] = []

    class CountedStream(BlockStream):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            streams.append(self)

    tables: list[StoredSequence[Any]] = []

    class CountedRows(StoredSequence[Any]):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            tables.append(self)

    monkeypatch.setattr(build_module, "SPOOLED_REPORTS_FROM", 0)
    monkeypatch.setattr(build_module, "BlockStream", CountedStream)
    monkeypatch.setattr(markup_module, "LONG_TABLE", 2)  # the writers read rows from disk
    monkeypatch.setattr(markup_module, "StoredSequence", CountedRows)
    build(example, replace(options, out=tmp_path / "spooled", jobs=1))
    assert len(streams) == 4  # en, zh, and both sides of en+zh
    assert tables and all(len(rows) > 2 for rows in tables)
    held = sorted(p.relative_to(tmp_path / "held") for p in (tmp_path / "held").rglob("*.*"))
    assert len(held) == 61  # 30 documents in two formats, and the manifest
    for name in held:
        if name.suffix != ".json":
            assert (tmp_path / "spooled" / name).read_bytes() == (
                tmp_path / "held" / name
            ).read_bytes(), name


@pytest.mark.slow
def test_a_spooled_report_holds_few_blocks_while_it_is_written(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meetings = {
        f"{i:02d}.yaml": meeting_yaml(id=f"m{i:02d}", title_en=f"Meeting number {i}")
        for i in range(60)
    }
    visit = make_visit(meetings=meetings)
    alive: list[int] = []
    show_page = DraftCanvas.showPage

    def counting(self: DraftCanvas) -> None:
        gc.collect()
        alive.append(sum(isinstance(o, Heading | Paragraph) for o in gc.get_objects()))
        show_page(self)

    monkeypatch.setattr(DraftCanvas, "showPage", counting)
    options = BuildOptions(tmp_path, langs=("en",), formats=("pdf",), created=FIXED_TIME, jobs=1)
    for spooled_from in (1000, 1):
        monkeypatch.setattr(build_module, "SPOOLED_REPORTS_FROM", spooled_from)
        alive.clear()
        build(visit, replace(options, out=tmp_path / str(spooled_from)))
        if spooled_from == 1000:
            held = max(alive)
    assert max(alive) < held / 2, (max(alive), held)
