"""Terminology: organisation and place names spelt in English inside another language.

The records name every organisation and place once, in each language, in
``visit.yaml``. A Chinese text that writes "European Commission" where the records give
欧盟委员会 is reported, with the name to use instead. This is a glossary check, not a
translation: it only looks for the English names of the visit's own organisations and
places.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from briefings.records import Records

_LATIN = "A-Za-z0-9"


@dataclass(frozen=True)
class Term:
    """A name with its translation, and where the records define it."""

    english: str
    translation: str
    defined_at: str
    """E.g. ``organisations.dg-regio.name``."""
    pattern: re.Pattern[str]


def glossary(records: Records, lang: str) -> list[Term]:
    """The organisation and place names (full and short) that have an English name and a
    different name in ``lang``, longest first (so a long name wins over a name inside it)."""
    visit = records.visit
    named: list[tuple[str, Mapping[str, str] | None]] = []
    for key, org in visit.organisations.items():
        where = f"organisations.{key}"
        named += [(f"{where}.name", org.name), (f"{where}.short", org.short)]
    named += [(f"places.{key}.name", place.name) for key, place in visit.places.items()]
    terms = [
        _term(texts["en"], texts[lang], where)
        for where, texts in named
        if texts and "en" in texts and lang in texts and texts["en"] not in texts[lang]
    ]
    return sorted(terms, key=lambda term: -len(term.english))


def _term(english: str, translation: str, where: str) -> Term:
    words = r"\s+".join(re.escape(word) for word in english.split())
    pattern = re.compile(rf"(?<![{_LATIN}]){words}(?![{_LATIN}])", re.IGNORECASE)
    return Term(english, translation, where, pattern)


def english_names_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms whose English name ``text`` spells out, each once; a name found inside
    a longer one that was found (``European Commission`` inside the name of one of its
    directorates-general) is not reported again."""
    taken: list[range] = []
    found: list[Term] = []
    for term in terms:
        for match in term.pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start in other and span.stop - 1 in other for other in taken):
                continue
            taken.append(span)
            if term not in found:
                found.append(term)
    return found
