"""Nothing lost, nothing written astray: ``i18n init`` keeps an existing catalogue,
content catalogues keep the translations of texts that left the records, language
codes cannot name another folder, and broken catalogues are one clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner, Result

from briefings.cli import main
from briefings.diagnostics import InputError
from briefings.i18n.catalogues import catalogue_path, interface_translations
from briefings.i18n.codes import LanguageCodeError, check_language_code
from briefings.i18n.content import content_catalogue_path, load_content_catalogue
from briefings.i18n.tools import statistics
from briefings.resources import translations_dir
from tests.helpers import squash
from tests.i18n.po import fill_po

MEETING = "meetings/02-dg-regio.yaml"
TITLE = "Meeting with the Directorate-General for Regional and Urban Policy"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_clear_line(result: Result) -> None:
    """An error for users: no traceback, exit 1 or 2."""
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def user_translations(tmp_path: Path) -> Path:
    """A user's catalogue folder: a copy of the shipped template and Chinese catalogue."""
    root = tmp_path / "translations"
    catalogue_path("zh", root).parent.mkdir(parents=True)
    shutil.copy(catalogue_path("zh"), catalogue_path("zh", root))
    shutil.copy(translations_dir() / "briefings.pot", root)
    return root


# --- i18n init never overwrites a catalogue silently ----------------------------------


def test_init_refuses_to_replace_a_translated_catalogue(tmp_path: Path) -> None:
    root = user_translations(tmp_path)
    po = catalogue_path("zh", root)
    before = po.read_bytes()
    result = run("i18n", "init", "zh", "--translations", str(root))
    assert result.exit_code == 1
    assert str(po) in result.output and "--force" in result.output
    assert po.read_bytes() == before
    translated, total, _ = statistics("zh", root)
    assert translated == total > 40


def test_init_with_force_starts_the_catalogue_again(tmp_path: Path) -> None:
    root = user_translations(tmp_path)
    result = run("i18n", "init", "zh", "--translations", str(root), "--force")
    assert result.exit_code == 0, result.output
    assert statistics("zh", root)[0] == 0


# --- content catalogues keep translations of texts that left the records -------------


def test_a_meeting_moved_out_and_back_keeps_its_translations(example: Path, tmp_path: Path) -> None:
    assert run("i18n", "extract-content", str(example), "--lang", "fr").exit_code == 0
    po = content_catalogue_path(example, "fr")
    fill_po(po, {TITLE: "Réunion avec la DG REGIO", "Urban and regional development": "Urbain"})
    parked = tmp_path / "parked.yaml"
    shutil.move(example / MEETING, parked)
    assert run("i18n", "extract-content", str(example)).exit_code == 0
    assert TITLE not in load_content_catalogue(example, "fr")
    assert '#~ msgid "Meeting with the Directorate-General' in po.read_text(encoding="utf-8")

    shutil.move(parked, example / MEETING)
    assert run("i18n", "extract-content", str(example)).exit_code == 0
    with po.open("rb") as handle:
        entry = read_po(handle).get(TITLE)
    assert entry is not None and entry.string == "Réunion avec la DG REGIO"
    assert not entry.fuzzy
    assert load_content_catalogue(example, "fr")["Urban and regional development"] == "Urbain"
    assert "#~ msgid" not in po.read_text(encoding="utf-8")


def test_a_changed_text_keeps_the_old_translation_too(example: Path) -> None:
    assert run("i18n", "extract-content", str(example), "--lang", "fr").exit_code == 0
    po = content_catalogue_path(example, "fr")
    fill_po(po, {TITLE: "Réunion avec la DG REGIO"})
    meeting = example / MEETING
    original = meeting.read_text(encoding="utf-8")
    meeting.write_text(original.replace(TITLE, TITLE + " (moved)"), encoding="utf-8")
    assert run("i18n", "extract-content", str(example)).exit_code == 0
    meeting.write_text(original, encoding="utf-8")
    assert run("i18n", "extract-content", str(example)).exit_code == 0
    assert load_content_catalogue(example, "fr")[TITLE] == "Réunion avec la DG REGIO"


# --- language codes ------------------------------------------------------------------


@pytest.mark.parametrize("code", ["fr", "zh", "pt-BR", "pt_BR", "zh-Hant-TW", "en-XA", "yue"])
def test_language_tags_are_accepted(code: str) -> None:
    assert check_language_code(code) == code


@pytest.mark.parametrize(
    "code", ["../../evil", "..", "fr/../../x", "", "FR", "f", "fr-", "fr/x", "zh\n", "a" * 40]
)
def test_anything_else_is_refused(code: str) -> None:
    with pytest.raises(LanguageCodeError, match="not a language code"):
        check_language_code(code)


def test_catalogue_paths_are_never_built_from_a_bad_code(tmp_path: Path) -> None:
    with pytest.raises(LanguageCodeError):
        catalogue_path("../../evil", tmp_path)
    with pytest.raises(LanguageCodeError):
        content_catalogue_path(tmp_path, "../../evil")


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


@pytest.mark.parametrize("command", ["extract-content", "status"])
def test_i18n_commands_refuse_a_path_as_language(
    command: str, example: Path, tmp_path: Path
) -> None:
    before = files_under(tmp_path)
    result = run("i18n", command, str(example), "--lang", "../../evil")
    one_clear_line(result)
    assert "'../../evil' is not a language code" in result.output
    assert files_under(tmp_path) == before


def test_build_refuses_a_path_as_language(example: Path, tmp_path: Path) -> None:
    result = run("build", str(example), "--out", str(tmp_path / "out"), "--lang", "en,../../x")
    one_clear_line(result)
    assert "'../../x' is not a language code" in result.output
    assert not (tmp_path / "x").exists() and not (tmp_path / "out").exists()


def test_init_refuses_a_path_as_language(tmp_path: Path) -> None:
    root = tmp_path / "a" / "translations"
    result = run("i18n", "init", "../../evil", "--translations", str(root))
    one_clear_line(result)
    assert "'../../evil' is not a language code" in result.output
    assert files_under(tmp_path) == set()


def test_init_of_a_language_cldr_does_not_know_is_one_clear_line(tmp_path: Path) -> None:
    result = run("i18n", "init", "xx-bogus", "--translations", str(tmp_path / "t"))
    one_clear_line(result)
    assert "'xx-bogus' is not a language Babel (CLDR) knows" in result.output
    assert not (tmp_path / "t").exists()


# --- broken catalogues ---------------------------------------------------------------

BROKEN = {
    "garbage": (b"this is not a catalogue\n", ":1", "not a .po file"),
    "bad charset": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=bogus\\n"\n\n'
        b'msgid "Background"\nmsgstr "x"\n',
        "",
        "its header names a charset Python does not know",
    ),
    "latin-1 bytes": (b'msgid "Background"\nmsgstr "Hintergr\xfcnde"\n', ":2", "not utf-8 text"),
}


def names(output: str, po: Path, line: str, message: str) -> bool:
    """Whether ``output`` names the file (maybe shortened), its line and the problem."""
    return squash(f"{po.name}{line}:") in squash(output) and squash(message) in squash(output)


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_interface_catalogue_is_one_clear_error(
    case: str, example: Path, tmp_path: Path
) -> None:
    root = user_translations(tmp_path)
    po = catalogue_path("zh", root)
    content, line, message = BROKEN[case]
    po.write_bytes(content)
    with pytest.raises(InputError) as caught:
        interface_translations("zh", root)
    assert str(po) in str(caught.value.diagnostics[0])
    assert names(str(caught.value.diagnostics[0]), po, line, message)
    out = str(tmp_path / "out")
    build = ["build", str(example), "--out", out, "--lang", "zh", "--translations", str(root)]
    for args in (build, ["i18n", "update"], ["i18n", "compile"], ["i18n", "status"]):
        if args[0] == "i18n":
            args = [*args, *([str(example)] if args[1] == "status" else []), "--translations",
                    str(root)]  # fmt: skip
        result = run(*args)
        one_clear_line(result)
        assert names(result.output, po, line, message), args


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_content_catalogue_is_one_clear_error(case: str, example: Path) -> None:
    po = content_catalogue_path(example, "zh")
    po.parent.mkdir()
    content, line, message = BROKEN[case]
    po.write_bytes(content)
    for args in (["i18n", "extract-content"], ["i18n", "status"]):
        result = run(*args, str(example))
        one_clear_line(result)
        assert names(result.output, po, line, message), args
    assert sorted(po.parent.iterdir()) == [po], "extract-content wrote something"
