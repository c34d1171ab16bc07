"""Text helpers that several stages share: wide (CJK) characters and white space."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RUN = re.compile(r"\s+")


def is_wide(char: str) -> bool:
    """True for characters set on a full-width (ideographic) em square: Han, kana, CJK
    punctuation. Spaces between two of them are line-folding artefacts, not words."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def normalise_space(text: str) -> str:
    """Fold runs of white space to one space, as a reader of folded YAML expects, and
    drop the space between two wide characters (CSS Text 3 treats a segment break there
    the same way), so Chinese written over several YAML lines does not gain spaces.

    >>> normalise_space("城市， \\n 区域  and  more")
    '城市，区域 and more'
    """
    parts = _WHITESPACE_RUN.split(text.strip())
    if not parts:
        return ""
    out = [parts[0]]
    for part in parts[1:]:
        if out[-1] and part and is_wide(out[-1][-1]) and is_wide(part[0]):
            out.append(part)
        else:
            out.append(" " + part)
    return "".join(out)
