"""Records from a spreadsheet: protocol offices keep their programme in Excel.

``import_programme`` reads a workbook (sheets ``Meetings`` and optionally ``Places``,
``Organisations``, ``People``) or a CSV file of meetings, one row per record, and
writes or merges the YAML records, which stay the source of truth. Columns are named
after the record fields; a text in several languages has one column per language
(``title_en``, ``title_zh``), a list of ids is written ``a, b, c`` in one cell, and a
list of texts has one item per line of the cell. A column the sheet does not have,
or an empty cell, leaves the record's value as it was: importing never loses data.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.records.yamlfiles import RecordFile

TEXT = "text"  # {en: ..., zh: ...}: one column per language
TEXTS = "texts"  # a list of texts: one item per line, one column per language
IDS = "ids"  # a list of ids: "a, b, c"
ID = "id"  # one id or keyword
STRING = "string"  # a plain string (a phone number, a flight number)
WHEN = "when"  # a local date and time
DAY = "day"  # a date


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header (``title`` stands for ``title_en``,
    ``title_zh``, … when ``kind`` is a text), where it goes in the record, and what a
    cell holds."""

    header: str
    kind: str
    path: tuple[str, ...]
    description: str
    example: str | dict[str, str] = ""

    @property
    def localised(self) -> bool:
        return self.kind in (TEXT, TEXTS)


def _column(header: str, kind: str, description: str, example: Any = "", path: str = "") -> Column:
    return Column(header, kind, tuple((path or header).split(".")), description, example)


MEETING_COLUMNS = (
    _column("id", ID, "The meeting's id: lower-case letters, digits, - and _", "dg-regio"),
    _column("kind", ID, "meeting, site-visit, roundtable, workshop, …, travel", "meeting"),
    _column("title", TEXT, "The title", {"en": "Meeting with DG REGIO", "zh": "与地区总司会谈"}),
    _column("date", DAY, "The day, when start and end give only times", ""),
    _column("start", WHEN, "Local start (for travel: at from)", "2024-10-23 14:30"),
    _column("end", WHEN, "Local end (for travel: at to)", "2024-10-23 17:00"),
    _column("place", ID, "Place id (sheet Places); not for travel", "brussels"),
    _column("venue", TEXT, "The venue; not for travel", {"en": "European Commission"}),
    _column("from", ID, "Travel: the place id of departure", ""),
    _column("to", ID, "Travel: the place id of arrival", ""),
    _column("mode", TEXT, "Travel: how (Flight, Train)", ""),
    _column("number", STRING, "Travel: flight or train number", ""),
    _column("hosts", IDS, "Organisation ids that host, comma-separated", "dg-regio"),
    _column("participants", IDS, "Organisation ids taking part, comma-separated", ""),
    _column("counterparts", IDS, "Person ids the delegation meets (sheet People)", ""),
    _column("delegates", IDS, "Person ids of the delegates attending (all if empty)", ""),
    _column("topics", TEXTS, "Topics, one per line", {"en": "Urban development"}),
    _column("objectives", TEXTS, "Objectives, one per line", ""),
    _column("background", TEXT, "Background", ""),
    _column("talking_points", TEXTS, "Talking points, one per line", ""),
    _column("outcomes", TEXTS, "Outcomes, one per line", ""),
    _column("address", TEXT, "Logistics: the address", "", "logistics.address"),
    _column("contact", ID, "Logistics: person id to call", "", "logistics.contact"),
    _column(
        "interpreter", ID, "Logistics: person id of the interpreter", "", "logistics.interpreter"
    ),
    _column("dress_code", TEXT, "Logistics: dress code", "", "logistics.dress_code"),
    _column("gifts", TEXT, "Logistics: gifts", "", "logistics.gifts"),
    _column("transport", TEXT, "Logistics: transport", "", "logistics.transport"),
    _column("notes", TEXT, "Logistics: notes", "", "logistics.notes"),
    _column("follow_up", TEXTS, "Follow-up actions, one per line", ""),
    _column("follow_up_owner", IDS, "Owner id of each follow-up, one per line", ""),
    _column("follow_up_due", STRING, "Due date of each follow-up, one per line", ""),
)
PLACE_COLUMNS = (
    _column("id", ID, "The place's id", "brussels"),
    _column("name", TEXT, "The name", {"en": "Brussels", "zh": "布鲁塞尔"}),
    _column("country", ID, "Two-letter country code (ISO 3166), or EU", "BE"),
    _column("timezone", ID, "IANA time zone", "Europe/Brussels"),
)
ORGANISATION_COLUMNS = (
    _column("id", ID, "The organisation's id", "dg-regio"),
    _column("name", TEXT, "The full name", {"en": "Directorate-General for Regional Policy"}),
    _column("short", TEXT, "A short name", {"en": "DG REGIO"}),
    _column("country", ID, "Two-letter country code, or EU", "EU"),
)
PERSON_COLUMNS = (
    _column("id", ID, "The person's id", "marco-bianchi"),
    _column("name", TEXT, "The name as printed", {"en": "Marco BIANCHI", "zh": "马可·比安奇"}),
    _column("honorific", TEXT, "Mr, Ms, Dr …", {"en": "Mr", "zh": "先生"}),
    _column("title", TEXT, "Job title", {"en": "Head of Unit", "zh": "处长"}),
    _column("organisation", ID, "Organisation id", "dg-regio"),
    _column("bio", TEXT, "A short biography", ""),
    _column("phone", STRING, "Phone number", ""),
    _column("email", STRING, "E-mail address", ""),
    _column("delegate", STRING, "Order of precedence, for members of the delegation", ""),
)
SHEETS = {
    "Meetings": MEETING_COLUMNS,
    "Places": PLACE_COLUMNS,
    "Organisations": ORGANISATION_COLUMNS,
    "People": PERSON_COLUMNS,
}
LANGUAGE_SUFFIX = re.compile(r"^(?P<base>[a-z_]+?)_(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$")


@dataclass(frozen=True)
class Cell:
    """A cell's value and where it is: ``programme.xlsx: Meetings!E7 (start)``."""

    value: Any
    book: Path
    sheet: str
    column: str
    row: int
    header: str

    def location(self) -> Location:
        return Location(self.book, field=f"{self.sheet}!{self.column}{self.row} ({self.header})")


@dataclass(frozen=True)
class Sheet:
    """One sheet: its column headers and its rows (header -> cell), blank rows left out."""

    name: str
    headers: tuple[str, ...]
    rows: list[dict[str, Cell]]


@dataclass
class ImportReport:
    """What an import did, for the user: ids added, ids changed with their fields."""

    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


# --- reading sheets ---------------------------------------------------------------


def read_sheets(book: Path) -> dict[str, Sheet]:
    """Every known sheet of ``book`` (``.xlsx``, or ``.csv`` for the meetings alone)."""
    if book.suffix.lower() == ".csv":
        with book.open(encoding="utf-8-sig", newline="") as handle:
            return {"Meetings": _sheet(book, "Meetings", csv.reader(handle))}
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(book, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError([Diagnostic(Location(book), f"cannot read this workbook: {exc}")]) from exc
    if "Meetings" not in workbook.sheetnames:
        names = ", ".join(workbook.sheetnames)
        raise InputError([Diagnostic(Location(book), f"no sheet named Meetings (it has {names})")])
    sheets = {}
    for name in SHEETS:
        if name in workbook.sheetnames:
            sheets[name] = _sheet(book, name, workbook[name].iter_rows(values_only=True))
    workbook.close()
    return sheets


def _sheet(book: Path, name: str, rows: Iterator[Any]) -> Sheet:
    from openpyxl.utils import get_column_letter

    first = next(rows, ())
    names = tuple(str(v).strip() if v is not None else "" for v in first)
    cells = []
    for number, values in enumerate(rows, start=2):
        row = {
            names[index]: Cell(
                value, book, name, get_column_letter(index + 1), number, names[index]
            )
            for index, value in enumerate(values)
            if index < len(names) and names[index] and not _blank(value)
        }
        if row:
            cells.append(row)
    return Sheet(name, names, cells)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- cells to record values ---------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read; the message says why in plain words."""


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()]


def _ids(value: Any) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n，、]", _text(value)) if part.strip()]


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y年%m月%d日")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M")
EXCEL_EPOCH = datetime(1899, 12, 30)
"""Day 0 of Excel's serial dates (1900 date system, past its 1900 leap-year bug)."""


def read_day(value: Any) -> date:
    """A date from an Excel date cell, a serial number or a written date.

    >>> read_day("23.10.2024"), read_day(45588)
    (datetime.date(2024, 10, 23), datetime.date(2024, 10, 23))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and value >= 1:
        return (EXCEL_EPOCH + timedelta(days=int(value))).date()
    text = _text(value)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(f"{text!r} is not a date; write it as 2024-10-23")


def _read_time(value: Any) -> time | None:
    """A time of day from a time cell, a fraction of a day or ``14:30``; None if the
    value is not a time alone."""
    if isinstance(value, time):
        return value
    if isinstance(value, int | float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60, minutes % 60)
    if isinstance(value, str):
        for pattern in _TIME_FORMATS:
            try:
                return datetime.strptime(value.strip(), pattern).time()
            except ValueError:
                continue
    return None


def read_when(value: Any, day: date | None) -> str:
    """A local date and time as the records write it (``2024-10-23T14:30``), from an
    Excel date-time cell, a serial number, a written date and time, or a time alone
    (a time cell, a fraction of a day, ``14:30``) on ``day``."""
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float) and value >= 1:
        moment = EXCEL_EPOCH + timedelta(days=float(value))
    elif (clock := _read_time(value)) is not None:
        if day is None:
            raise CellError(f"{_text(value)!r} is a time without a day; fill in the date column")
        moment = datetime.combine(day, clock)
    else:
        moment = _parse_written(_text(value))
    moment = (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _parse_written(text: str) -> datetime:
    cleaned = re.sub(r"\s+", " ", text.replace("T", " "))
    for day_pattern in _DATE_FORMATS:
        for time_pattern in _TIME_FORMATS:
            try:
                return datetime.strptime(cleaned, f"{day_pattern} {time_pattern}")
            except ValueError:
                continue
    raise CellError(f"{text!r} is not a date and time; write it as 2024-10-23 14:30")


# --- rows to records -------------------------------------------------------------------


@dataclass
class RowReader:
    """Turns the rows of one sheet into record mappings, collecting every problem."""

    columns: tuple[Column, ...]
    problems: list[Diagnostic] = field(default_factory=list)

    def check_headers(self, book: Path, sheet: str, headers: set[str]) -> None:
        known = {c.header: c for c in self.columns}
        for header in sorted(headers):
            base, lang = self._split(header)
            column = known.get(base)
            if column is None or column.localised != (lang is not None):
                self.problems.append(
                    Diagnostic(
                        Location(book, field=f"{sheet}!1 ({header})"),
                        f"unknown column {header!r}; {_hint(header, known)}",
                    )
                )

    def _split(self, header: str) -> tuple[str, str | None]:
        """``title_zh`` -> ``("title", "zh")``; a column's own name (``follow_up_due``)
        is never read as a text with a language."""
        if any(c.header == header for c in self.columns):
            return header, None
        match = LANGUAGE_SUFFIX.match(header)
        return (match["base"], match["lang"]) if match else (header, None)

    def record(self, row: dict[str, Cell]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        day, day_is_bad = self._day(row)
        for column in self.columns:
            try:
                value = self._value(column, row, day)
            except CellError as problem:
                if not (column.kind == WHEN and day_is_bad):  # the date is the root cause
                    cell = row.get(column.header) or next(iter(row.values()))
                    self.problems.append(Diagnostic(cell.location(), str(problem)))
                continue
            if value not in (None, {}, []):
                values[column.header] = value
        return values

    def _day(self, row: dict[str, Cell]) -> tuple[date | None, bool]:
        """The row's ``date`` column, and whether it is there but unreadable."""
        cell = row.get("date")
        if cell is None:
            return None, False
        try:
            return read_day(cell.value), False
        except CellError as problem:
            self.problems.append(Diagnostic(cell.location(), str(problem)))
            return None, True

    def _value(self, column: Column, row: dict[str, Cell], day: date | None) -> Any:
        if column.localised:
            per_language = {
                lang: cell.value
                for header, cell in row.items()
                for base, lang in [self._split(header)]
                if base == column.header and lang is not None
            }
            if column.kind == TEXT:
                return {lang: _text(v) for lang, v in per_language.items()}
            return {lang: _lines(v) for lang, v in per_language.items()}
        cell = row.get(column.header)
        if cell is None or column.kind == DAY:
            return None
        if column.kind == WHEN:
            return read_when(cell.value, day)
        if column.kind == IDS:
            return _ids(cell.value)
        return _text(cell.value)


def _hint(header: str, known: dict[str, Column]) -> str:
    from difflib import get_close_matches

    names = [c.header if not c.localised else f"{c.header}_en" for c in known.values()]
    close = get_close_matches(header, names, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"known columns: {', '.join(names)}"


# --- merging into the visit folder ----------------------------------------------------


def import_programme(book: Path, visit_dir: Path) -> ImportReport:
    """Read ``book`` and write its records into ``visit_dir`` (which must hold a
    ``visit.yaml``, e.g. from ``briefings new``), merging by id. Nothing is written
    unless every cell could be read; raises ``InputError`` naming each bad cell."""
    visit_file = visit_dir / "visit.yaml"
    if not visit_file.is_file():
        raise InputError(
            [Diagnostic(Location(visit_file), "no visit.yaml here: start with briefings new")]
        )
    sheets = read_sheets(book)
    problems: list[Diagnostic] = []
    records: dict[str, list[tuple[dict[str, Any], Cell]]] = {}
    for name, sheet in sheets.items():
        reader = RowReader(SHEETS[name])
        reader.check_headers(book, name, {h for h in sheet.headers if h})
        records[name] = [(reader.record(row), next(iter(row.values()))) for row in sheet.rows]
        problems += reader.problems
    problems += _missing_ids(records)
    if problems:
        raise InputError(problems)
    visit = RecordFile.read(visit_file)
    report = ImportReport()
    for name, key in (("Places", "places"), ("Organisations", "organisations")):
        for values, _ in records.get(name, []):
            _merge_entry(visit, key, values, report)
    _merge_people(visit, records.get("People", []), report)
    pending = [visit] if visit.changed else []
    for values, _ in records["Meetings"]:
        meeting = _meeting_file(visit_dir, values["id"])
        _merge(meeting, _meeting_record(values), report, values["id"])
        if meeting.changed:
            pending.append(meeting)
    for record_file in pending:
        record_file.write()
        report.written.append(record_file.path)
    return report


def _missing_ids(records: dict[str, list[tuple[dict[str, Any], Cell]]]) -> list[Diagnostic]:
    problems = []
    for name, rows in records.items():
        for values, cell in rows:
            if "id" not in values:
                where = Location(cell.book, field=f"{name}!A{cell.row} (id)")
                problems.append(Diagnostic(where, "the row has no id"))
    return problems


def _meeting_record(values: dict[str, Any]) -> dict[str, Any]:
    """Column values -> the meeting's record mapping (nested logistics, follow-ups)."""
    record: dict[str, Any] = {}
    for column in MEETING_COLUMNS:
        if column.header in values and not column.header.startswith("follow_up"):
            target = record
            for part in column.path[:-1]:
                target = target.setdefault(part, {})
            target[column.path[-1]] = _shape(column, values[column.header])
    follow_up = _follow_ups(values)
    if follow_up:
        record["follow_up"] = follow_up
    return record


def _shape(column: Column, value: Any) -> Any:
    if column.kind == TEXTS:
        count = max(len(lines) for lines in value.values())
        return [
            {lang: lines[i] for lang, lines in value.items() if i < len(lines)}
            for i in range(count)
        ]
    return value


def _follow_ups(values: dict[str, Any]) -> list[dict[str, Any]]:
    actions = values.get("follow_up", {})
    owners = values.get("follow_up_owner", [])
    dues = _lines(values.get("follow_up_due", ""))
    count = max([len(v) for v in actions.values()] + [len(owners), 0])
    items = []
    for i in range(count):
        item: dict[str, Any] = {"action": {k: v[i] for k, v in actions.items() if i < len(v)}}
        if i < len(owners):
            item["owner"] = owners[i]
        if i < len(dues):
            item["due"] = dues[i]
        items.append(item)
    return items


def _meeting_file(visit_dir: Path, meeting_id: str) -> RecordFile:
    folder = visit_dir / "meetings"
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        existing = RecordFile.read(path)
        if existing.data.get("id") == meeting_id:
            return existing
    return RecordFile.new(folder / f"{meeting_id}.yaml", {"id": meeting_id})


def _merge(target: RecordFile, record: dict[str, Any], report: ImportReport, name: str) -> None:
    is_new = target.is_new
    changed = target.merge(record)
    if is_new:
        report.added.append(name)
    elif changed:
        report.changed[name] = changed
    else:
        report.unchanged.append(name)


def _merge_entry(visit: RecordFile, key: str, values: dict[str, Any], report: ImportReport) -> None:
    entry_id = values.pop("id")
    was_there = entry_id in (visit.data.get(key) or {})
    changed = visit.merge({key: {entry_id: values}})
    name = f"{key}.{entry_id}"
    if not was_there:
        report.added.append(name)
    elif changed:
        report.changed[name] = [c.removeprefix(f"{name}.") for c in changed]


def _merge_people(
    visit: RecordFile, rows: list[tuple[dict[str, Any], Cell]], report: ImportReport
) -> None:
    ranked = []
    for values, cell in rows:
        rank = values.pop("delegate", None)
        if rank is not None:
            try:
                ranked.append((float(rank), values["id"]))
            except ValueError:
                message = f"delegate is an order number such as 1 (got {rank!r})"
                raise InputError([Diagnostic(cell.location(), message)]) from None
        _merge_entry(visit, "people", values, report)
    if ranked:
        order = [person for _, person in sorted(ranked)]
        changed = visit.merge({"delegates": order})
        if changed:
            report.changed["delegates"] = ["order"]


# --- the empty workbook -------------------------------------------------------------

LANGUAGES = ("en", "zh")
VALIDATED_LISTS = {
    "place": "Places",
    "from": "Places",
    "to": "Places",
    "organisation": "Organisations",
    "contact": "People",
    "interpreter": "People",
}
"""Columns that take one id from another sheet: Excel offers that sheet's ids."""


def headers(columns: tuple[Column, ...]) -> list[str]:
    """A sheet's column headers, a text column once per language."""
    names: list[str] = []
    for column in columns:
        if column.localised:
            names += [f"{column.header}_{lang}" for lang in LANGUAGES]
        else:
            names.append(column.header)
    return names


def write_template(target: Path, kinds: tuple[str, ...]) -> None:
    """An empty programme workbook: the four sheets with their headers, lists to pick
    kinds and ids from, one example row each, and a sheet that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        names = headers(columns)
        sheet.append(names)
        sheet.append([_example(columns, header) for header in names])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        for index, header in enumerate(names, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 4)
            source = "kinds" if header == "kind" else VALIDATED_LISTS.get(header)
            if source is None:
                continue
            formula = f'"{",".join(kinds)}"' if source == "kinds" else f"={source}!$A$2:$A$500"
            rule = DataValidation(type="list", formula1=formula, allow_blank=True)
            rule.add(f"{get_column_letter(index)}2:{get_column_letter(index)}500")
            sheet.add_data_validation(rule)
    guide = book.create_sheet("Columns")
    guide.append(["Row 2 of each sheet is an example: write over it or delete it."])
    guide.append(["sheet", "column", "what it holds"])
    for name, columns in SHEETS.items():
        for column in columns:
            suffix = "_en, _zh, …" if column.localised else ""
            guide.append([name, column.header + suffix, column.description])
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


def _example(columns: tuple[Column, ...], header: str) -> str:
    match = LANGUAGE_SUFFIX.match(header)
    for column in columns:
        if column.header == header and isinstance(column.example, str):
            return column.example
        if match and column.header == match["base"] and isinstance(column.example, dict):
            return column.example.get(match["lang"], "")
    return ""
