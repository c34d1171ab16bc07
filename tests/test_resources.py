"""Caches kept between builds: compiled templates (and converted fonts, see
tests/fonts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.build import BuildOptions, build
from briefings.resources import cache_dir
from tests.conftest import FIXED_TIME, VisitFactory


def test_compiled_templates_are_kept_and_reused(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = make_visit()
    first = build(root, BuildOptions(out=tmp_path / "a", langs=("en",), created=FIXED_TIME))
    compiled = sorted((tmp_path / "cache" / "briefings" / "templates").glob("*.cache"))
    assert compiled  # the briefing, the report and their shared macros
    stamps = [path.stat().st_mtime_ns for path in compiled]
    second = build(root, BuildOptions(out=tmp_path / "b", langs=("en",), created=FIXED_TIME))
    assert [path.stat().st_mtime_ns for path in compiled] == stamps  # read, not rewritten
    for a, b in zip(sorted(first.written), sorted(second.written), strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_an_unwritable_cache_falls_back_to_a_temporary_folder(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    folder = cache_dir("templates")
    assert folder.is_dir() and blocker not in folder.parents
    build(make_visit(), BuildOptions(out=tmp_path / "out", langs=("en",), created=FIXED_TIME))
