"""The languages a build writes, and the parallel (bilingual) editions made of two."""

from __future__ import annotations

from collections.abc import Iterable

LANGUAGES = ("en", "zh")
"""What a build writes unless asked for others."""
BILINGUAL = "+"
"""Joins two languages into a parallel edition: ``--lang en+zh``."""


def single_languages(langs: Iterable[str]) -> list[str]:
    """The languages of ``langs``, parallel editions (``en+zh``) split into theirs."""
    return list(dict.fromkeys(part for lang in langs for part in lang.split(BILINGUAL)))


def document_language(lang: str) -> str:
    """The BCP 47 tag written into a document of ``lang``."""
    return {"zh": "zh-CN", "en": "en-GB"}.get(lang, lang)
