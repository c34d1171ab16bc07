"""The command line: help, exit codes, errors without tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefings.cli import main
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_help_explains_each_command() -> None:
    assert "VISIT_DIR" in run("--help").output or "build" in run("--help").output
    for command in ("build", "validate", "i18n"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_validate_the_example() -> None:
    result = run("validate", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "9 meetings, 2 travel legs" in result.output


def test_build_narrowed_by_language_and_format(tmp_path: Path, make_visit: VisitFactory) -> None:
    result = run(
        "build",
        str(make_visit()),
        "--out",
        str(tmp_path / "out"),
        "--lang",
        "zh",
        "--format",
        "pdf",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "zh").iterdir()) == [
        "talks.pdf",
        "visit-report.pdf",
    ]
    assert not (tmp_path / "out" / "en").exists()


def test_errors_exit_1_without_traceback(make_visit: VisitFactory, tmp_path: Path) -> None:
    root = make_visit(
        meetings={"m.yaml": meeting_yaml().replace("place: brussels", "place: paris")}
    )
    result = run("build", str(root), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "unknown place 'paris'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run("build", str(EXAMPLE), "--format", "odt").exit_code == 2
    assert run("build", str(tmp_path / "missing")).exit_code == 2


def test_a_parallel_edition_is_built_from_two_known_languages(
    tmp_path: Path, make_visit: VisitFactory
) -> None:
    out = tmp_path / "out"
    result = run(
        "build", str(make_visit()), "--out", str(out), "--lang", "en+zh", "--format", "pdf"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "en+zh").iterdir()) == ["talks.pdf", "visit-report.pdf"]
    assert run("build", str(make_visit()), "--out", str(out), "--lang", "en+xx").exit_code == 2
