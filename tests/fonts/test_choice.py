"""Font choice: --font, [fonts] in briefings.toml, shipped fonts, machine fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont as FontFile

from briefings.cli import main
from briefings.diagnostics import InputError
from briefings.fonts import shipped_fontset
from briefings.fonts.choice import choose_fontset, font_choices, parse_key, resolve_face
from tests.conftest import VisitFactory
from tests.fonts.conftest import NOTO_SERIF, needs_noto
from tests.fonts.tiny import make_font


def test_keys_name_a_role_and_a_style() -> None:
    assert parse_key("zh") == ("cjk", "regular")
    assert parse_key("zh-bold") == ("cjk", "bold")
    assert parse_key("en-bolditalic") == ("latin", "bolditalic")
    with pytest.raises(ValueError, match="unknown font key 'fr'"):
        parse_key("fr")


@needs_noto
def test_a_collection_face_is_chosen_by_index_or_name() -> None:
    base = Path("/")
    assert resolve_face(f"{NOTO_SERIF}#1", base).index == 1
    assert resolve_face(f"{NOTO_SERIF}#SC", base).index == 2
    assert resolve_face(f"{NOTO_SERIF}#Noto Serif CJK TC", base).index == 3
    # Noto puts Japanese first; for Chinese text the Simplified Chinese face is meant
    assert resolve_face(str(NOTO_SERIF), base, role="cjk").index == 2
    with pytest.raises(ValueError, match=r"no face named 'XX' \(it has: #0 Noto Serif CJK JP"):
        resolve_face(f"{NOTO_SERIF}#XX", base)
    with pytest.raises(ValueError, match="there is no face 9"):
        resolve_face(f"{NOTO_SERIF}#9", base)


def test_every_bad_choice_is_reported_at_once(tmp_path: Path) -> None:
    config = tmp_path / "briefings.toml"
    with pytest.raises(InputError) as caught:
        font_choices(["zh=missing.ttf"], {"zh": "nowhere.otf", "cjk": "x", "system": "no"}, config)
    lines = [str(d) for d in caught.value.diagnostics]
    assert any("fonts.zh" in line and "nowhere.otf" in line for line in lines)
    assert any("fonts.cjk" in line and "unknown font key" in line for line in lines)
    assert any("fonts.system" in line and "true or false" in line for line in lines)
    assert any("--font" in line and "missing.ttf" in line for line in lines)


def test_the_command_line_wins_over_the_file_whose_paths_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fonts").mkdir()
    in_file = make_font(tmp_path / "fonts" / "file.ttf", "中")
    on_line = make_font(tmp_path / "line.ttf", "中")
    config = {"zh": "fonts/file.ttf", "en-bold": "fonts/file.ttf"}
    monkeypatch.chdir(tmp_path)
    choices = font_choices(["zh=line.ttf"], config, tmp_path / "briefings.toml")
    assert choices.faces["cjk", "regular"].path == on_line
    assert choices.faces["latin", "bold"].path == in_file


def test_the_chosen_font_comes_first_and_the_shipped_one_fills_its_gaps(tmp_path: Path) -> None:
    mine = make_font(tmp_path / "mine.ttf", "中文")
    choices = font_choices([f"zh={mine}"], {"system": False}, None)
    fonts = choose_fontset("zh", "中文会A", choices)
    assert fonts.face_for("中") == fonts.cjk["regular"] and fonts.cjk["regular"].path == mine
    assert fonts.cjk["bold"].path == mine and fonts.cjk["bold"].fake_bold
    shipped = shipped_fontset("zh")
    assert fonts.face_for("会") == shipped.cjk["regular"]  # not in mine: WenQuanYi
    assert fonts.face_for("A") == shipped.latin["regular"]
    assert fonts.missing("中会A\U00020bb7") == ["\U00020bb7"]  # system = false


def test_a_chosen_cff_font_is_converted(tmp_path: Path, font_cache: Path) -> None:
    mine = make_font(tmp_path / "mine.otf", "中文", cff=True)
    fonts = choose_fontset("zh", "中文", font_choices([f"zh={mine}"], {}, None))
    face = fonts.face_for("中")
    assert face is not None and face.path.parent == font_cache
    assert "glyf" in FontFile(face.path)


def test_machine_fonts_fill_what_the_others_lack(tmp_path: Path) -> None:
    fonts = choose_fontset("zh", "中\U00020bb7", font_choices([], {}, None))
    face = fonts.face_for("\U00020bb7")
    if face is None:
        pytest.skip("no font on this machine has U+20BB7 (or no fontconfig)")
    assert ord("\U00020bb7") in FontFile(face.path, fontNumber=face.index).getBestCmap()
    assert face in fonts.faces()


def test_the_font_option_is_checked_on_the_command_line(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit()
    runner = CliRunner()
    usage = runner.invoke(main, ["build", str(visit), "--font", "fr=x.ttf"])
    assert usage.exit_code == 2 and "unknown font key 'fr'" in usage.output
    missing = runner.invoke(
        main, ["build", str(visit), "--out", str(tmp_path / "o"), "--font", "zh=nope.ttf"]
    )
    assert missing.exit_code == 1 and "no font file" in missing.output
    assert not (tmp_path / "o").exists()
