"""The GitHub Actions workflow users copy: valid YAML, the key steps, and commands that
the briefings command line accepts."""

from __future__ import annotations

import shlex
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from briefings.cli import main
from tests.conftest import ROOT, VisitFactory, meeting_yaml

WORKFLOW = ROOT / ".github" / "workflows" / "briefings.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps() -> list[dict[str, Any]]:
    return list(_workflow()["jobs"]["build"]["steps"])


def _briefings_commands() -> list[str]:
    return [
        line.strip()
        for step in _steps()
        for line in str(step.get("run", "")).splitlines()
        if line.strip().startswith("briefings ")
    ]


def test_the_workflow_parses_and_runs_on_changes() -> None:
    data = _workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "pull_request" in triggers
    assert "VISIT_DIR" in data["env"] and "OUT_DIR" in data["env"]


def test_the_workflow_has_the_key_steps_in_order() -> None:
    steps = _steps()
    uses = [str(s.get("uses", "")).split("@")[0] for s in steps]
    assert uses[0] == "actions/checkout"
    assert "actions/setup-python" in uses
    assert uses[-1] == "actions/upload-artifact"
    assert steps[-1]["with"]["path"] == "${{ env.OUT_DIR }}"
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    assert "pip install" in runs
    assert "SOURCE_DATE_EPOCH=" in runs and "$GITHUB_ENV" in runs
    commands = _briefings_commands()
    validate = next(i for i, c in enumerate(commands) if c.startswith("briefings validate"))
    build = next(i for i, c in enumerate(commands) if c.startswith("briefings build"))
    assert validate < build
    assert "--strict" in commands[validate]
    assert '--summary "$GITHUB_STEP_SUMMARY"' in commands[build]


@pytest.mark.slow
def test_the_workflow_commands_work_on_the_example(tmp_path: Path) -> None:
    """Run every ``briefings`` line of the workflow as written, with its variables."""
    summary = tmp_path / "step-summary.md"
    variables = {
        **{key: str(value) for key, value in _workflow()["env"].items()},
        "OUT_DIR": str(tmp_path / "build"),
        "GITHUB_STEP_SUMMARY": str(summary),
        "SOURCE_DATE_EPOCH": "1730419200",
    }
    variables["VISIT_DIR"] = str(ROOT / variables["VISIT_DIR"])
    for command in _briefings_commands():
        args = shlex.split(string.Template(command).substitute(variables))[1:]
        result = CliRunner().invoke(main, args, env=variables)
        assert result.exit_code == 0, (command, result.output)
    assert len(list((tmp_path / "build").rglob("*.pdf"))) == 20
    assert len(list((tmp_path / "build").rglob("*.html"))) == 21  # and the index
    assert len(list((tmp_path / "build").rglob("*.ics"))) == 2
    assert "Rebuilt 63, up to date 0, removed 0" in summary.read_text(encoding="utf-8")


def test_publishing_on_github_pages_is_off_unless_a_variable_enables_it() -> None:
    jobs = _workflow()["jobs"]
    pages = jobs["pages"]
    enabled = "vars.BRIEFINGS_PAGES == 'true'"
    assert enabled in pages["if"] and pages["needs"] == "build"
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in pages["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in _steps() if "upload-pages-artifact" in str(s.get("uses")))
    assert enabled in upload["if"] and upload["with"]["path"] == "${{ env.OUT_DIR }}"


def test_validate_strict_fails_on_a_missing_translation(make_visit: VisitFactory) -> None:
    english_only = (
        meeting_yaml()
        .replace('zh: "市政厅会谈"', "")
        .replace('title: {en: "Talks at the town hall", }', 'title: {en: "Talks at the town hall"}')
    )
    visit = make_visit(meetings={"01-talks.yaml": english_only})
    assert CliRunner().invoke(main, ["validate", str(visit)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", "--strict", str(visit)])
    assert result.exit_code == 1
    assert "01-talks.yaml" in result.output and "title.zh" in result.output
