"""Shared fixtures: the reference example, a whole build of it, and small visits."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefings.build import BuildOptions, BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "iurc-china-2024"
FIXED_TIME = datetime(2024, 11, 1, tzinfo=UTC)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private, writable copy of the reference example."""
    target = tmp_path / "visit"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The whole example built once, in both languages and formats."""
    out = tmp_path_factory.mktemp("example-build")
    result = build(EXAMPLE, BuildOptions(out=out, created=FIXED_TIME))
    return out, result


MINIMAL_VISIT = """\
id: test-visit
title: {en: Test visit, zh: 测试访问}
dates: {start: 2024-10-22, end: 2024-10-27}
home_timezone: Asia/Shanghai
lead: ndrc
delegation: [ndrc]
summary: {en: A short visit., zh: 一次短暂的访问。}
places:
  brussels:
    name: {en: Brussels, zh: 布鲁塞尔}
    country: BE
    timezone: Europe/Brussels
organisations:
  ndrc:
    name: {en: National Development and Reform Commission, zh: 国家发展和改革委员会}
    country: CN
  host:
    name: {en: Host Organisation, zh: 东道主机构}
    country: BE
"""

MINIMAL_MEETING = """\
id: {id}
kind: meeting
title: {{en: "{title_en}", zh: "{title_zh}"}}
start: 2024-10-23T14:30
end: 2024-10-23T16:00
place: brussels
venue: {{en: Town hall, zh: 市政厅}}
hosts: [host]
participants: [ndrc]
outcomes:
  - {{en: "{outcome_en}", zh: "{outcome_zh}"}}
"""


VisitFactory = Callable[..., Path]


@pytest.fixture
def make_visit(tmp_path: Path) -> VisitFactory:
    """Write a small visit folder. ``meetings`` maps file names to YAML text; by
    default one ordinary meeting."""

    def make(visit: str = MINIMAL_VISIT, meetings: dict[str, str] | None = None) -> Path:
        root = tmp_path / "small-visit"
        (root / "meetings").mkdir(parents=True, exist_ok=True)
        (root / "visit.yaml").write_text(textwrap.dedent(visit), encoding="utf-8")
        if meetings is None:
            meetings = {"01-talks.yaml": meeting_yaml()}
        for name, text in meetings.items():
            (root / "meetings" / name).write_text(text, encoding="utf-8")
        return root

    return make


def meeting_yaml(
    id: str = "talks",
    title_en: str = "Talks at the town hall",
    title_zh: str = "市政厅会谈",
    outcome_en: str = "Both sides agreed to meet again.",
    outcome_zh: str = "双方同意再次会面。",
) -> str:
    """A meeting record; texts are YAML double-quoted, so escape quotes and backslashes."""

    def quote(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    return MINIMAL_MEETING.format(
        id=id,
        title_en=quote(title_en),
        title_zh=quote(title_zh),
        outcome_en=quote(outcome_en),
        outcome_zh=quote(outcome_zh),
    )
