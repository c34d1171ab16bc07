"""The shipped catalogues: complete, consistent with the code, accepted by GNU msgfmt."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from briefings.i18n.catalogues import catalogue_path, interface_translations, known_languages
from briefings.i18n.tools import extract, statistics
from briefings.resources import templates_dir, translations_dir
from tests.i18n.po import fill_po

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "briefings"


def shipped_catalogues() -> list[Path]:
    return sorted(translations_dir().glob("*/LC_MESSAGES/*.po"))


def test_chinese_is_shipped() -> None:
    assert "zh" in known_languages()


@pytest.mark.parametrize("lang", [p.parent.parent.name for p in shipped_catalogues()])
def test_every_catalogue_is_complete_without_fuzzy_entries(lang: str) -> None:
    _, total, missing = statistics(lang, translations_dir())
    assert total > 40
    assert missing == []


def test_the_template_is_up_to_date_with_code_and_templates() -> None:
    fresh = {m.id for m in extract([(PACKAGE, "python"), (templates_dir(), "jinja2")]) if m.id}
    with (translations_dir() / "briefings.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert fresh == committed, "run: briefings i18n extract && briefings i18n update"


def test_chinese_has_one_plural_form() -> None:
    with catalogue_path("zh").open("rb") as handle:
        assert read_po(handle).plural_forms == "nplurals=1; plural=0;"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("po", shipped_catalogues(), ids=lambda p: p.parent.parent.name)
def test_gnu_msgfmt_check_accepts_the_catalogue(po: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_check_catches_a_changed_placeholder(tmp_path: Path) -> None:
    broken = (
        catalogue_path("zh")
        .read_text(encoding="utf-8")
        .replace('msgstr "第 {page} 页，共 {pages} 页"', 'msgstr "第 {page} 页，共 {total} 页"')
    )
    po = tmp_path / "broken.po"
    po.write_text(broken, encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, check=False
    )
    assert result.returncode != 0


def test_an_edited_catalogue_is_read_again(tmp_path: Path) -> None:
    """A long-lived process (``briefings watch``) sees a translator's edit."""
    root = tmp_path / "translations"
    po = catalogue_path("zh", root)
    po.parent.mkdir(parents=True)
    shutil.copy(catalogue_path("zh"), po)
    fill_po(po, {"Background": "背景一"})
    assert interface_translations("zh", root).gettext("Background") == "背景一"
    fill_po(po, {"Background": "背景情况"})
    assert interface_translations("zh", root).gettext("Background") == "背景情况"
