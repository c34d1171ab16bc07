"""The cache of converted fonts kept between builds (see also tests/fonts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.build import BuildOptions, build
from briefings.resources import cache_dir
from tests.conftest import FIXED_TIME, VisitFactory


def test_an_unwritable_cache_falls_back_to_a_temporary_folder(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    folder = cache_dir("fonts")
    assert folder.is_dir() and blocker not in folder.parents
    build(make_visit(), BuildOptions(out=tmp_path / "out", langs=("en",), created=FIXED_TIME))
