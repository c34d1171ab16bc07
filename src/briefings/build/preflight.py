"""What a build checks before it writes a document, and the characters it chooses fonts
for: every character must be drawable by a chosen font, and with ``strict`` every
record text translated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from briefings.build.plan import BuildOptions, DocumentJob, plan
from briefings.build.session import Session
from briefings.config import ProjectConfig
from briefings.diagnostics import Diagnostic, InputError, Location, sort_key
from briefings.fonts import check_coverage
from briefings.fonts.choice import choose_fontset
from briefings.fonts.convert import outline_kind
from briefings.i18n.content import content_catalogue_path, record_texts
from briefings.model import Document, Span
from briefings.records import Records

FURNITURE = "page header, marking or footer (the visit title, the marking, a catalogue)"


def preflight(
    documents: list[tuple[DocumentJob, Document]], session: Session, options: BuildOptions
) -> None:
    """Raise ``InputError`` naming every character of ``documents`` that no chosen font
    draws, and with ``options.strict`` every untranslated text."""
    problems: dict[str, Diagnostic] = {}
    for job, document in documents:
        furniture = [Span(text) for text in document.meta.furniture()]
        fonts = session.fonts(job.lang)
        uncovered = [
            (char.char, session.location_of(char.source, f"template {job.template}"))
            for char in check_coverage(document.spans(), fonts)
        ] + [(char.char, Location(Path(FURNITURE))) for char in check_coverage(furniture, fonts)]
        for char, location in uncovered:
            message = (
                f"the character {char!r} (U+{ord(char):04X}) cannot be "
                f"drawn by any font chosen for {job.lang!r}; remove it or choose a font "
                "that has it (--font)"
            )
            problems.setdefault(f"{location}{char}", Diagnostic(location, message))
    if options.strict:
        for item in session.missing_texts():
            po = content_catalogue_path(session.records.root, item.lang)
            message = (
                f"no {item.lang} text, in the record or in {po} (--strict: every text "
                "must be translated)"
            )
            problems.setdefault(str(item.location), Diagnostic(item.location, message))
    if problems:
        raise InputError(sorted(problems.values(), key=sort_key))


def document_problems(job: DocumentJob, document: Document, session: Session) -> list[Diagnostic]:
    """The preflight of one document (the strict check is done once, for all)."""
    try:
        preflight([(job, document)], session, replace(session.options, strict=False))
    except InputError as error:
        return error.diagnostics
    return []


def batch_charsets(
    records: Records, config: ProjectConfig, options: BuildOptions
) -> dict[str, frozenset[str]]:
    """The characters each language's documents draw, when the choice of fonts depends
    on them: an OpenType/CFF font is subset to them, and machine fonts are looked up
    for characters the chosen fonts lack. Found by rendering every document of the
    visit (not only those an incremental build rewrites), so that the fonts, and so
    the files, do not depend on what happened to be out of date."""
    probe = Session(records, replace(options, charsets={}), config)
    if not _fonts_depend_on_text(probe):
        return {}
    jobs = plan(records, options.langs, delegates=options.per_delegate)
    documents = ((job, probe.document(job)) for job in jobs)
    return {lang: frozenset(chars) for lang, chars in _charsets(documents).items()}


def _fonts_depend_on_text(session: Session) -> bool:
    choices = session.font_choices()
    if any(outline_kind(f.path, f.index) != "glyf" for f in choices.faces.values()):
        return True  # converted to a subset of the characters used
    if not choices.system:
        return False
    # A cheap superset of what records put on the page: every character of every text
    # in every language, each once.
    chars = set().union(
        *(value for item in record_texts(session.records) for value in item.texts.values())
    )
    text = "".join(sorted(chars))
    own_fonts = replace(choices, system=False)
    return any(choose_fontset(lang, "", own_fonts).missing(text) for lang in session.options.langs)


def _charsets(documents: Iterable[tuple[DocumentJob, Document]]) -> dict[str, set[str]]:
    """Every character each language's documents draw, page furniture included."""
    charsets: dict[str, set[str]] = {}
    for job, document in documents:
        chars = charsets.setdefault(job.lang, set())
        for text in document.meta.furniture():
            chars.update(text)
        for span in document.spans():
            chars.update(span.text)
    return charsets
