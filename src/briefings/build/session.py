"""What one build loads once and every document shares: the records, the theme, the
fonts of each language, the Jinja environment and views of each language, and the
writers. Forked worker processes start with the parent's session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.build.languages import BILINGUAL, LANGUAGES, document_language, single_languages
from briefings.build.plan import BuildOptions, DocumentJob, build_time
from briefings.config import ProjectConfig
from briefings.diagnostics import Diagnostic, InputError, Location, TextSource
from briefings.i18n import LocaleFormat, interface_translations
from briefings.i18n.catalogues import interface_root
from briefings.i18n.content import load_content_catalogue
from briefings.model import Document
from briefings.records import Records
from briefings.render.bilingual import parallel_document
from briefings.render.calendar import Calendar, CalendarBuilder, parallel_calendar
from briefings.render.markup import parse_document
from briefings.render.views import MeetingView, MissingText, ViewBuilder, VisitView
from briefings.theme import StyleError, Theme, with_style
from briefings.writers import THEME_ONLY_FORMATS, Writer, make_writer

if TYPE_CHECKING:
    from jinja2 import Environment

    from briefings.fonts import FontSet
    from briefings.fonts.choice import FontChoices


class Writers:
    """The writers a process has made, kept from build to build (``briefings watch``):
    a writer loads its styles and fonts once, and is made again only when the theme or
    the fonts it was made with change. A writer of ``THEME_ONLY_FORMATS`` (DOCX) serves
    every language; one of another format is made per language (a PDF writer draws
    with that language's fonts)."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str], tuple[Theme, FontSet | None, Writer]] = {}

    def get(self, fmt: str, lang: str, theme: Theme, fonts: FontSet) -> Writer:
        shared = fmt in THEME_ONLY_FORMATS
        key, made_with = ((fmt, ""), (theme, None)) if shared else ((fmt, lang), (theme, fonts))
        made = self.made.get(key)
        if made is None or made[:2] != made_with:
            made = (*made_with, make_writer(fmt, theme, fonts))
            self.made[key] = made
        return made[2]


class Session:
    """Renders the documents of one visit and holds what that needs, each made once:
    one Jinja environment, view builder and font set per language, and the writers."""

    def __init__(
        self,
        records: Records,
        options: BuildOptions,
        config: ProjectConfig,
        writers: Writers | None = None,
    ) -> None:
        self.records = records
        self.options = options
        self.config = config
        self.created = options.created or build_time()
        self.theme = theme_with_style(options.theme, config)
        self.charsets: dict[str, frozenset[str]] = options.charsets
        """The characters each language's documents use: OpenType/CFF fonts are cut
        down to these, and machine fonts are looked up for those the others lack (set
        by ``build`` before any font is chosen; workers receive them in ``options``)."""
        self._views: dict[str, ViewBuilder] = {}
        self._visits: dict[str, VisitView] = {}
        self._envs: dict[str, Environment] = {}
        self._compiled_templates: dict[str, bytes] = {}
        self._fonts: dict[str, FontSet] = {}
        self._font_choices: FontChoices | None = None
        self.writers = writers or Writers()
        self.sources: list[TextSource] = []
        """Where each record text of the documents came from; a span's ``source`` in the
        document model is a number in this list."""

    def font_choices(self) -> FontChoices:
        """The user's font choices (``--font`` over ``[fonts]``), read once."""
        from briefings.fonts.choice import font_choices

        if self._font_choices is None:
            self._font_choices = font_choices(
                self.options.fonts, self.config.fonts, self.config.path
            )
        return self._font_choices

    def fonts(self, lang: str) -> FontSet:
        from briefings.fonts.choice import choose_fontset

        if lang not in self._fonts:
            chars = self.charsets.get(lang, frozenset())
            self._fonts[lang] = choose_fontset(lang, chars, self.font_choices())
        return self._fonts[lang]

    def writer(self, fmt: str, lang: str) -> Writer:
        """The writer of ``fmt`` for documents of ``lang`` (which chooses the fonts)."""
        return self.writers.get(fmt, lang, self.theme, self.fonts(lang))

    def views(self, lang: str) -> ViewBuilder:
        if lang not in self._views:
            root = interface_root(lang, self.options.translations)
            fmt = LocaleFormat(lang, interface_translations(lang, root))
            catalogue = load_content_catalogue(self.records.root, lang)
            self._views[lang] = ViewBuilder(self.records, fmt, catalogue, self.sources)
        return self._views[lang]

    def environment(self, lang: str) -> Environment:
        """The Jinja environment of ``lang``, made when the first document is rendered
        (checking the records, as ``validate`` does, needs the views only)."""
        from briefings.render.templating import make_environment

        if lang not in self._envs:
            fmt, templates = self.views(lang).fmt, self.options.templates
            self._envs[lang] = make_environment(fmt, templates, self._compiled_templates)
        return self._envs[lang]

    def visit(self, lang: str) -> VisitView:
        """The visit view of ``lang``, built once: every document's context has it."""
        if lang not in self._visits:
            visit = self.views(lang).visit()
            marking = self.theme.marking.get(lang, self.theme.marking.get("*"))
            self._visits[lang] = replace(visit, marking=marking) if marking else visit
        return self._visits[lang]

    def resolve(self, lang: str) -> None:
        """Resolve every record text of ``lang`` now, collecting the untranslated ones
        (see ``missing_texts``)."""
        self.visit(lang)

    def calendar(self, job: DocumentJob) -> Calendar:
        """The calendar of ``job``'s meetings (all of the visit's) in its language."""
        if BILINGUAL in job.lang:
            left, right = (replace(job, lang=lang) for lang in job.lang.split(BILINGUAL, 1))
            return parallel_calendar(self.calendar(left), self.calendar(right))
        visit = self.visit(job.lang)
        builder = CalendarBuilder(visit.id, self.views(job.lang))
        lang, name, meetings = document_language(job.lang), str(visit.title), visit.meetings
        if job.delegate:
            person = self.views(job.lang).person(job.delegate)
            name = f"{person.display_name} · {name}"
            meetings = self.programme(job)
        return builder.calendar(name, lang, self.created, meetings)

    def programme(self, job: DocumentJob) -> list[MeetingView]:
        """A delegate's entries, in the order of the visit's programme."""
        return [m for m in self.visit(job.lang).meetings if m.id in job.meetings]

    def document(self, job: DocumentJob) -> Document:
        from briefings.render.templating import render

        if BILINGUAL in job.lang:
            # The parallel edition: each language rendered as usual, then zipped.
            left, right = (replace(job, lang=lang) for lang in job.lang.split(BILINGUAL, 1))
            return parallel_document(self.document(left), self.document(right))
        views = self.views(job.lang)
        context = {"visit": self.visit(job.lang), "generated": views.fmt.date(self.created)}
        if job.meeting_id:
            context["meeting"] = views.meeting(job.meeting_id)
        if job.delegate:
            context["delegate"] = views.person(job.delegate)
            context["programme"] = self.programme(job)
        markup = render(self.environment(job.lang), job.template, context)
        lang, created = document_language(job.lang), self.created.isoformat()
        document = parse_document(markup, lang=lang, created=created)
        return replace(document, meta=replace(document.meta, keep_together=views.names))

    def location_of(self, source: int | None, what: str) -> Location:
        """Where the record text number ``source`` (``Span.source``) was written; for
        text that is no record's (``source`` None), ``what`` it is."""
        if source is not None and source < len(self.sources):
            return self.records.locate_text(self.sources[source])
        return Location(Path(what))

    def missing_texts(self) -> list[MissingText]:
        seen: dict[tuple[str, str], MissingText] = {}
        for views in self._views.values():
            for item in views.text.missing:
                seen.setdefault((str(item.location), item.lang), item)
        return sorted(seen.values(), key=_missing_order)


def untranslated(
    records: Records, config: ProjectConfig, langs: Iterable[str] = LANGUAGES
) -> list[MissingText]:
    """Every record text with no translation into one of ``langs`` (what ``strict``
    rejects), found without rendering any document."""
    langs = tuple(langs)
    session = Session(records, BuildOptions(out=Path(), langs=langs), config)
    for lang in single_languages(langs):
        session.resolve(lang)
    return session.missing_texts()


def _missing_order(item: MissingText) -> tuple[str, int, int, str]:
    """Missing texts by file, line and column, then language: the order of the files."""
    return (*item.location.order(), item.lang)


def theme_with_style(theme: Theme, config: ProjectConfig) -> Theme:
    """The theme with the configuration file's ``[style]`` applied."""
    if not config.style or config.path is None:
        return theme
    try:
        return with_style(theme, config.style, config.path.parent)
    except StyleError as exc:
        raise InputError(
            [Diagnostic(Location(config.path, None, None, key), msg) for key, msg in exc.problems]
        ) from None
