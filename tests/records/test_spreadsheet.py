"""Spreadsheet import: a programme kept in Excel becomes the YAML records."""

from __future__ import annotations

import shutil
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import load_record
from openpyxl import Workbook, load_workbook

from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from briefings.records.schema import MEETING_KINDS
from briefings.records.spreadsheet import (
    MEETING_COLUMNS,
    SHEETS,
    headers,
    import_programme,
    read_when,
    write_template,
)
from tests.conftest import EXAMPLE, FIXED_TIME, MINIMAL_VISIT, VisitFactory


def _plain(path: Path) -> Any:
    """A record file as plain data, as its writer meant it."""
    return load_record(path)


def _cell_values(record: dict[str, Any], columns: Any) -> dict[str, Any]:
    """The cells of one row for a record: the inverse of the import, written by hand."""
    cells: dict[str, Any] = {}
    for column in columns:
        value: Any = record
        for part in column.path:
            value = value.get(part) if isinstance(value, dict) else None
        if column.header.startswith("follow_up"):
            continue
        if value is None:
            continue
        if column.kind == "text":
            for lang, text in value.items():
                cells[f"{column.header}_{lang}"] = text
        elif column.kind == "texts":
            for lang in ("en", "zh"):
                cells[f"{column.header}_{lang}"] = "\n".join(item.get(lang, "") for item in value)
        elif column.kind == "ids":
            cells[column.header] = ", ".join(value)
        elif column.kind == "when":
            cells[column.header] = datetime.fromisoformat(value)  # an Excel date-time cell
        else:
            cells[column.header] = value
    follow_up = record.get("follow_up", [])
    if follow_up:
        for lang in ("en", "zh"):
            cells[f"follow_up_{lang}"] = "\n".join(f["action"].get(lang, "") for f in follow_up)
        cells["follow_up_owner"] = "\n".join(f["owner"] for f in follow_up)
        cells["follow_up_due"] = "\n".join(f.get("due", "") for f in follow_up)
    return cells


def _fill(template: Path, sheet_name: str, records: list[dict[str, Any]]) -> None:
    """Fill one sheet, and clear the example rows of all, as a user does."""
    book = load_workbook(template)
    for name in SHEETS:
        book[name].delete_rows(2, book[name].max_row)
    sheet = book[sheet_name]
    names = [c.value for c in sheet[1]]
    for record in records:
        cells = _cell_values(record, SHEETS[sheet_name])
        sheet.append([cells.get(name) for name in names])
    book.save(template)


def _folder_without_meetings(tmp_path: Path) -> Path:
    target = tmp_path / "imported"
    target.mkdir()
    shutil.copy(EXAMPLE / "visit.yaml", target / "visit.yaml")
    return target


def test_writes_a_template_with_the_sheets_headers_and_lists(tmp_path: Path) -> None:
    target = tmp_path / "programme.xlsx"
    write_template(target, MEETING_KINDS)
    book = load_workbook(target)
    assert {"Meetings", "Places", "Organisations", "People"} <= set(book.sheetnames)
    meetings = book["Meetings"]
    names = [c.value for c in meetings[1]]
    assert names[:5] == ["id", "kind", "title_en", "title_zh", "date"]
    assert {"venue_en", "venue_zh", "hosts", "participants", "counterparts"} <= set(names)
    formulas = [v.formula1 for v in meetings.data_validations.dataValidation]
    assert any("site-visit" in f for f in formulas)
    assert any(f.startswith("=Places!") for f in formulas)
    assert meetings["A2"].value == "dg-regio"  # the example row


def test_the_example_programme_imports_to_records_that_build_the_same_files(
    tmp_path: Path,
) -> None:
    book = tmp_path / "programme.xlsx"
    write_template(book, MEETING_KINDS)
    meetings = [_plain(p) for p in sorted((EXAMPLE / "meetings").glob("*.yaml"))]
    _fill(book, "Meetings", meetings)
    target = _folder_without_meetings(tmp_path)

    report = import_programme(book, target)

    assert sorted(report.added) == sorted(m["id"] for m in meetings)
    for meeting in meetings:
        imported = _plain(target / "meetings" / f"{meeting['id']}.yaml")
        assert imported == meeting
    reference = build(EXAMPLE, BuildOptions(out=tmp_path / "a", created=FIXED_TIME))
    rebuilt = build(target, BuildOptions(out=tmp_path / "b", created=FIXED_TIME))
    names = sorted(p.relative_to(tmp_path / "a") for p in reference.written)
    assert names == sorted(p.relative_to(tmp_path / "b") for p in rebuilt.written)
    for name in names:
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name


def test_dates_come_from_excel_cells_text_and_fractions_of_a_day() -> None:
    day = datetime(2024, 10, 23).date()
    assert read_when(datetime(2024, 10, 23, 14, 30), None) == "2024-10-23T14:30"
    assert read_when(45588.6041666667, None) == "2024-10-23T14:30"  # a serial date-time
    assert read_when(0.6041666667, day) == "2024-10-23T14:30"  # a time as a fraction
    assert read_when(time(14, 30), day) == "2024-10-23T14:30"
    assert read_when("14:30", day) == "2024-10-23T14:30"
    assert read_when("2024-10-23 14:30", None) == "2024-10-23T14:30"
    assert read_when("23.10.2024 14:30", None) == "2024-10-23T14:30"
    assert read_when("23/10/2024 14:30", None) == "2024-10-23T14:30"


def _workbook(tmp_path: Path, rows: list[list[Any]], names: list[str] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Meetings"
    sheet.append(names or headers(MEETING_COLUMNS))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "programme.xlsx"
    book.save(path)
    return path


def _row(**cells: Any) -> list[Any]:
    return [cells.get(name) for name in headers(MEETING_COLUMNS)]


def _talks(**changes: Any) -> list[Any]:
    cells = {
        "id": "talks",
        "kind": "meeting",
        "title_en": "Talks",
        "title_zh": "会谈",
        "date": datetime(2024, 10, 23),
        "start": 0.6041666667,
        "end": "16:00",
        "place": "brussels",
        "venue_en": "Town hall",
        "hosts": "host",
        "participants": "ndrc",
    }
    cells.update(changes)
    return _row(**cells)


def test_bad_cells_are_all_named_by_sheet_cell_and_header(tmp_path: Path) -> None:
    names = [*headers(MEETING_COLUMNS), "titel_en"]
    book = _workbook(
        tmp_path,
        [_talks(start="tomorrow"), _talks(id="other", date="32.13.2024")],
        names,
    )
    target = tmp_path / "visit"
    target.mkdir()
    (target / "visit.yaml").write_text(MINIMAL_VISIT, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_programme(book, target)
    messages = [str(d) for d in caught.value.diagnostics]
    assert any("Meetings!F2 (start)" in m and "'tomorrow'" in m for m in messages)
    assert any("Meetings!E3 (date)" in m for m in messages)
    assert not any("Meetings!F3" in m for m in messages)  # follows from the bad date
    assert any("unknown column 'titel_en'" in m and "title_en" in m for m in messages)
    assert not (target / "meetings").exists()  # nothing written


def test_importing_again_merges_by_id_and_keeps_what_the_sheet_does_not_have(
    tmp_path: Path, make_visit: VisitFactory
) -> None:
    root = make_visit()
    talks = root / "meetings" / "01-talks.yaml"
    talks.write_text("# kept comment\n" + talks.read_text(encoding="utf-8"), encoding="utf-8")
    sheet_row = _talks(title_en="Talks at the town hall", title_zh=None, venue_en="New wing")
    book = _workbook(tmp_path, [sheet_row])

    report = import_programme(book, root)

    assert report.changed == {"talks": ["venue"]}
    record = _plain(talks)
    assert record["title"] == {"en": "Talks at the town hall", "zh": "市政厅会谈"}
    assert record["outcomes"]  # not in the sheet: kept
    assert record["venue"] == {"en": "New wing", "zh": "市政厅"}  # zh kept
    assert talks.read_text(encoding="utf-8").startswith("# kept comment")
    again = import_programme(book, root)
    assert again.unchanged == ["talks"] and not again.written


def test_a_chinese_only_title_is_imported_not_refused(tmp_path: Path) -> None:
    book = _workbook(tmp_path, [_talks(title_en=None, title_zh="只有中文")])
    target = tmp_path / "visit"
    target.mkdir()
    (target / "visit.yaml").write_text(MINIMAL_VISIT, encoding="utf-8")
    import_programme(book, target)
    assert _plain(target / "meetings" / "talks.yaml")["title"] == {"zh": "只有中文"}


def test_a_csv_file_is_one_sheet_of_meetings(tmp_path: Path) -> None:
    names = headers(MEETING_COLUMNS)
    values = {
        "id": "talks",
        "kind": "meeting",
        "title_en": "Talks",
        "start": "2024-10-23 14:30",
        "end": "2024-10-23 16:00",
        "place": "brussels",
        "venue_en": "Town hall",
        "hosts": "host",
        "participants": "ndrc, host",
    }
    csv_file = tmp_path / "programme.csv"
    csv_file.write_text(
        ",".join(names) + "\n" + ",".join(f'"{values.get(n, "")}"' for n in names) + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "visit"
    target.mkdir()
    (target / "visit.yaml").write_text(MINIMAL_VISIT, encoding="utf-8")
    import_programme(csv_file, target)
    record = _plain(target / "meetings" / "talks.yaml")
    assert record["participants"] == ["ndrc", "host"]
    assert record["start"] == "2024-10-23T14:30"
