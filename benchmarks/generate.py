"""Synthetic visits of any number of meetings, made from the shapes of the example.

Meeting ``i`` is a copy of one of the example's nine meetings (in turn; its travel legs
are left out), with its own
id, its title numbered, and a slot of its own: four meetings a day, from the day the
visit starts. Both languages are kept, so every document exists in English and Chinese.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "iurc-china-2024"
SLOTS = (("08:30", "10:00"), ("10:30", "12:00"), ("14:00", "15:30"), ("16:00", "17:30"))
START = date(2024, 10, 1)


LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def load_record(path: Path) -> Any:
    # BaseLoader keeps every value a string, as the records are written.
    return _rejoined(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))


def _rejoined(value: Any) -> Any:
    """``{en: Rue de la Loi 1, 1000 Brussels}`` as the records mean it: YAML reads the
    text after the comma as a key without a value, which is put back into the text."""
    if isinstance(value, list):
        return [_rejoined(item) for item in value]
    if not isinstance(value, dict):
        return value
    joined: dict[str, Any] = {}
    for key, item in value.items():
        previous = next(reversed(joined), "")
        if item == "" and not LANGUAGE.match(key) and isinstance(joined.get(previous), str):
            joined[previous] += f", {key}"
        else:
            joined[key] = _rejoined(item)
    return joined


def _dump(data: Any, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate_visit(target: Path, meetings: int) -> Path:
    """Write a visit folder with ``meetings`` meetings to ``target`` (replacing it)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "meetings").mkdir(parents=True)
    visit = load_record(EXAMPLE / "visit.yaml")
    days = max(1, -(-meetings // len(SLOTS)))
    visit["dates"] = {"start": START.isoformat(), "end": (START + timedelta(days)).isoformat()}
    _dump(visit, target / "visit.yaml")
    shapes = example_shapes()
    for index in range(meetings):
        write_meeting(target, shapes[index % len(shapes)], index)
    return target


def write_meeting(target: Path, shape: dict[str, Any], index: int, note: str = "") -> Path:
    """Write meeting ``index`` of a generated visit, made from ``shape``."""
    meeting = dict(shape)
    day = START + timedelta(index // len(SLOTS))
    begin, end = SLOTS[index % len(SLOTS)]
    meeting["id"] = f"{shape['id']}-{index:04d}"
    meeting["title"] = {
        lang: f"{text} ({index + 1}){note}" for lang, text in shape["title"].items()
    }
    meeting["start"] = f"{day.isoformat()}T{begin}"
    meeting["end"] = f"{day.isoformat()}T{end}"
    path = target / "meetings" / f"{index:04d}-{shape['id']}.yaml"
    _dump(meeting, path)
    return path


def example_shapes() -> list[dict[str, Any]]:
    """The example's meetings (not its travel legs), as plain data."""
    entries = [load_record(p) for p in sorted((EXAMPLE / "meetings").glob("*.yaml"))]
    return [entry for entry in entries if entry["kind"] != "travel"]


def change_one_meeting(target: Path, meetings: int, note: str) -> Path:
    """Rewrite the middle meeting of a generated visit with ``note`` in its title."""
    changed = meetings // 2
    shapes = example_shapes()
    return write_meeting(target, shapes[changed % len(shapes)], changed, note=note)
