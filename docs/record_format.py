"""Print the record format as Markdown tables, from the JSON Schemas of the records.

    python docs/record_format.py            # the tables README.md shows
    python docs/record_format.py --check    # exit 1 if README.md's copy is out of date

The schemas are made from the validation models, so the README's reference cannot
drift from what ``briefings validate`` accepts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from briefings.records.jsonschema import LOCAL_DATE, LOCAL_DATETIME, record_schema
from briefings.records.schema import COUNTRY_PATTERN, ID_PATTERN

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- record-format: begin -->", "<!-- record-format: end -->"


def _type(field: dict[str, Any], defs: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """A field's type in words, and the sub-schema whose fields follow it, if any."""
    options = [f for f in field.get("anyOf", [field]) if f.get("type") != "null"]
    field = {**field, **options[0]} if options else field
    if "$ref" in field:
        return "mapping", defs[field["$ref"].rsplit("/", 1)[1]]
    if "enum" in field:
        return "a kind", None
    if "patternProperties" in field:
        (key, value), *_ = field["patternProperties"].items()
        if key == ID_PATTERN:
            inner, sub = _type(value, defs)
            return f"{inner}s by id", sub
        return "text", None
    if field.get("type") == "array":
        inner, sub = _type(field["items"], defs)
        return f"list of {inner}s".replace("ss", "s"), sub
    pattern = field.get("pattern")
    if pattern == ID_PATTERN:
        return "id", None
    if pattern == LOCAL_DATETIME:
        return "local date and time", None
    if pattern == LOCAL_DATE:
        return "date", None
    if pattern == COUNTRY_PATTERN:
        return "country code", None
    return "string", None


def _rows(schema: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", []))
    for name, field in schema.get("properties", {}).items():
        kind, sub = _type(field, defs)
        description = " ".join(field.get("description", "").split())
        need = "required" if name in required else "optional"
        rows.append(f"| `{prefix}{name}` | {need} | {kind} | {description} |")
        if sub is not None:
            keyed = "ID." if kind.endswith("by id") else ""
            rows += _rows(sub, defs, f"{prefix}{name}.{keyed}")
    return rows


def tables() -> str:
    """The Markdown tables of ``visit.yaml`` and of a meeting file."""
    parts = []
    for kind, title in (("visit", "`visit.yaml`"), ("meeting", "`meetings/*.yaml`")):
        schema = record_schema(kind)
        parts += [f"{title}:", "", "| field | | type | what it holds |", "|---|---|---|---|"]
        parts += _rows(schema, schema.get("$defs", {}))
        parts.append("")
    return "\n".join(parts)


def readme_copy() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if readme_copy() == tables().strip("\n") else 1)
    print(tables())
