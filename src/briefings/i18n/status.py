"""Translation coverage of a visit, per language: ``briefings i18n status``.

For each language: how many interface strings (the gettext catalogue) and record texts
(inline in the records or in ``VISIT_DIR/translations/<lang>.po``) are translated; each
missing record text with its file, line and field; and each text that spells an
organisation or place in English where the records give its name in that language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from briefings.diagnostics import Location
from briefings.i18n.catalogues import (
    DOMAIN,
    SOURCE_LANGUAGE,
    available_languages,
    interface_root,
)
from briefings.i18n.content import (
    RecordText,
    content_catalogue_path,
    content_languages,
    load_content_catalogue,
    record_texts,
    relative,
)
from briefings.i18n.glossary import Term, english_names_in, glossary
from briefings.i18n.pofiles import read_catalogue
from briefings.i18n.tools import statistics
from briefings.records import Records
from briefings.resources import translations_dir


@dataclass(frozen=True)
class MissingRecordText:
    location: Location
    source: str


@dataclass(frozen=True)
class TermIssue:
    location: Location
    term: Term
    in_catalogue: bool
    """The text comes from the content catalogue, not from the record."""


@dataclass
class LanguageStatus:
    lang: str
    interface_translated: int = 0
    interface_total: int = 0
    interface_missing: list[str] = field(default_factory=list)
    interface_catalogue: bool = True
    texts_total: int = 0
    from_catalogue: int = 0
    missing: list[MissingRecordText] = field(default_factory=list)
    terms: list[TermIssue] = field(default_factory=list)

    @property
    def texts_translated(self) -> int:
        return self.texts_total - len(self.missing)

    @property
    def complete(self) -> bool:
        return not (self.missing or self.interface_missing or self.terms)


def languages_of(records: Records, extra: Path | None = None) -> list[str]:
    """The languages to report: those with an interface catalogue, with a content
    catalogue in the visit, or used in a record; the source language first."""
    found = set(available_languages(extra))
    found |= set(content_languages(records.root))
    found |= {lang for text in record_texts(records) for lang in text.texts}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def language_status(records: Records, lang: str, extra: Path | None = None) -> LanguageStatus:
    """The coverage of one language."""
    status = LanguageStatus(lang)
    if lang != SOURCE_LANGUAGE:
        root = interface_root(lang, extra)
        if root is not None:
            status.interface_translated, status.interface_total, status.interface_missing = (
                statistics(lang, root)
            )
        else:  # no catalogue: every interface string is missing
            status.interface_catalogue = False
            status.interface_missing = _template_ids()
            status.interface_total = len(status.interface_missing)
    catalogue = load_content_catalogue(records.root, lang)
    terms = glossary(records, lang)
    for text in record_texts(records):
        status.texts_total += 1
        _check_text(records, text, lang, catalogue, terms, status)
    return status


def _check_text(
    records: Records,
    text: RecordText,
    lang: str,
    catalogue: dict[str, str],
    terms: list[Term],
    status: LanguageStatus,
) -> None:
    where = records.locate(text.file, (*text.path, lang))
    location = Location(
        Path(relative(text.file, records.root)), where.line, where.column, where.field
    )
    if lang in text.texts:
        translation, in_catalogue = text.texts[lang], False
    elif text.source in catalogue:
        translation, in_catalogue = catalogue[text.source], True
        status.from_catalogue += 1
    else:
        status.missing.append(MissingRecordText(location, text.source))
        return
    for term in english_names_in(translation, terms):
        status.terms.append(TermIssue(location, term, in_catalogue))


def print_status(console: Console, records: Records, statuses: list[LanguageStatus]) -> None:
    """The report: a summary line per language, then what is missing or misnamed."""
    for status in statuses:
        lang = status.lang
        interface = (
            "source language"
            if lang == SOURCE_LANGUAGE
            else f"{status.interface_translated}/{status.interface_total}"
        )
        po = relative(content_catalogue_path(records.root, lang), records.root)
        via = f", {status.from_catalogue} of them from {po}" if status.from_catalogue else ""
        colour = "green" if status.complete else "yellow"
        console.print(
            f"[bold {colour}]{lang}[/]: interface strings {interface}; "
            f"record texts {status.texts_translated}/{status.texts_total}{escape(via)}"
        )
        if not status.interface_catalogue:
            console.print(f"  no interface catalogue: start one with briefings i18n init {lang}")
        elif status.interface_missing:
            count = len(status.interface_missing)
            console.print(f"  {count} interface string(s) untranslated:")
            for msgid in status.interface_missing:
                console.print(f"    {msgid!r}", markup=False)
        if status.missing:
            console.print(f"  {len(status.missing)} record text(s) without a {lang} text:")
            for item in status.missing:
                console.print(f"    {item.location}: {_shorten(item.source)!r}", markup=False)
        if status.terms:
            console.print(f"  {len(status.terms)} name(s) spelt in English:")
            for issue in status.terms:
                source = f" (from {po})" if issue.in_catalogue else ""
                console.print(
                    f"    {issue.location}{source}: {issue.term.english!r} - the records "
                    f"name it {issue.term.translation!r} ({issue.term.defined_at})",
                    markup=False,
                )


def _template_ids() -> list[str]:
    template = read_catalogue(translations_dir() / f"{DOMAIN}.pot")
    return [str(message.id) for message in template if message.id]


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
