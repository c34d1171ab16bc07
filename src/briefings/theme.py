"""The look of the documents: page, sizes, colours and Word font names, in one place.

Both writers read the same ``Theme``, so a DOCX and a PDF of one document match.
Values are format-neutral: points, millimetres and ``#rrggbb`` colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TextLook:
    size: float
    bold: bool = False
    italic: bool = False
    color: str = "#1a1a1a"
    space_before: float = 0.0
    space_after: float = 6.0
    leading: float = 1.45
    """Line height as a multiple of the size; Chinese wants a little more than Latin."""


def _default_looks() -> dict[str, TextLook]:
    return {
        "body": TextLook(10.5),
        "lead": TextLook(12, color="#333333", space_after=8),
        "note": TextLook(9, color="#555555", space_after=4),
        "title": TextLook(
            22, bold=True, color="#0b3a63", space_before=24, space_after=8, leading=1.25
        ),
        "subtitle": TextLook(13, color="#333333", space_after=14),
        "kicker": TextLook(9.5, bold=True, color="#0b6e99", space_after=4),
        "marking": TextLook(8.5, bold=True, color="#a0262b", space_after=10),
        "h1": TextLook(16, bold=True, color="#0b3a63", space_before=14, space_after=8, leading=1.3),
        "h2": TextLook(
            12.5, bold=True, color="#0b3a63", space_before=12, space_after=5, leading=1.3
        ),
        "h3": TextLook(11, bold=True, color="#1a1a1a", space_before=8, space_after=4),
        "cell": TextLook(9.5, space_after=0, leading=1.35),
        "header-cell": TextLook(9.5, bold=True, color="#ffffff", space_after=0, leading=1.35),
        "label-cell": TextLook(9.5, bold=True, color="#0b3a63", space_after=0, leading=1.35),
        "furniture": TextLook(8, color="#666666", space_after=0, leading=1.2),
    }


@dataclass(frozen=True)
class Theme:
    page_width_mm: float = 210.0  # A4
    page_height_mm: float = 297.0
    margin_top_mm: float = 22.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 20.0
    margin_right_mm: float = 20.0
    accent: str = "#0b3a63"
    rule: str = "#b9c6d3"
    header_fill: str = "#0b3a63"
    stripe_fill: str = "#eef2f6"
    looks: dict[str, TextLook] = field(default_factory=_default_looks)
    word_latin_font: str = "Arial"
    """Latin font named in DOCX files: present on Windows and macOS; LibreOffice uses
    the metric-compatible Liberation Sans."""
    word_east_asian_font: str = "Microsoft YaHei"
    """East Asian font named in DOCX files (w:rFonts w:eastAsia): the default Chinese UI
    font of Windows; Word on macOS substitutes PingFang SC."""

    marking: dict[str, str] = field(default_factory=dict)
    """The handling marking per language, replacing the visit's (``{"en": "Restricted"}``)."""
    reference_docx: Path | None = None
    """A user's .docx whose styles and page setup DOCX files start from."""

    def look(self, name: str) -> TextLook:
        return self.looks.get(name, self.looks["body"])


class StyleError(Exception):
    """Bad ``[style]`` settings: each problem names its key."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems))
        self.problems = problems


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_NUMBERS = tuple(f.name for f in fields(Theme) if f.name.endswith("_mm"))
_COLOURS = ("accent", "rule", "header_fill", "stripe_fill")
_NAMES = ("word_latin_font", "word_east_asian_font")
_LOOK_KEYS = {f.name: f.type for f in fields(TextLook)}


def with_style(theme: Theme, style: dict[str, Any], base_dir: Path) -> Theme:
    """``theme`` changed by the ``[style]`` section of briefings.toml (see README).
    Raises ``StyleError`` listing every bad key at once; relative paths are read from
    ``base_dir`` (the configuration file's folder)."""
    problems: list[tuple[str, str]] = []
    changes: dict[str, Any] = {}
    for key, value in style.items():
        where = f"style.{key}"
        if key in _NUMBERS:
            if _number(value, where, problems, low=0 if "margin" in key else 50, high=1000):
                changes[key] = float(value)
        elif key in _COLOURS:
            if _colour(value, where, problems):
                changes[key] = value
        elif key in _NAMES:
            if isinstance(value, str) and value.strip():
                changes[key] = value.strip()
            else:
                problems.append((where, "must be a font name"))
        elif key == "marking":
            marking = _marking(value, where, problems)
            if marking is not None:
                changes["marking"] = marking
        elif key == "reference_docx":
            path = base_dir / str(value)
            if not isinstance(value, str) or path.suffix != ".docx" or not path.is_file():
                problems.append((where, f"must name an existing .docx file (not {value!r})"))
            else:
                changes["reference_docx"] = path
        elif key == "text":
            changes["looks"] = _looks(theme.looks, value, where, problems)
        else:
            known = ", ".join((*_NUMBERS, *_COLOURS, *_NAMES, "marking", "reference_docx", "text"))
            problems.append((where, f"unknown setting; known: {known}"))
    if problems:
        raise StyleError(problems)
    styled = replace(theme, **changes)
    _check_text_area(styled)
    return styled


MIN_TEXT_AREA_MM = 40.0
"""The narrowest (and lowest) text area the margins may leave on a page."""


def _check_text_area(theme: Theme) -> None:
    """Refuse margins that leave (almost) no room for text on the page."""
    width = theme.page_width_mm - theme.margin_left_mm - theme.margin_right_mm
    height = theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
    problems = []
    if width < MIN_TEXT_AREA_MM:
        problems.append(
            (
                "style.margin_left_mm",
                f"the left and right margins leave {width:g} mm of the page's "
                f"{theme.page_width_mm:g} mm for text; "
                f"at least {MIN_TEXT_AREA_MM:g} mm are needed",
            )
        )
    if height < MIN_TEXT_AREA_MM:
        problems.append(
            (
                "style.margin_top_mm",
                f"the top and bottom margins leave {height:g} mm of the page's "
                f"{theme.page_height_mm:g} mm for text; "
                f"at least {MIN_TEXT_AREA_MM:g} mm are needed",
            )
        )
    if problems:
        raise StyleError(problems)


def _number(
    value: Any, where: str, problems: list[tuple[str, str]], low: float, high: float
) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        problems.append((where, f"must be a number from {low} to {high}, not {value!r}"))
        return False
    return True


def _colour(value: Any, where: str, problems: list[tuple[str, str]]) -> bool:
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        problems.append((where, f"must be a colour as #rrggbb, not {value!r}"))
        return False
    return True


def _marking(value: Any, where: str, problems: list[tuple[str, str]]) -> dict[str, str] | None:
    if isinstance(value, str):
        return {"*": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    problems.append((where, 'must be text or a table of texts per language ({en = "…"})'))
    return None


def _looks(
    looks: dict[str, TextLook], value: Any, where: str, problems: list[tuple[str, str]]
) -> dict[str, TextLook]:
    if not isinstance(value, dict):
        problems.append((where, "must be a table of text styles, e.g. [style.text.body]"))
        return looks
    updated = dict(looks)
    for name, settings in value.items():
        key = f"{where}.{name}"
        if name not in looks:
            problems.append((key, f"unknown text style; known: {', '.join(looks)}"))
            continue
        if not isinstance(settings, dict):
            problems.append((key, "must be a table, e.g. {size = 11}"))
            continue
        changes: dict[str, Any] = {}
        for attribute, setting in settings.items():
            item = f"{key}.{attribute}"
            if attribute in ("bold", "italic"):
                if isinstance(setting, bool):
                    changes[attribute] = setting
                else:
                    problems.append((item, "must be true or false"))
            elif attribute == "color":
                if _colour(setting, item, problems):
                    changes[attribute] = setting
            elif attribute in _LOOK_KEYS:
                high = 5 if attribute == "leading" else 100
                low = 0.8 if attribute == "leading" else (4 if attribute == "size" else 0)
                if _number(setting, item, problems, low=low, high=high):
                    changes[attribute] = float(setting)
            else:
                problems.append((item, f"unknown; known: {', '.join(_LOOK_KEYS)}"))
        updated[name] = replace(looks[name], **changes)
    return updated
