"""Every catalogue the tool writes names what it translates (briefings, or the visit)
in its header, keeps none of Babel's placeholders, and passes ``msgfmt --check``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.cli import main
from briefings.i18n.catalogues import catalogue_path
from briefings.resources import translations_dir

PLACEHOLDERS = ("ORGANIZATION", "FIRST AUTHOR", "EMAIL@ADDRESS", "FULL NAME", "YEAR", "LL@li.org")
VISIT_ID = "iurc-china-2024"


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def header(po: Path) -> str:
    """The header comment and the header entry: everything before the first msgid
    that is not the empty one."""
    text = po.read_text(encoding="utf-8")
    return text[: text.index('msgid "', text.index('msgid ""') + 1)]


def written_catalogues(example: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of catalogue, written by the command a user runs, with the name its
    header must carry."""
    root = tmp_path / "translations"
    root.mkdir()
    shutil.copy(translations_dir() / "briefings.pot", root)
    run("i18n", "init", "fr", "--translations", str(root))
    run("i18n", "update", "--translations", str(root))
    run("i18n", "extract", "--translations", str(tmp_path / "extracted"))
    run("i18n", "extract-content", str(example), "--lang", "fr")
    content = example / "translations"
    return {
        "interface template": (tmp_path / "extracted" / "briefings.pot", "briefings"),
        "interface catalogue (init, update)": (catalogue_path("fr", root), "briefings"),
        "content template": (content / "content.pot", VISIT_ID),
        "content catalogue": (content / "fr.po", VISIT_ID),
        "shipped template": (translations_dir() / "briefings.pot", "briefings"),
        "shipped Chinese catalogue": (catalogue_path("zh"), "briefings"),
    }


def test_headers_name_the_project_without_placeholders(example: Path, tmp_path: Path) -> None:
    for kind, (po, name) in written_catalogues(example, tmp_path).items():
        text = header(po)
        assert name in text.splitlines()[0], kind
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text, f"{kind}: {placeholder}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_check_accepts_every_catalogue_written(example: Path, tmp_path: Path) -> None:
    for kind, (po, _) in written_catalogues(example, tmp_path).items():
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{kind}: {result.stderr}"
        assert "default value" not in result.stderr, f"{kind}: {result.stderr}"
