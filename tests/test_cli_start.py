"""The first hour of a new user: new, schema, import, validate's notes, progress."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from briefings.cli import main
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_new_then_validate_then_build(tmp_path: Path) -> None:
    code, output = _run("new", str(tmp_path / "visit"))
    assert code == 0 and "briefings validate" in output and "briefings build" in output
    code, output = _run("validate", str(tmp_path / "visit"))
    assert code == 0 and "ok" in output
    code, output = _run("build", str(tmp_path / "visit"), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert (tmp_path / "out" / "zh" / "city-hall.pdf").is_file()
    code, output = _run("new", str(tmp_path / "visit"))
    assert code == 1 and "exists already" in output


def test_schema_prints_json(tmp_path: Path) -> None:
    code, output = _run("schema", "meeting")
    assert code == 0
    assert "kind" in json.loads(output)["properties"]


def test_import_template_then_import(tmp_path: Path, make_visit: VisitFactory) -> None:
    book = tmp_path / "programme.xlsx"
    code, _ = _run("import", "--template", str(book))
    assert code == 0 and load_workbook(book).sheetnames[0] == "Meetings"
    code, output = _run("import", "--template", str(book))
    assert code == 1 and "--force" in output
    root = make_visit()
    sheet = load_workbook(book)
    for name in ("Places", "Organisations", "People"):
        sheet[name].delete_rows(2)
    meetings = sheet["Meetings"]
    headers = [c.value for c in meetings[1]]
    meetings.delete_rows(2)
    row = {
        "id": "visit-2",
        "kind": "meeting",
        "title_en": "Second talks",
        "title_zh": "第二次会谈",
        "start": "2024-10-24 10:00",
        "end": "2024-10-24 11:00",
        "place": "brussels",
        "venue_en": "Town hall",
        "venue_zh": "市政厅",
        "hosts": "host",
        "participants": "ndrc",
    }
    meetings.append([row.get(h) for h in headers])
    sheet.save(book)
    code, output = _run("import", str(book), "--into", str(root))
    assert code == 0, output
    assert "1 added" in output and "records are valid" in output


def test_validate_notes_untranslated_texts_without_failing(make_visit: VisitFactory) -> None:
    root = make_visit(meetings={"01.yaml": meeting_yaml().replace(', zh: "市政厅会谈"', "")})
    code, output = _run("validate", str(root))
    assert code == 0
    assert "note" in output and "1 text(s) have no translation" in output
    assert "01.yaml:3" in output


def test_progress_and_summary_count_files(tmp_path: Path) -> None:
    code, output = _run(
        "build", str(EXAMPLE), "--out", str(tmp_path), "--jobs", "1", env={"CI": "true"}
    )
    assert code == 0, output
    assert "building 40 files" in output
    assert "built 40/40 files" in output
    assert "rebuilt 40" in output


def test_a_visit_of_four_meetings_from_new_validates_first_time(tmp_path: Path) -> None:
    """What the README tells a new user: `new`, copy a meeting file per meeting, fill
    in the fields, validate, build."""
    visit = tmp_path / "hamburg"
    assert _run("new", str(visit))[0] == 0
    template = (visit / "meetings" / "02-city-hall.yaml").read_text(encoding="utf-8")
    for number, (meeting_id, day, hour) in enumerate(
        [("port", "13", "14"), ("university", "14", "09"), ("chamber", "14", "14")], start=3
    ):
        text = (
            template.replace("id: city-hall", f"id: {meeting_id}")
            .replace("2025-05-13T10:00", f"2025-05-{day}T{hour}:00")
            .replace("2025-05-13T11:30", f"2025-05-{day}T{hour}:45")
        )
        (visit / "meetings" / f"0{number}-{meeting_id}.yaml").write_text(text, encoding="utf-8")
    code, output = _run("validate", str(visit))
    assert code == 0 and "4 meetings, 1 travel leg," in output, output
    code, output = _run("build", str(visit), "--out", str(tmp_path / "out"), "--lang", "zh")
    assert code == 0, output
    assert len(list((tmp_path / "out" / "zh").glob("*.pdf"))) == 5  # 4 briefings, 1 report
