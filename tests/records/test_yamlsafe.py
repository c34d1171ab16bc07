"""YAML is read as the record writer meant it, with positions for every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.diagnostics import Severity
from briefings.records.yamlsafe import load_yaml, normalise_space


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    return load_yaml(file)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("t: 10:30", "10:30"),  # YAML 1.1 reads a sexagesimal integer (630)
        ("t: no", "no"),  # ... a boolean
        ("t: NO", "NO"),
        ("t: 0123", "0123"),  # ... an octal 83
        ("t: 1e3", "1e3"),
        ("t: 2024-10-23", "2024-10-23"),
    ],
)
def test_plain_scalars_stay_the_strings_that_were_written(
    tmp_path: Path, yaml_text: str, expected: str
) -> None:
    document, problems = load(tmp_path, yaml_text)
    assert not problems
    assert document.data == {"t": expected}


def test_empty_and_null_values_are_none(tmp_path: Path) -> None:
    document, _ = load(tmp_path, "a:\nb: null\nc: ~\nd: 'null'")
    assert document.data == {"a": None, "b": None, "c": None, "d": "null"}


def test_positions_point_at_line_and_column(tmp_path: Path) -> None:
    document, _ = load(tmp_path, "a:\n  b:\n    - x\n    - y\n")
    assert document.positions[("a", "b", 1)] == (4, 7)
    assert document.key_positions[("a", "b")] == (2, 3)


def test_python_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: !!python/object/apply:os.system ['true']")
    assert problems and "not allowed" in problems[0].message


def test_syntax_errors_give_line_and_column(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert document is None
    assert problems[0].location.line == 2
    assert "YAML syntax error" in problems[0].message


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\na: 2\n")
    assert "given twice" in problems[0].message
    assert problems[0].location.line == 2


def test_alias_bombs_are_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    document, problems = load(tmp_path, "\n".join(lines))
    assert document is None
    assert "more than" in problems[0].message


def test_control_characters_are_rejected_and_tabs_softened(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'a: "bell\\x07"\nb: "tab\\tand\\vvt"\n')
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    assert "U+0007" in errors[0].message and errors[0].location.field == "a"
    assert warnings[0].location.field == "b"


def test_lone_surrogates_are_rejected(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'a: "x\\ud800y"\n')
    # libyaml refuses the escape itself; PyYAML's own parser lets it through to our check.
    message = problems[0].message
    assert "surrogate" in message or "invalid Unicode character escape" in message
    assert problems[0].location.line == 1


def test_folded_chinese_loses_the_spaces_between_lines() -> None:
    assert normalise_space("城市，\n  区域") == "城市，区域"
    assert normalise_space("IURC 中国  项目") == "IURC 中国项目"
    assert normalise_space("two  words") == "two words"
