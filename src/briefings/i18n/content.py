"""Content catalogues: record texts translated through a ``.po`` file, not the YAML.

A visit folder may hold ``translations/content.pot`` (every record text, written by
``briefings i18n extract-content``) and one ``translations/<lang>.po`` per language,
filled by a translator in Poedit, Weblate or Crowdin::

    #. meetings/02-dg-regio.yaml: title
    #: meetings/02-dg-regio.yaml:3
    msgid "Meeting with the Directorate-General for Regional and Urban Policy"
    msgstr "与欧盟委员会地区和城市政策总司会谈"

The ``msgid`` is the source text (English, or the record's first language when it has
no English). There is no ``msgctxt``: a text written in several places is translated
once, and reordering a list in a record does not orphan its translations (as with
Sphinx's catalogues). The reference comment and the extracted comment give every place
a text is used, with its field. A text written inline in the record wins over the
catalogue; fuzzy and empty entries are ignored. A text that leaves the records (a
meeting file moved out) keeps its translation as an obsolete ``#~`` entry, which comes
back when the text does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from pydantic import BaseModel

from briefings.i18n.codes import check_language_code, is_language_code, language_name
from briefings.i18n.formatting import babel_locale
from briefings.i18n.pofiles import (
    drop_placeholders,
    kept_comment,
    merge_template,
    read_catalogue,
    set_plain_header,
    write_catalogue_file,
)
from briefings.records import Records
from briefings.records.yamlsafe import Path_, format_path

CONTENT_DIR = "translations"
CONTENT_TEMPLATE = "content.pot"
SOURCE_LANGUAGE = "en"
# Babel guesses these from `%` and `{...}` in a text; record texts are not format
# strings, and the flags would make `msgfmt --check` reject a faithful translation.
_FORMAT_FLAGS = ("python-format", "python-brace-format")


def template_comment(visit_id: str) -> list[str]:
    """The header comment of ``content.pot``."""
    return [
        f"Record texts of the visit {visit_id}, for translation.",
        "Written by `briefings i18n extract-content`; translate them in translations/<lang>.po.",
        "A text written in the record itself in that language wins over this catalogue.",
    ]


def language_comment(visit_id: str, lang: str) -> list[str]:
    """The header comment of ``<lang>.po``."""
    return [
        f"{language_name(lang)} ({lang}) translations of the record texts of the visit {visit_id}.",
        f"Updated by `briefings i18n extract-content --lang {lang}`, which keeps the "
        "translation of a text that left the records as an obsolete (#~) entry.",
        "A text written in the record itself in that language wins over this catalogue.",
    ]


def source_text(texts: Mapping[str, str]) -> str:
    """The text a catalogue translates from: English, else the first language given."""
    return texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()))


@dataclass(frozen=True)
class RecordText:
    """One reader-visible text of the records (a ``{en: ..., zh: ...}`` value)."""

    file: Path
    path: Path_
    texts: Mapping[str, str]

    @property
    def source(self) -> str:
        return source_text(self.texts)

    @property
    def field(self) -> str:
        return format_path(self.path)


def record_texts(records: Records) -> list[RecordText]:
    """Every text of the visit and its meetings, in file order. The walk follows the
    validated models, so an optional text field added to the schema is included."""
    found = list(_walk(records.visit, records.visit_file, ()))
    for meeting in records.meetings:
        found += _walk(meeting, records.meeting_file(meeting.id), ())
    return found


def _walk(value: Any, file: Path, path: Path_) -> Iterator[RecordText]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), file, (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, file, (*path, index))
    elif isinstance(value, dict) and value:
        if all(isinstance(text, str) for text in value.values()):
            yield RecordText(file, path, value)
        else:  # places and organisations: records by key
            for key, item in value.items():
                yield from _walk(item, file, (*path, key))


def relative(file: Path, root: Path) -> str:
    """``meetings/02-dg-regio.yaml``: a record file as the catalogue names it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def extract_content(records: Records) -> Catalog:
    """The template (``.pot``) of every record text, with where each one is used."""
    catalog = Catalog(
        project=records.visit.id,
        version=records.visit.dates.start.isoformat(),
        domain="content",
        charset="utf-8",
    )
    set_plain_header(catalog)
    for text in record_texts(records):
        source_lang = next(lang for lang, value in text.texts.items() if value == text.source)
        location = records.locate(text.file, (*text.path, source_lang))
        name = relative(text.file, records.root)
        catalog.add(
            text.source,
            None,
            [(name, location.line or 0)],
            auto_comments=[f"{name}: {text.field}"],
        )
    for message in catalog:
        message.flags.difference_update(_FORMAT_FLAGS)
    return catalog


def content_catalogue_path(visit_dir: Path, lang: str) -> Path:
    """Where the content catalogue of ``lang`` lives: ``VISIT_DIR/translations/<lang>.po``
    (``LanguageCodeError`` if ``lang`` is not a language code: never another folder)."""
    check_language_code(lang)
    return visit_dir / CONTENT_DIR / f"{lang}.po"


def load_content_catalogue(visit_dir: Path, lang: str) -> dict[str, str]:
    """The translations of ``VISIT_DIR/translations/<lang>.po`` (source text ->
    translation), without fuzzy or empty entries; empty if there is no such file."""
    path = content_catalogue_path(visit_dir, lang)
    if not path.is_file():
        return {}
    return {
        str(message.id): str(message.string)
        for message in read_catalogue(path)
        if message.id and message.string and not message.fuzzy
    }


def write_catalogue(catalog: Catalog, path: Path) -> None:
    """Write the template (``content.pot``) made by ``extract_content``."""
    write_catalogue_file(catalog, path, template_comment(catalog.project), obsolete=False)


def update_content_po(template: Catalog, records: Records, lang: str) -> Path:
    """Create or update ``translations/<lang>.po`` from the template: new texts appear
    empty, changed ones fuzzy, and those no longer in the records stay as obsolete
    entries that come back translated with their text (as with ``msgmerge``). Empty
    entries are pre-filled with the record's own ``lang`` text, so the translator sees
    only what is really missing."""
    return update_content_catalogues(template, records, [lang])[0]


def update_content_catalogues(
    template: Catalog, records: Records, langs: Iterable[str]
) -> list[Path]:
    """``update_content_po`` for each of ``langs`` and for every language that has a
    catalogue in the visit already. Every catalogue is read before any is written, so
    a broken one (an ``InputError``) leaves them all as they were."""
    chosen = sorted({*langs, *content_languages(records.root)})
    merged = [(lang, *_merged_content_po(template, records, lang)) for lang in chosen]
    paths = []
    for lang, catalog, comment in merged:
        path = content_catalogue_path(records.root, lang)
        write_catalogue_file(catalog, path, comment)
        paths.append(path)
    return paths


def content_languages(visit_dir: Path) -> list[str]:
    """The languages with a content catalogue in ``VISIT_DIR/translations/`` (a
    ``.po`` file whose name is no language code is not one)."""
    folder = visit_dir / CONTENT_DIR
    return sorted(p.stem for p in folder.glob("*.po") if is_language_code(p.stem))


def _merged_content_po(template: Catalog, records: Records, lang: str) -> tuple[Catalog, list[str]]:
    """The catalogue of ``lang`` brought in line with ``template``, and the header
    comment to write it with (a translator's own, else ours)."""
    path = content_catalogue_path(records.root, lang)
    comment: list[str] = []
    if path.is_file():
        catalog = read_catalogue(path, obsolete=True)
        merge_template(catalog, template)
        drop_placeholders(catalog)
        comment = kept_comment(catalog)
    else:
        catalog = Catalog(domain="content", charset="utf-8", fuzzy=False)
        set_plain_header(catalog)
        for message in template:
            if message.id:
                catalog[message.id] = message
    catalog.project, catalog.version = template.project, template.version
    _set_language(catalog, lang)
    inline = {t.source: t.texts[lang] for t in record_texts(records) if lang in t.texts}
    for message in catalog:
        message.flags.difference_update(_FORMAT_FLAGS)
        if message.id and not message.string and str(message.id) in inline:
            message.string = inline[str(message.id)]
    return catalog, comment or language_comment(template.project, lang)


def _set_language(catalog: Catalog, lang: str) -> None:
    # The header names the code as written (zh, not zh_Hans_CN); a pseudo-locale such
    # as en-XA takes the plural rules of its language.
    for code in (lang.replace("-", "_"), None):
        try:
            catalog.locale = Locale.parse(code) if code else babel_locale(lang)
            return
        except (UnknownLocaleError, ValueError):
            continue
