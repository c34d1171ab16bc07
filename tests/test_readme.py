"""The README's two commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_two_commands() -> None:
    setup, tests = readme_commands()
    assert "pip install" in setup and "briefings build examples/iurc-china-2024" in setup
    assert "pytest" in tests


def test_ci_runs_both_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in readme_commands():
        assert command in ci


def test_the_record_format_reference_is_made_from_the_schema() -> None:
    """README.md's tables are what ``python docs/record_format.py`` prints."""
    import runpy

    module = runpy.run_path(str(ROOT / "docs" / "record_format.py"))
    assert module["readme_copy"]() == module["tables"]().strip("\n")


def test_the_readme_is_for_users_first() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## What it makes", "## Start your own visit", "## The record format"]
    assert len(text.split()) <= 5031 // 2  # the README once had 5,031 words, most internals
