"""A translation that changes the placeholders of its msgid is refused when the
catalogue is loaded, naming the file, line and msgid, not at render time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.cli import main
from briefings.diagnostics import InputError
from briefings.i18n.catalogues import catalogue_path, interface_translations
from briefings.resources import translations_dir
from tests.i18n.po import fill_po

# msgid -> (bad translation, what the error says)
BAD = {
    "template: a lone percent sign": ("Participants", "参会方 50%", "write '%%'"),
    "template: an unknown %(name)s": ("Background", "%(name)s背景", "has %(name)s"),
    "template: an unnamed %s": ("Objectives", "目标 %s", "'%s'"),
    "template: {x} in a string without fields": ("Outcomes", "成果{x}", "has {x}"),
    "code: a renamed field": ("{start} – {end}", "{start}至{ende}", "has {ende}"),
    "code: a missing field": ("Page {page} of {pages}", "第 {page} 页", "lacks {pages}"),
    "code: an extra field": ("{date} {time}", "{date}{time}{zone}", "has {zone}"),
    "code: an unclosed brace": ("{date} {time}", "{date}{time", "cannot be formatted"),
}
GOOD = {
    "template: a doubled percent sign": ("Participants", "参会方（100%%）"),
    "code: fields reordered": ("{times} {zone}", "{zone}：{times}"),
    "code only: a percent sign needs no doubling": ("Site visit", "实地考察（100%）"),
}


def catalogue_with(tmp_path: Path, msgid: str, translation: str, keep_references: bool) -> Path:
    root = tmp_path / "translations"
    po = catalogue_path("zh", root)
    po.parent.mkdir(parents=True)
    shutil.copy(catalogue_path("zh"), po)
    fill_po(po, {msgid: translation})
    if not keep_references:  # a catalogue written without `#:` lines (msgcat --no-location)
        text = po.read_text(encoding="utf-8")
        po.write_text("".join(line for line in text.splitlines(True) if not line.startswith("#:")))
    return root


def line_of(po: Path, msgid: str) -> int:
    lines = po.read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


@pytest.mark.parametrize("keep_references", [True, False], ids=["with #:", "without #:"])
@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_changed_placeholder_names_file_line_and_msgid(
    case: str, keep_references: bool, tmp_path: Path
) -> None:
    msgid, translation, says = BAD[case]
    root = catalogue_with(tmp_path, msgid, translation, keep_references)
    po = catalogue_path("zh", root)
    with pytest.raises(InputError) as caught:
        interface_translations("zh", root)
    [error] = caught.value.diagnostics
    assert error.location.file == po
    assert error.location.line == line_of(po, msgid)
    assert repr(msgid) in error.message and says in error.message


@pytest.mark.parametrize("case", GOOD, ids=list(GOOD))
def test_a_faithful_translation_is_accepted(case: str, tmp_path: Path) -> None:
    msgid, translation = GOOD[case]
    root = catalogue_with(tmp_path, msgid, translation, keep_references=False)
    assert interface_translations("zh", root).gettext(msgid) == translation


def test_a_build_with_a_bad_catalogue_stops_before_rendering(example: Path, tmp_path: Path) -> None:
    root = catalogue_with(tmp_path, "Participants", "参会方 50%", keep_references=True)
    out = tmp_path / "out"
    args = ["build", str(example), "--out", str(out), "--lang", "zh", "--translations", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "incomplete format" not in result.output and "Traceback" not in result.output
    po = catalogue_path("zh", root)
    assert f"{po.name}:{line_of(po, 'Participants')}:" in result.output.replace("\n", "")
    assert "'Participants'" in result.output
    assert not list(out.rglob("*.pdf"))


def test_the_shipped_catalogues_keep_their_placeholders() -> None:
    for po in translations_dir().glob("*/LC_MESSAGES/*.po"):
        interface_translations(po.parent.parent.name)  # raises if a placeholder changed
