"""Commands that write no document start without loading the writers' libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_the_command_ends_at_once_yet_keeps_its_output_and_exit_code(tmp_path: Path) -> None:
    """``briefings`` skips Python's tear-down: what it printed to a pipe still arrives,
    and the exit code is still click's (0 done, 1 failed, 2 wrong usage)."""

    def briefings(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "briefings", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    done = briefings("validate", str(EXAMPLE))
    assert done.returncode == 0 and done.stdout.startswith("ok: 9 meetings")
    (tmp_path / "visit.yaml").write_text("title: {en: A}\n", encoding="utf-8")
    failed = briefings("validate", str(tmp_path))
    assert failed.returncode == 1 and "visit.yaml" in failed.stderr
    wrong = briefings("validate", str(tmp_path / "missing"))
    assert wrong.returncode == 2 and "does not exist" in wrong.stderr


def test_a_profiled_command_still_writes_its_profile(tmp_path: Path) -> None:
    profile = tmp_path / "briefings.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "briefings", "--help"]
    subprocess.run(command, capture_output=True, check=True)
    assert profile.stat().st_size > 0
