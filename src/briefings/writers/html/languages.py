"""Which language a run of text is in, where the document model does not say.

A bilingual edition joins some texts of its two languages without marking them: the
cover ("Visit report / 访问总结报告"), the schedule's labels, the running header. A
page must still mark every change of language (screen readers switch voices on it),
so a run whose script is not its context's, and is the other language's, gets the
other language. Runs the model marks (``Span.lang``) keep their mark.
"""

from __future__ import annotations

import re

_HAN = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")

SEPARATOR = " / "
"""What the bilingual edition puts between the two languages of a joined text."""


def script_of_language(lang: str) -> str:
    """``han`` for Chinese, ``latin`` for the other languages this tool writes."""
    return "han" if primary(lang) == "zh" else "latin"


def script_of_text(text: str) -> str | None:
    """``han`` if ``text`` has Chinese characters, ``latin`` if it has Latin letters
    and no Chinese, None if neither (digits, punctuation)."""
    if _HAN.search(text):
        return "han"
    if _LATIN.search(text):
        return "latin"
    return None


def primary(lang: str) -> str:
    """The language without its region: ``en`` for ``en-GB``."""
    return lang.split("-", 1)[0].lower()


def same_language(a: str, b: str) -> bool:
    """Whether two language tags name one language (``en`` and ``en-GB`` do)."""
    return primary(a) == primary(b)


def split_joined(text: str) -> list[str]:
    """``text`` cut at the bilingual separator, keeping the separators as pieces."""
    return [piece for piece in re.split(f"({re.escape(SEPARATOR)})", text) if piece]
