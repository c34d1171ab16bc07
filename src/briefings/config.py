"""The project configuration file: ``briefings.toml`` in the visit folder (or the file
given with ``--config``). Every section is optional::

    [fonts]          # which fonts draw PDFs (keys: briefings.fonts.choice)
    zh = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#SC"
    en-bold = "fonts/MyLatin-Bold.ttf"     # relative to this file
    system = false                         # no machine fonts as the last resort

    [style]          # the look of the documents (see briefings.theme)
    marking = {en = "Restricted", zh = "限制分发"}

    [build]          # what a build makes besides the briefings and the report
    per_delegate = true                    # each delegate's programme (--per-delegate)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefings.diagnostics import Diagnostic, InputError, Location

CONFIG_FILE = "briefings.toml"
SECTIONS = ("fonts", "style", "build")
BUILD_SETTINGS = {"per_delegate": bool}
"""The settings of ``[build]`` and their types."""


@dataclass(frozen=True)
class ProjectConfig:
    """The raw sections of the configuration file, and where it was read from."""

    path: Path | None = None
    fonts: dict[str, Any] = field(default_factory=dict)
    style: dict[str, Any] = field(default_factory=dict)
    build: dict[str, Any] = field(default_factory=dict)


def load_config(visit_dir: Path, explicit: Path | None = None) -> ProjectConfig:
    """Read ``explicit`` or ``VISIT_DIR/briefings.toml``; no file gives the defaults."""
    path = explicit or visit_dir / CONFIG_FILE
    if not path.is_file():
        if explicit is not None:
            raise InputError([Diagnostic(Location(path), "the configuration file does not exist")])
        return ProjectConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Diagnostic(Location(path), f"not valid TOML: {exc}")]) from None
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        message = f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}"
        raise InputError([Diagnostic(Location(path), message)])
    wrong = [name for name in SECTIONS if not isinstance(data.get(name, {}), dict)]
    if wrong:
        message = f"[{wrong[0]}] must be a section (a table of settings), not {data[wrong[0]]!r}"
        raise InputError([Diagnostic(Location(path, None, None, wrong[0]), message)])
    build = data.get("build", {})
    problems = build_problems(build)
    if problems:
        raise InputError([Diagnostic(Location(path, None, None, key), m) for key, m in problems])
    return ProjectConfig(
        path=path, fonts=data.get("fonts", {}), style=data.get("style", {}), build=build
    )


def build_problems(section: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a ``[build]`` section (a table: ``load_config`` checked it):
    (field, message) pairs."""
    problems = []
    for key, value in section.items():
        kind = BUILD_SETTINGS.get(key)
        if kind is None:
            known = ", ".join(BUILD_SETTINGS)
            problems.append((f"build.{key}", f"unknown setting; known: {known}"))
        elif not isinstance(value, kind):
            problems.append((f"build.{key}", "expected true or false"))
    return problems
