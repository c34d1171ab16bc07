"""The machine's fonts, through fontconfig (``fc-list``/``fc-match``), where present.

Used last, for characters that neither the chosen nor the shipped fonts have (a rare
name character such as U+20BB7 𠮷, say). Without fontconfig there are no machine fonts
and such a character fails the coverage check, as it should.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from briefings.fonts import coverage
from briefings.fonts.convert import outline_kind

FontRef = tuple[Path, int]
"""A font file and the face index inside it."""

_FORMAT = "%{file}|%{index}\\n"


def _fontconfig(*args: str) -> list[FontRef]:
    """Run an fc-* command printing ``file|index`` lines; no fontconfig gives []."""
    if shutil.which(args[0]) is None:
        return []
    try:
        done = subprocess.run(
            [*args, "--format", _FORMAT], capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return []
    refs: list[FontRef] = []
    for line in done.stdout.splitlines():
        file, _, index = line.rpartition("|")
        if file and index.isdigit():
            refs.append((Path(file), int(index)))
    return refs


@cache
def preference_order(lang: str) -> tuple[FontRef, ...]:
    """Every machine font, best first for sans-serif text in ``lang`` (fontconfig's
    order, which follows the machine's configuration)."""
    return tuple(dict.fromkeys(_fontconfig("fc-match", "-s", f"sans-serif:lang={lang}")))


@cache
def fonts_with(char: str) -> frozenset[FontRef]:
    """The machine fonts that fontconfig says have ``char``."""
    return frozenset(_fontconfig("fc-list", f":charset={ord(char):x}"))


def machine_font_for(char: str, lang: str) -> FontRef | None:
    """The machine font preferred for ``lang`` that really has ``char`` (checked with
    fontTools) and can be embedded, or None."""
    candidates = fonts_with(char)
    if not candidates:
        return None
    ordered = [ref for ref in preference_order(lang) if ref in candidates]
    ordered += sorted(candidates - set(ordered))
    for path, index in ordered:
        try:
            usable = outline_kind(path, index) and ord(char) in coverage(path, index)
        except Exception:  # a broken font file on the machine is not our build's problem
            continue
        if usable:
            return path, index
    return None
