"""Commands that write no document start without loading the writers' libraries."""

from __future__ import annotations

import json
import subprocess
import sys

from briefings.cli import RECORD_KINDS
from briefings.records.jsonschema import RECORD_MODELS
from tests.conftest import EXAMPLE

BUILD_LIBRARIES = (
    "reportlab",
    "docx",
    "pikepdf",
    "jinja2",
    "openpyxl",
    "icalendar",
    "lxml",
    "fontTools",
)


def _loaded_after(code: str) -> list[str]:
    """The build libraries a fresh Python process has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps([m for m in {BUILD_LIBRARIES!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_importing_the_command_line_loads_no_writer_library() -> None:
    assert _loaded_after("import briefings.cli") == []


def test_help_and_validate_load_no_writer_library() -> None:
    for args in (["--help"], ["validate", str(EXAMPLE)], ["schema", "meeting"]):
        code = (
            "from briefings.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit as end:\n    assert not end.code\n"
        )
        assert _loaded_after(code) == [], args


def test_schema_offers_every_record_kind() -> None:
    assert tuple(sorted(RECORD_MODELS)) == RECORD_KINDS
