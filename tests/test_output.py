"""Atomic output: a build writes all its files or none, and leaves no temporary files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.build import BuildOptions, build
from briefings.build import session as session_module
from briefings.cli import main
from briefings.fonts import FontSet
from briefings.model import Document
from briefings.theme import Theme
from briefings.writers import Writer, make_writer
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file and folder under ``out`` (folders as empty bytes)."""
    return {
        str(p.relative_to(out)): p.read_bytes() if p.is_file() else b""
        for p in sorted(out.rglob("*"))
    }


def options(out: Path) -> BuildOptions:
    return BuildOptions(out=out, langs=("en",), created=FIXED_TIME)


def failing_writer(monkeypatch: pytest.MonkeyPatch, after: int, error: BaseException) -> None:
    """Make the writers raise ``error`` on the call after ``after`` successful ones."""
    calls = {"n": 0}

    def writer(fmt: str, theme: Theme, fonts: FontSet) -> Writer:
        real = make_writer(fmt, theme, fonts)

        class FailingWriter:
            def write(self, document: Document) -> bytes:
                calls["n"] += 1
                if calls["n"] > after:
                    raise error
                return real.write(document)

        return FailingWriter()

    monkeypatch.setattr(session_module, "make_writer", writer)


def test_a_successful_build_leaves_only_its_documents(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build(make_visit(), options(out))
    assert sorted(snapshot(out)) == [
        ".briefings-manifest.json",  # what each file was built from (incremental builds)
        "en",
        "en/talks.docx",
        "en/talks.pdf",
        "en/visit-report.docx",
        "en/visit-report.pdf",
    ]
    assert sorted(result.written) == sorted(p for p in out.rglob("*.*") if p.parent != out)
    assert all(p.stat().st_size > 1000 for p in result.written)  # complete files


@pytest.mark.parametrize(
    "error", [RuntimeError("disk on fire"), OSError(28, "No space left"), KeyboardInterrupt()]
)
def test_a_build_failing_mid_write_keeps_earlier_outputs(
    make_visit: VisitFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
) -> None:
    visit = make_visit()
    out = tmp_path / "out"
    build(visit, options(out))
    before = snapshot(out)
    (visit / "meetings" / "01-talks.yaml").write_text(meeting_yaml(title_en="Changed title"))
    failing_writer(monkeypatch, after=2, error=error)
    with pytest.raises(type(error)):
        build(visit, options(out))
    assert snapshot(out) == before  # no new, changed or temporary file


def test_a_first_build_that_fails_leaves_no_output_folder(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new" / "out"
    failing_writer(monkeypatch, after=1, error=RuntimeError("boom"))
    with pytest.raises(RuntimeError):
        build(make_visit(), options(out))
    assert not (tmp_path / "new").exists()


def test_the_command_line_hides_the_traceback_unless_asked(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_writer(monkeypatch, after=1, error=RuntimeError("disk on fire"))
    args = ["build", str(make_visit()), "--out", str(tmp_path / "out"), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "RuntimeError: disk on fire" in result.output
    assert "Traceback" not in result.output and "--debug" in result.output
    debug = CliRunner().invoke(main, [*args, "--debug"])
    assert isinstance(debug.exception, RuntimeError)
    assert not (tmp_path / "out").exists()
