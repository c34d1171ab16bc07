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
* each character is measured in the face that will draw it;
* a name the document asks to keep together (a place, an organisation, a person) is
  not broken inside, unless that would leave its line less than ``NAME_FILL`` full;
* a paragraph's last line never holds a single character: the line before gives up
  one more (the orphan rule of Chinese typesetting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from briefings.fonts import Face, FontSet
from briefings.text import is_wide

NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〉〗〙〛”’…—～·‥・ーヽヾゝゞ々〻"
    ",.;:?!)]}%‰℃°′″"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = frozenset("（《「『【〔〈〖〘〚“‘([{$£¥€#")
_BREAK_AFTER = frozenset("-/")
SOFT_HYPHEN = "\u00ad"
ELLIPSIS = "\u2026"
NAME_FILL = 0.7
"""How full a line must be for a break before a kept-together name rather than
inside it."""
MAX_LAID_OUT = 20_000
"""How many laid-out texts a measurer keeps at most."""


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a run is drawn: size in points, style key of the font set, colour."""

    size: float
    style: str = "regular"
    color: str = "#000000"
    link: str | None = None
    """The bookmark of the heading the run links to, if any."""


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

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


LayoutKey = tuple[tuple[tuple[str, TextStyle], ...], float, re.Pattern[str] | None]
"""A text to lay out: its runs, the width, the names to keep together."""


class Measurer:
    """Chooses a face for every character and measures it; caches per face and size."""

    def __init__(self, fonts: FontSet, register: dict[Face, str]) -> None:
        self.fonts = fonts
        self.font_names = register
        self._tables: dict[tuple[str, float], dict[str, tuple[Face, float]]] = {}
        self._faces: dict[Face, Face] = {}
        """Equal faces made one object, so that pieces compare faces by identity."""
        self.names: re.Pattern[str] | None = None
        """The names of the document at hand to keep together (see ``keep_together``)."""
        self.laid_out: dict[LayoutKey, list[Line]] = {}
        """Texts already broken into lines: documents repeat labels, headers, names."""

    def keep_together(self, names: tuple[str, ...]) -> None:
        """Lay out the next texts keeping ``names`` unbroken where the line allows."""
        names = tuple(sorted({n for n in names if len(n) > 1}, key=len, reverse=True))
        self.names = re.compile("|".join(map(re.escape, names))) if names else None

    def measure(self, char: str, style: TextStyle) -> tuple[Face, float]:
        table = self.table(style)
        hit = table.get(char)
        return hit if hit is not None else self._measure(char, style, table)

    def table(self, style: TextStyle) -> dict[str, tuple[Face, float]]:
        """The characters measured so far in ``style``'s face style and size."""
        key = (style.style, style.size)
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = {}
        return table

    def _measure(
        self, char: str, style: TextStyle, table: dict[str, tuple[Face, float]]
    ) -> tuple[Face, float]:
        face = self.fonts.face_for(char, style.style) or self.fonts.latin[style.style]
        face = self._faces.setdefault(face, face)
        hit = table[char] = (face, stringWidth(char, self.font_names[face], style.size))
        return hit


def break_opportunities(text: str) -> list[bool]:
    """``result[i]`` is True when a line may break before ``text[i]``."""
    allowed = [False] * len(text)
    wide = [is_wide(char) for char in text]
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        if (
            (before in (" ", SOFT_HYPHEN) and after != " ")
            or ((wide[i - 1] or wide[i]) and after != " ")
            or (before in _BREAK_AFTER and after.isalnum() and text[i - 2 : i - 1].isalnum())
        ):
            allowed[i] = True
    return allowed


def inside_names(text: str, names: re.Pattern[str] | None) -> list[bool]:
    """``result[i]`` is True when ``text[i]`` continues a name (a break before it
    would split the name)."""
    inside = [False] * len(text)
    if names is not None:
        for match in names.finditer(text):
            inside[match.start() + 1 : match.end()] = [True] * (len(match[0]) - 1)
    return inside


@dataclass(slots=True)
class _Measured:
    """The characters of a text block, each with its style, face and advance, and
    where the block's names are."""

    text: str
    styles: list[TextStyle]
    faces: list[Face]
    advances: list[float]
    in_name: list[bool] = field(default_factory=list)


def _measured(runs: list[tuple[str, TextStyle]], measurer: Measurer) -> _Measured:
    styles: list[TextStyle] = []
    faces: list[Face] = []
    advances: list[float] = []
    for text, style in runs:
        table = measurer.table(style)
        for char in text:
            hit = table.get(char) or measurer.measure(char, style)
            faces.append(hit[0])
            advances.append(0.0 if char == SOFT_HYPHEN else hit[1])
        styles += [style] * len(text)
    text = "".join(text for text, _ in runs)
    return _Measured(text, styles, faces, advances, inside_names(text, measurer.names))


def layout(runs: list[tuple[str, TextStyle]], width: float, measurer: Measurer) -> list[Line]:
    """Break styled runs into lines no wider than ``width``. A ``"\\n"`` in a run forces
    a break. Spaces at the end of a line are dropped. The lines are shared with other
    callers that laid out the same text: they must not be changed."""
    key = (tuple(runs), width, measurer.names)
    lines = measurer.laid_out.get(key)
    if lines is None:
        if len(measurer.laid_out) >= MAX_LAID_OUT:  # a long ``watch``: start again
            measurer.laid_out.clear()
        lines = measurer.laid_out[key] = _break_lines(runs, width, measurer)
    return list(lines)


def _break_lines(runs: list[tuple[str, TextStyle]], width: float, measurer: Measurer) -> list[Line]:
    chars = _measured(runs, measurer)
    text = chars.text
    allowed = break_opportunities(text)
    lines: list[Line] = []
    start = 0
    while start < len(text):
        end = _fit(chars, allowed, start, width)
        end = _without_orphan(chars, allowed, start, end)
        lines.append(_make_line(chars, start, end, measurer))
        start = end
        while start < len(text) and text[start] in " \n":
            if text[start] == "\n":
                start += 1
                break
            start += 1
    return lines or [Line()]


def _fit(chars: _Measured, allowed: list[bool], start: int, width: float) -> int:
    """The end (exclusive) of the line that begins at ``start``."""
    text, advances, in_name = chars.text, chars.advances, chars.in_name
    used = 0.0
    last_break = -1
    last_outside = (-1, 0.0)  # the last break outside names, and the width before it
    i = start
    while i < len(text):
        char = text[i]
        if char == "\n":
            return i
        if i > start and allowed[i]:
            last_break = i
            if not in_name[i]:
                last_outside = (i, used)
        advance = advances[i]
        if used + advance > width and i > start and char != " ":
            if last_outside[0] > start and last_outside[1] >= width * NAME_FILL:
                return last_outside[0]
            if last_break > start:
                return last_break
            # No allowed break fits: cut the word, but not before closing punctuation.
            while i - 1 > start and text[i] in NO_LINE_START:
                i -= 1
            return i
        used += advance
        i += 1
    return len(text)


def _without_orphan(chars: _Measured, allowed: list[bool], start: int, end: int) -> int:
    """``end``, or an earlier break if breaking at ``end`` would leave a paragraph's
    last line with one character (and closing punctuation) alone."""
    text = chars.text
    rest_end = text.find("\n", end)
    rest = text[end : len(text) if rest_end < 0 else rest_end].strip()
    if len([c for c in rest if c not in NO_LINE_START]) != 1:
        return end
    earlier = next((i for i in range(end - 1, start + 1, -1) if allowed[i]), -1)
    return earlier if earlier > start else end


def _make_line(chars: _Measured, start: int, end: int, measurer: Measurer) -> Line:
    """The pieces of ``chars[start:end]``: runs of one face and style. Trailing spaces
    are dropped, soft hyphens too, but one that ends the line is drawn as a hyphen."""
    text, faces, styles = chars.text, chars.faces, chars.styles
    while end > start and text[end - 1] == " ":
        end -= 1
    line = Line(width=sum(chars.advances[start:end]))
    piece_start, first = start, -1  # ``first``: the piece's first visible character
    for i in range(start, end):
        if text[i] == SOFT_HYPHEN:
            continue
        if first < 0:
            first = i
        elif faces[i] is not faces[first] or not (
            styles[i] is styles[first] or styles[i] == styles[first]
        ):
            line.pieces.append(_piece(chars, piece_start, i, first))
            piece_start, first = i, i
    if first >= 0:
        line.pieces.append(_piece(chars, piece_start, end, first))
    if end > start and text[end - 1] == SOFT_HYPHEN:  # the line breaks at a hint: show it
        _append_hyphen(line, styles[end - 1], measurer)
    return line


def _piece(chars: _Measured, start: int, end: int, first: int) -> Piece:
    text = chars.text[start:end].replace(SOFT_HYPHEN, "")
    return Piece(text, chars.faces[first], chars.styles[first], sum(chars.advances[start:end]))


def _append_hyphen(line: Line, style: TextStyle, measurer: Measurer) -> None:
    line.width += _append(line.pieces, "-", style, measurer)


def _append(pieces: list[Piece], char: str, style: TextStyle, measurer: Measurer) -> float:
    """Add ``char`` at the end of ``pieces`` (to the last piece if it has the same face
    and style); returns its advance."""
    face, advance = measurer.measure(char, style)
    last = pieces[-1] if pieces else None
    if last is not None and last.face is face and (last.style is style or last.style == style):
        last.text += char
        last.width += advance
    else:
        pieces.append(Piece(char, face, style, advance))
    return advance


def truncated(
    runs: list[tuple[str, TextStyle]], width: float, measurer: Measurer, max_lines: int
) -> list[Line]:
    """The first ``max_lines`` lines of ``runs``; if the text goes on beyond them, the
    last one ends with an ellipsis, so that a reader sees something was left out."""
    lines = layout(runs, width, measurer)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    style = kept[-1].pieces[-1].style if kept[-1].pieces else runs[0][1]
    kept[-1] = with_ellipsis(kept[-1], width, measurer, style)
    return kept


def with_ellipsis(line: Line, width: float, measurer: Measurer, style: TextStyle) -> Line:
    """``line`` ending with "…", characters (and trailing spaces) dropped from its end
    until the two fit in ``width``."""
    pieces = [Piece(p.text, p.face, p.style, p.width) for p in line.pieces]
    advance = measurer.measure(ELLIPSIS, style)[1]
    total = line.width
    while pieces and (total + advance > width or pieces[-1].text.endswith(" ")):
        last = pieces[-1]
        dropped = measurer.measure(last.text[-1], last.style)[1]
        last.text, last.width, total = last.text[:-1], last.width - dropped, total - dropped
        if not last.text:
            pieces.pop()
    return Line(pieces, max(total, 0.0) + _append(pieces, ELLIPSIS, style, measurer))
