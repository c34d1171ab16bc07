"""``briefings watch``: a build, then a rebuild of what changed after each edit."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefings import cli
from briefings.build import BuildOptions, BuildResult
from briefings.build import session as session_module
from briefings.build.watch import BuildOutcome, snapshot, watch
from briefings.diagnostics import InputError
from briefings.fonts import FontSet
from briefings.theme import Theme
from briefings.writers import Writer
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml

MEETINGS = {
    "01-talks.yaml": meeting_yaml(id="talks"),
    "02-lunch.yaml": meeting_yaml(id="lunch", title_en="Lunch", title_zh="午餐"),
}


def _watch_edits(visit: Path, out: Path, edits: list[Callable[[], None]]) -> list[BuildOutcome]:
    """Watch ``visit``; after each build, make the next edit; stop after the last
    edit's build. The outcomes of every build."""
    outcomes: list[BuildOutcome] = []

    def on_build(outcome: BuildOutcome, seconds: float) -> None:
        outcomes.append(outcome)
        if len(outcomes) <= len(edits):
            edits[len(outcomes) - 1]()

    options = BuildOptions(out=out, created=FIXED_TIME, jobs=1)
    deadline = time.monotonic() + 60  # a watch that misses an edit fails, not hangs
    watch(
        visit,
        options,
        on_build,
        interval=0.01,
        keep_going=lambda: len(outcomes) <= len(edits) and time.monotonic() < deadline,
    )
    assert len(outcomes) == len(edits) + 1, "an edit was not seen"
    return outcomes


def _names(result: BuildOutcome, out: Path) -> set[str]:
    assert isinstance(result, BuildResult), result
    return {p.relative_to(out).as_posix() for p in result.written}


def test_an_edited_meeting_rebuilds_its_documents_and_the_reports(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit(meetings=MEETINGS)
    out = tmp_path / "out"

    def edit_lunch() -> None:
        lunch = meeting_yaml(id="lunch", title_en="Lunch, moved", title_zh="午餐")
        (visit / "meetings" / "02-lunch.yaml").write_text(lunch, encoding="utf-8")

    first, second = _watch_edits(visit, out, [edit_lunch])
    assert len(_names(first, out)) == 12
    assert _names(second, out) == {
        f"{lang}/{name}.{fmt}"
        for lang in ("en", "zh")
        for name in ("lunch", "visit-report")
        for fmt in ("docx", "pdf")
    }


def test_a_broken_edit_reports_its_errors_keeps_the_files_and_a_fix_builds(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit(meetings=MEETINGS)
    out = tmp_path / "out"
    talks = visit / "meetings" / "01-talks.yaml"
    good = talks.read_text(encoding="utf-8")
    kept: dict[str, bytes] = {}

    def break_it() -> None:
        kept.update({p.name: p.read_bytes() for p in (out / "en").iterdir()})
        talks.write_text(good.replace("place: brussels", "place: atlantis"), encoding="utf-8")

    def fix_it() -> None:
        assert {p.name: p.read_bytes() for p in (out / "en").iterdir()} == kept
        talks.write_text(good.replace("Talks at", "Talks, again, at"), encoding="utf-8")

    _, broken, fixed = _watch_edits(visit, out, [break_it, fix_it])
    assert isinstance(broken, InputError)
    assert "atlantis" in str(broken.diagnostics[0]) and "01-talks.yaml" in str(
        broken.diagnostics[0].location
    )
    assert "en/talks.pdf" in _names(fixed, out)


def test_the_snapshot_skips_the_output_folder_and_hidden_folders(
    make_visit: VisitFactory,
) -> None:
    visit = make_visit(meetings=MEETINGS)
    for ignored in (visit / "build" / "en" / "talks.pdf", visit / ".git" / "HEAD"):
        ignored.parent.mkdir(parents=True)
        ignored.write_text("x", encoding="utf-8")
    files = {p.relative_to(visit.resolve()).as_posix() for p in snapshot([visit], visit / "build")}
    assert files == {"visit.yaml", "meetings/01-talks.yaml", "meetings/02-lunch.yaml"}


def test_the_command_builds_and_reports_each_build(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = make_visit(meetings=MEETINGS)

    def one_build(*args: Any, **kwargs: Any) -> None:
        watch(*args, **kwargs, keep_going=lambda: False)

    monkeypatch.setattr("briefings.build.watch.watch", one_build)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["watch", str(visit), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "built: rebuilt 12, up to date 0, removed 0" in result.output
    assert "waiting for a change" in result.output


def test_a_rebuild_uses_the_writers_of_the_first_build(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer loads its styles and fonts once per process, not once per build."""
    visit = make_visit(meetings=MEETINGS)
    made: list[str] = []
    real_make_writer = session_module.make_writer

    def make_writer(fmt: str, theme: Theme, fonts: FontSet) -> Writer:
        made.append(fmt)
        return real_make_writer(fmt, theme, fonts)

    def edit() -> None:
        (visit / "meetings" / "01-talks.yaml").write_text(
            meeting_yaml(id="talks", title_en="Talks, moved"), encoding="utf-8"
        )

    monkeypatch.setattr(session_module, "make_writer", make_writer)
    outcomes = _watch_edits(visit, tmp_path / "out", [edit])
    assert all(isinstance(outcome, BuildResult) for outcome in outcomes)
    # In the first build: a PDF writer for en and for zh, one DOCX writer for both.
    assert sorted(made) == ["docx", "pdf", "pdf"]
