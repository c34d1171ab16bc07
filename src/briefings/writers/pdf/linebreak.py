"""Line breaking for mixed Chinese and Latin text, with font fallback per character.

reportlab's own paragraphs parse their text as markup and, in CJK mode, let a line
start with "，" and split English words anywhere. We lay lines out ourselves:

* Chinese breaks between any two characters, except that closing punctuation never
  starts a line and opening punctuation never ends one (the kinsoku rules of
  GB/T 15834 and JIS X 4051);
* Latin words break only at spaces (or after a hyphen or slash), unless a word is
  wider than the whole line, when it is cut where it must be (long URLs);
* a soft hyphen (U+00AD) is a break hint: invisible, unless a line breaks there,
  when it is drawn as a hyphen;
* each character is measured in the face that will draw it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from briefings.fonts import Face, FontSet
from briefings.records.yamlsafe import is_wide

NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〉〗〙〛”’…—～·‥・ーヽヾゝゞ々〻"
    ",.;:?!)]}%‰℃°′″"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = frozenset("（《「『【〔〈〖〘〚“‘([{$£¥€#")
_BREAK_AFTER = frozenset("-/")
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a run is drawn: size in points, style key of the font set, colour."""

    size: float
    style: str = "regular"
    color: str = "#000000"


@dataclass(slots=True)
class Piece:
    """Consecutive characters of one line in one face and style."""

    text: str
    face: Face
    style: TextStyle
    width: float


@dataclass(slots=True)
class Line:
    pieces: list[Piece] = field(default_factory=list)
    width: float = 0.0


class Measurer:
    """Chooses a face for every character and measures it; caches per face and size."""

    def __init__(self, fonts: FontSet, register: dict[Face, str]) -> None:
        self.fonts = fonts
        self.font_names = register
        self._cache: dict[tuple[str, str, float], tuple[Face, float]] = {}

    def measure(self, char: str, style: TextStyle) -> tuple[Face, float]:
        key = (char, style.style, style.size)
        hit = self._cache.get(key)
        if hit is None:
            face = self.fonts.face_for(char, style.style) or self.fonts.latin[style.style]
            hit = (face, stringWidth(char, self.font_names[face], style.size))
            self._cache[key] = hit
        return hit


def break_opportunities(text: str) -> list[bool]:
    """``result[i]`` is True when a line may break before ``text[i]``."""
    allowed = [False] * len(text)
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        if (
            (before in (" ", SOFT_HYPHEN) and after != " ")
            or ((is_wide(before) or is_wide(after)) and after != " ")
            or (before in _BREAK_AFTER and after.isalnum() and text[i - 2 : i - 1].isalnum())
        ):
            allowed[i] = True
    return allowed


def layout(runs: list[tuple[str, TextStyle]], width: float, measurer: Measurer) -> list[Line]:
    """Break styled runs into lines no wider than ``width``. A ``"\\n"`` in a run forces
    a break. Spaces at the end of a line are dropped."""
    chars: list[tuple[str, TextStyle]] = [(c, s) for text, s in runs for c in text]
    text = "".join(c for c, _ in chars)
    allowed = break_opportunities(text)
    lines: list[Line] = []
    start = 0
    while start < len(chars):
        end = _fit(chars, allowed, start, width, measurer)
        lines.append(_make_line(chars[start:end], measurer))
        start = end
        while start < len(chars) and chars[start][0] in " \n":
            if chars[start][0] == "\n":
                start += 1
                break
            start += 1
    return lines or [Line()]


def _fit(
    chars: list[tuple[str, TextStyle]],
    allowed: list[bool],
    start: int,
    width: float,
    measurer: Measurer,
) -> int:
    """The end (exclusive) of the line that begins at ``start``."""
    used = 0.0
    last_break = -1
    i = start
    while i < len(chars):
        char, style = chars[i]
        if char == "\n":
            return i
        if i > start and allowed[i]:
            last_break = i
        advance = 0.0 if char == SOFT_HYPHEN else measurer.measure(char, style)[1]
        if used + advance > width and i > start and char != " ":
            if last_break > start:
                return last_break
            # No allowed break fits: cut the word, but not before closing punctuation.
            while i - 1 > start and chars[i][0] in NO_LINE_START:
                i -= 1
            return i
        used += advance
        i += 1
    return len(chars)


def _make_line(chars: list[tuple[str, TextStyle]], measurer: Measurer) -> Line:
    while chars and chars[-1][0] == " ":
        chars = chars[:-1]
    if chars and chars[-1][0] == SOFT_HYPHEN:  # the line breaks at a hint: show it
        chars = [*chars[:-1], ("-", chars[-1][1])]
    line = Line()
    for char, style in chars:
        if char == SOFT_HYPHEN:
            continue
        face, advance = measurer.measure(char, style)
        last = line.pieces[-1] if line.pieces else None
        if (
            last is not None
            and (last.face is face or last.face == face)  # identity first: a hot loop
            and (last.style is style or last.style == style)
        ):
            last.text += char
            last.width += advance
        else:
            line.pieces.append(Piece(char, face, style, advance))
        line.width += advance
    return line
