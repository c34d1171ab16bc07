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
catalogue; fuzzy and empty entries are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from pydantic import BaseModel

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.i18n.formatting import babel_locale
from briefings.records import Records
from briefings.records.yamlsafe import Path_, format_path

CONTENT_DIR = "translations"
CONTENT_TEMPLATE = "content.pot"
SOURCE_LANGUAGE = "en"
# Fixed, so that extracting twice gives the same file (no churn in version control).
_POT_DATE = datetime(2024, 1, 1, tzinfo=UTC)
# Babel guesses these from `%` and `{...}` in a text; record texts are not format
# strings, and the flags would make `msgfmt --check` reject a faithful translation.
_FORMAT_FLAGS = ("python-format", "python-brace-format")


_HEADER = """\
# Record texts of the visit {visit}, for translation.
# Written by `briefings i18n extract-content`; translate them in translations/<lang>.po.
# A text written in the record itself in that language wins over this catalogue."""


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
        domain="content",
        creation_date=_POT_DATE,
        charset="utf-8",
        msgid_bugs_address="",
    )
    catalog.header_comment = _HEADER.format(visit=records.visit.id)
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
    """Where the content catalogue of ``lang`` lives: ``VISIT_DIR/translations/<lang>.po``."""
    return visit_dir / CONTENT_DIR / f"{lang}.po"


def read_content_po(path: Path, lang: str) -> Catalog:
    """Read a content catalogue; a broken file is an input error naming it."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=None, abort_invalid=True, ignore_obsolete=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        message = f"not a valid .po file for {lang!r}: {exc}"
        raise InputError([Diagnostic(Location(path), message)]) from None


def load_content_catalogue(visit_dir: Path, lang: str) -> dict[str, str]:
    """The translations of ``VISIT_DIR/translations/<lang>.po`` (source text ->
    translation), without fuzzy or empty entries; empty if there is no such file."""
    path = content_catalogue_path(visit_dir, lang)
    if not path.is_file():
        return {}
    return {
        str(message.id): str(message.string)
        for message in read_content_po(path, lang)
        if message.id and message.string and not message.fuzzy
    }


def write_catalogue(catalog: Catalog, path: Path) -> None:
    """Write a ``.pot`` or ``.po`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True)


def update_content_po(template: Catalog, records: Records, lang: str) -> Path:
    """Create or update ``translations/<lang>.po`` from the template: new texts appear
    empty, changed ones fuzzy (as with ``msgmerge``). Empty entries are pre-filled with
    the record's own ``lang`` text, so the translator sees only what is really missing."""
    path = content_catalogue_path(records.root, lang)
    if path.is_file():
        catalog = read_content_po(path, lang)
        catalog.update(template, update_creation_date=False)
    else:
        catalog = Catalog(
            project=template.project,
            domain="content",
            creation_date=_POT_DATE,
            revision_date=_POT_DATE,
            charset="utf-8",
            msgid_bugs_address="",
            fuzzy=False,
        )
        for message in template:
            if message.id:
                catalog[message.id] = message
    _set_language(catalog, lang)
    inline = {t.source: t.texts[lang] for t in record_texts(records) if lang in t.texts}
    for message in catalog:
        message.flags.difference_update(_FORMAT_FLAGS)
        if message.id and not message.string and str(message.id) in inline:
            message.string = inline[str(message.id)]
    write_catalogue(catalog, path)
    return path


def _set_language(catalog: Catalog, lang: str) -> None:
    # The header names the code as written (zh, not zh_Hans_CN); a pseudo-locale such
    # as en-XA takes the plural rules of its language.
    for code in (lang.replace("-", "_"), None):
        try:
            catalog.locale = Locale.parse(code) if code else babel_locale(lang)
            return
        except (UnknownLocaleError, ValueError):
            continue
