"""Freed memory goes back to the system during a build."""

from __future__ import annotations

import gc
import platform
import weakref
from dataclasses import replace
from pathlib import Path

import pytest

from briefings import build as build_module
from briefings import memory
from briefings.build import BuildOptions, build
from tests.conftest import FIXED_TIME


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_release_uses_glibc_malloc_trim() -> None:
    assert memory._TRIM is not None
    memory.release()


def test_a_build_releases_memory_after_reports_and_every_few_documents(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build_module, "release", lambda: calls.append(1))
    monkeypatch.setattr(build_module, "RELEASE_EVERY", 4)
    options = BuildOptions(
        tmp_path / "out", langs=("en",), formats=("pdf",), created=FIXED_TIME, jobs=1
    )
    result = build(example, options)
    documents = len(result.written)  # 9 briefings and the report, one format
    assert documents == 10
    assert len(calls) == 1 + documents // 4  # the report, and every fourth document


def test_what_a_build_loaded_is_left_alone_by_the_collector_until_it_ends() -> None:
    assert gc.get_freeze_count() == 0
    with memory.held_for_the_build():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_release_frees_the_cycles_documents_leave() -> None:
    class Page:
        other: Page

    gc.disable()  # only release may collect
    try:
        with memory.held_for_the_build():
            page = Page()
            page.other = page  # a reference cycle, as reportlab's pages and canvases make
            gone = weakref.ref(page)
            del page
            assert gone() is not None
            memory.release()
            assert gone() is None
    finally:
        gc.enable()


def test_a_build_runs_with_what_it_loaded_frozen(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(build_module, "release", lambda: frozen.append(gc.get_freeze_count()))
    options = BuildOptions(tmp_path / "out", langs=("en",), formats=("pdf",), created=FIXED_TIME)
    build(example, replace(options, jobs=1))
    assert frozen and all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0
