"""A visit folder with a dozen different mistakes: one report lists them all.

``tests/fixtures/many-mistakes`` marks each mistake with a ``# MISTAKE:`` comment
(``# WARNING:`` for the overlap); every one must be reported with its file, line and
field, the build must fail, and the output folder must stay as it was.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.build import REPORT_NAME, BuildOptions, build
from briefings.cli import main
from briefings.diagnostics import InputError, Severity
from briefings.records import load_records
from briefings.records.checks import RESERVED_MEETING_IDS
from tests.conftest import MINIMAL_VISIT, VisitFactory, meeting_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "many-mistakes"

# (file, line, field, words of the message) for every mistake in the fixture.
EXPECTED_ERRORS = [
    ("meetings/01-syntax.yaml", 4, "", "it began on line 3, column 8"),
    ("meetings/02-types.yaml", 2, "kind", "'meetng' is not a kind of meeting"),
    ("meetings/02-types.yaml", 3, "title", "should be a mapping"),
    ("meetings/02-types.yaml", 8, "hosts", "should be a list"),
    ("meetings/03-references.yaml", 6, "place", "unknown place 'bruxelles'; did you mean"),
    ("meetings/03-references.yaml", 8, "hosts[0]", "unknown organisation 'hots'"),
    ("meetings/03-references.yaml", 10, "venu", "did you mean 'venue'?"),
    ("meetings/04-times.yaml", 4, "start", "should be a local date and time"),
    ("meetings/04-times.yaml", 5, "end", "(got '10:30')"),
    ("meetings/04-times.yaml", 11, "follow_up[0].due", "should be a date"),
    ("meetings/05-order.yaml", 5, "end", "before it starts"),
    ("meetings/06-outside.yaml", 4, "start", "outside the visit"),
    ("meetings/06-outside.yaml", 5, "end", "outside the visit"),
    ("meetings/07-duplicate.yaml", 1, "id", "already used by 05-order.yaml"),
    ("meetings/08-reserved.yaml", 1, "id", "'visit-report' is the name of another output"),
    ("meetings/09-control.yaml", 3, "title.en", "control character U+0007"),
    ("meetings/09-control.yaml", 8, "venue", "given twice"),
    ("visit.yaml", 4, "home_timezone", "did you mean 'Asia/Shanghai'?"),
    ("visit.yaml", 19, "organisations.host.contry", "did you mean 'country'?"),
]
EXPECTED_WARNING = ("meetings/10-overlap.yaml", 4, "start", "overlaps with 'order'")


def marked_lines() -> set[tuple[str, int]]:
    """Every ``# MISTAKE`` comment of the fixture, as (file, line)."""
    marks = set()
    for file in sorted(FIXTURE.rglob("*.yaml")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if "# MISTAKE" in line:
                marks.add((str(file.relative_to(FIXTURE)), number))
    return marks


def test_the_fixture_marks_exactly_the_expected_mistakes() -> None:
    expected = {(file, line) for file, line, _, _ in EXPECTED_ERRORS}
    # The mark on the start of 06-outside.yaml stands for its end too.
    expected.remove(("meetings/06-outside.yaml", 5))
    assert marked_lines() == expected


def test_every_mistake_is_in_one_report_with_file_line_and_field() -> None:
    with pytest.raises(InputError) as caught:
        load_records(FIXTURE)
    found = [
        (str(d.location.file.relative_to(FIXTURE)), d.location.line, d.location.field, d)
        for d in caught.value.diagnostics
    ]
    for file, line, field, words in EXPECTED_ERRORS:
        matches = [
            d
            for f, n, fld, d in found
            if (f, n, fld) == (file, line, field) and d.severity is Severity.ERROR
        ]
        assert any(words in d.message for d in matches), (file, line, field, words, found)
    file, line, field, words = EXPECTED_WARNING
    warnings = [d for f, n, fld, d in found if (f, n, fld) == (file, line, field)]
    assert [d.severity for d in warnings] == [Severity.WARNING]
    assert words in warnings[0].message
    # Nothing more than what was planted: one diagnostic per mistake.
    assert len(caught.value.errors) == len(EXPECTED_ERRORS)
    assert len(caught.value.diagnostics) == len(EXPECTED_ERRORS) + 1


@pytest.fixture
def earlier_output(tmp_path: Path) -> tuple[Path, dict[Path, bytes]]:
    """An output folder holding the files of an earlier build."""
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    (out / "en" / "order.pdf").write_bytes(b"%PDF- earlier build")
    (out / "notes.txt").write_text("kept")
    return out, snapshot(out)


def snapshot(out: Path) -> dict[Path, bytes]:
    return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_command_line_reports_every_mistake_and_writes_nothing(
    earlier_output: tuple[Path, dict[Path, bytes]],
) -> None:
    out, before = earlier_output
    result = CliRunner().invoke(main, ["build", str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    for file, line, field, words in [*EXPECTED_ERRORS, EXPECTED_WARNING]:
        where = f"{FIXTURE / file}:{line}:"
        assert any(where in text and field in text and words in text for text in lines), (
            file,
            line,
            words,
        )
    assert lines[-1] == "19 errors and 1 warning in 11 files; nothing was written."
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["en", "notes.txt"]


def test_the_report_is_sorted_by_file_and_line() -> None:
    result = CliRunner().invoke(main, ["validate", str(FIXTURE)])
    assert result.exit_code == 1
    positions = []
    for text in result.output.splitlines():
        match = re.search(r"(\S+\.yaml):(\d+):(\d+)", text)
        if match:
            positions.append((match[1], int(match[2]), int(match[3])))
    assert len(positions) == len(EXPECTED_ERRORS) + 1
    assert positions == sorted(positions)
    assert result.output.rstrip().endswith("19 errors and 1 warning in 11 files.")


def test_build_raises_the_same_report_as_validate(
    earlier_output: tuple[Path, dict[Path, bytes]],
) -> None:
    out, before = earlier_output
    with pytest.raises(InputError) as from_build:
        build(FIXTURE, BuildOptions(out=out))
    with pytest.raises(InputError) as from_load:
        load_records(FIXTURE)
    assert [str(d) for d in from_build.value.diagnostics] == [
        str(d) for d in from_load.value.diagnostics
    ]
    assert snapshot(out) == before


def test_a_syntax_error_does_not_hide_errors_in_other_files(
    make_visit: VisitFactory,
) -> None:
    root = make_visit(
        meetings={
            "a.yaml": "id: [unclosed\n",
            "b.yaml": meeting_yaml(id="b").replace("hosts: [host]", "hosts: [hots]"),
        }
    )
    with pytest.raises(InputError) as caught:
        load_records(root)
    messages = [str(d) for d in caught.value.errors]
    assert any("a.yaml" in m and "YAML syntax error" in m for m in messages)
    assert any("b.yaml:8:" in m and "unknown organisation 'hots'" in m for m in messages)


def test_a_broken_visit_file_does_not_hide_meeting_errors(make_visit: VisitFactory) -> None:
    visit = MINIMAL_VISIT.replace("summary:", "sumary:")
    late = meeting_yaml().replace("2024-10-23", "2024-10-30")
    root = make_visit(visit=visit, meetings={"m.yaml": late.replace("[host]", "[hots]")})
    with pytest.raises(InputError) as caught:
        load_records(root)
    messages = "\n".join(str(d) for d in caught.value.errors)
    assert "did you mean 'summary'?" in messages
    assert "unknown organisation 'hots'" in messages
    assert "m.yaml:4:8: start: error: 2024-10-30 is outside the visit" in messages


def test_a_wrongly_typed_reference_is_reported_once(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml().replace("[host]", "['Host Org']")})
    with pytest.raises(InputError) as caught:
        load_records(root)
    (error,) = caught.value.errors
    assert error.location.field == "hosts[0]" and "an id is lower-case letters" in error.message


def test_meeting_ids_cannot_take_the_report_file_name(make_visit: VisitFactory) -> None:
    assert REPORT_NAME in RESERVED_MEETING_IDS
    root = make_visit(meetings={"m.yaml": meeting_yaml(id=REPORT_NAME)})
    with pytest.raises(InputError) as caught:
        load_records(root)
    (error,) = caught.value.errors
    assert error.location.field == "id" and error.location.line == 1


def test_overlaps_are_found_past_a_long_meeting(make_visit: VisitFactory) -> None:
    def at(ident: str, start: str, end: str) -> str:
        return meeting_yaml(id=ident).replace("T14:30", start).replace("T16:00", end)

    root = make_visit(
        meetings={
            "a.yaml": at("long", "T09:00", "T17:00"),
            "b.yaml": at("first", "T10:00", "T11:00"),
            "c.yaml": at("second", "T12:00", "T13:00"),
        }
    )
    warnings = load_records(root).warnings
    assert [w.location.file.name for w in warnings] == ["b.yaml", "c.yaml"]
    assert all("overlaps with 'long'" in w.message for w in warnings)


def test_warnings_alone_exit_zero(make_visit: VisitFactory, tmp_path: Path) -> None:
    root = make_visit(meetings={"a.yaml": meeting_yaml(id="one"), "b.yaml": meeting_yaml(id="two")})
    out = str(tmp_path / "out")
    for args in (["validate", str(root)], ["build", str(root), "--out", out, "--lang", "en"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "warning:" in result.output and "overlaps with 'one'" in result.output


def test_the_fixture_is_valid_apart_from_its_mistakes(tmp_path: Path) -> None:
    """Guard against a fixture that fails for a reason of its own: without the
    mistaken files and lines, the same folder loads."""
    root = tmp_path / "fixed"
    shutil.copytree(FIXTURE, root)
    for file in (root / "meetings").glob("*.yaml"):
        if file.name != "10-overlap.yaml":
            file.unlink()
    visit = (root / "visit.yaml").read_text().replace("Shangai", "Shanghai")
    (root / "visit.yaml").write_text(visit.replace("contry", "country"))
    assert [m.id for m in load_records(root).meetings] == ["overlap"]
