"""Hostile or careless command lines: each is refused in one clear line that names the
thing at fault, with exit 1 or 2, and never a traceback."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.cli import main
from tests.conftest import MINIMAL_VISIT, meeting_yaml

Setup = Callable[[Path], tuple[list[str], str]]
"""Makes the scene under a folder; gives the command's arguments after ``build`` and
what the message must name."""


def small_visit(root: Path, name: str = "visit", meeting: str | None = None) -> Path:
    visit = root / name
    (visit / "meetings").mkdir(parents=True)
    (visit / "visit.yaml").write_text(MINIMAL_VISIT, encoding="utf-8")
    (visit / "meetings" / "01-talks.yaml").write_text(meeting or meeting_yaml(), encoding="utf-8")
    return visit


def quick(visit: Path, out: Path, *more: str) -> list[str]:
    return [str(visit), "--out", str(out), "--lang", "en", "--format", "pdf", "--jobs", "1", *more]


def summary_in_missing_folder(root: Path) -> tuple[list[str], str]:
    return quick(small_visit(root), root / "out", "--summary", str(root / "nodir" / "x.md")), "x.md"


def summary_on_full_disk(root: Path) -> tuple[list[str], str]:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    return quick(small_visit(root), root / "out", "--summary", "/dev/full"), "/dev/full"


def latin1_byte_in_path(root: Path) -> tuple[list[str], str]:
    visit = small_visit(root)
    odd = Path(os.fsdecode(bytes(root) + b"/visit\xe9"))
    visit.rename(odd)
    return quick(odd, root / "out"), "visit"


def control_character_in_folder_name(root: Path) -> tuple[list[str], str]:
    visit = small_visit(root)
    odd = root / "visit\x07bell"
    visit.rename(odd)
    return quick(odd, root / "out"), "visit"


def start_at_the_end_of_time(root: Path) -> tuple[list[str], str]:
    meeting = meeting_yaml().replace("2024-10-23T14:30", "9999-12-31T20:00")
    meeting = meeting.replace("2024-10-23T16:00", "9999-12-31T21:00")
    visit = small_visit(root, meeting=meeting)
    text = MINIMAL_VISIT.replace("end: 2024-10-27", "end: 9999-12-31")
    (visit / "visit.yaml").write_text(text, encoding="utf-8")
    return quick(visit, root / "out"), "01-talks.yaml:4"


def config(root: Path, text: str) -> tuple[list[str], str]:
    visit = small_visit(root)
    (visit / "briefings.toml").write_text(text, encoding="utf-8")
    return quick(visit, root / "out"), "briefings.toml"


def fonts_is_a_number(root: Path) -> tuple[list[str], str]:
    return config(root, "fonts = 5\n")


def style_is_a_text(root: Path) -> tuple[list[str], str]:
    return config(root, 'style = "x"\n')


def margins_wider_than_the_page(root: Path) -> tuple[list[str], str]:
    return config(root, "[style]\nmargin_left_mm = 120\nmargin_right_mm = 120\n")


def corrupted_font(root: Path) -> tuple[list[str], str]:
    font = root / "broken.ttf"
    font.write_bytes(b"\x00\x01\x00\x00" + bytes(range(256)) * 40)
    return quick(small_visit(root), root / "out", "--font", f"en={font}"), "broken.ttf"


def template(root: Path, text: str) -> tuple[list[str], str]:
    folder = root / "templates"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text(text, encoding="utf-8")
    args = quick(small_visit(root), root / "out", "--templates", str(folder))
    return args, "briefing.xml.j2:2"


def template_syntax_error(root: Path) -> tuple[list[str], str]:
    return template(root, "<document>\n{% if %}\n</document>\n")


def template_undefined_name(root: Path) -> tuple[list[str], str]:
    return template(root, "<document>\n<p>{{ nothing.here }}</p>\n</document>\n")


def manifest_nested_deep(root: Path) -> tuple[list[str], str]:
    out = root / "out"
    out.mkdir()
    (out / ".briefings-manifest.json").write_text("[" * 100_000 + "]" * 100_000)
    return quick(small_visit(root), out), ".briefings-manifest.json"


def output_under_a_file(root: Path) -> tuple[list[str], str]:
    (root / "file").write_text("not a folder")
    return quick(small_visit(root), root / "file" / "sub"), "file/sub"


def output_named_nothing(root: Path) -> tuple[list[str], str]:
    return [str(small_visit(root)), "--out", "", "--lang", "en"], "--out"


CASES: dict[str, tuple[Setup, tuple[int, ...]]] = {
    "summary in a missing folder": (summary_in_missing_folder, (1, 2)),
    "summary on a full disk": (summary_on_full_disk, (1,)),
    "a Latin-1 byte in a path": (latin1_byte_in_path, (1, 2)),
    "a control character in a folder name": (control_character_in_folder_name, (1, 2)),
    "a start at 9999-12-31T20:00": (start_at_the_end_of_time, (1,)),
    "fonts = 5": (fonts_is_a_number, (1,)),
    'style = "x"': (style_is_a_text, (1,)),
    "margins wider than the page": (margins_wider_than_the_page, (1,)),
    "a corrupted font": (corrupted_font, (1,)),
    "a template syntax error": (template_syntax_error, (1,)),
    "an undefined name in a template": (template_undefined_name, (1,)),
    "a manifest nested 100,000 deep": (manifest_nested_deep, (0,)),
    "an output folder under a file": (output_under_a_file, (1, 2)),
    "an output folder named by nothing": (output_named_nothing, (2,)),
}


@pytest.mark.parametrize("case", CASES)
def test_each_attack_gets_one_clear_line_and_no_traceback(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where an output folder named by nothing would go
    setup, exits = CASES[case]
    args, named = setup(tmp_path)
    result = CliRunner().invoke(main, ["build", *args])
    output = result.output
    assert result.exit_code in exits, output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert len(output.splitlines()) < 12, output
    lines = [line for line in output.splitlines() if named in line.replace("\\", "/")]
    assert lines, f"nothing names {named!r}:\n{output}"
    assert not re.search(r"\b[A-Z][a-z]+\w*(Error|Exception)\b", output), output
    assert not any(c in output for c in "\x07\udce9"), output
