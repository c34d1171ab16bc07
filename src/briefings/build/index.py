"""``OUT/index.html``: the page that links every HTML document of a build, by language
and kind, so that the output folder can be published as it is.

It lists every document the records make, not only those a build rewrote, and is
made from the views (titles, kinds) without rendering any document; its manifest
record holds the digest of its own bytes, so ``build --check`` can tell whether it
is what a build would write now.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from babel import Locale

from briefings.build.languages import BILINGUAL, document_language
from briefings.build.plan import DocumentJob
from briefings.build.session import Session

if TYPE_CHECKING:
    from briefings.writers.html import IndexEntry

INDEX_FILE = "index.html"
HTML = "html"
ICS = "ics"
LISTED = (HTML, ICS)
"""The formats the index links: pages to read, calendars to import on the phone."""


def index_page(session: Session, jobs: Iterable[DocumentJob]) -> bytes:
    """The index of the HTML documents and calendars among ``jobs``, in the build's
    first language."""
    from briefings.writers.html import write_index  # only builds that write HTML

    formats = [fmt for fmt in LISTED if fmt in session.options.formats]
    entries = [index_entry(session, job, fmt) for job in jobs for fmt in job.formats(formats)]
    first = session.options.langs[0].split(BILINGUAL)[0]
    fmt = session.views(first).fmt
    return write_index(
        entries,
        title=str(session.visit(first).title),
        theme=session.theme,
        lang=document_language(first),
        note=fmt.gettext("Generated {date}").format(date=fmt.date(session.created)),
    )


def index_entry(session: Session, job: DocumentJob, fmt: str) -> IndexEntry:
    """How the index lists ``job`` in ``fmt``: in its language, both of a parallel
    edition."""
    from briefings.writers.html import IndexEntry

    langs = job.lang.split(BILINGUAL)
    return IndexEntry(
        language=" + ".join(language_name(lang) for lang in langs),
        title=" / ".join(dict.fromkeys(title_of(session, job, lang) for lang in langs)),
        href=job.output(fmt),
        kind=" / ".join(dict.fromkeys(kind_of(session, job, lang, fmt) for lang in langs)),
        lang=document_language(langs[0]),
    )


def language_name(lang: str) -> str:
    """A language's name in itself: ``English``, ``中文``."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    except (ValueError, LookupError):
        return lang
    return name or lang


def title_of(session: Session, job: DocumentJob, lang: str) -> str:
    if job.delegate:
        return str(session.views(lang).person(job.delegate).display_name)
    if job.meeting_id:
        return str(session.views(lang).meeting(job.meeting_id).title)
    return str(session.visit(lang).title)


def kind_of(session: Session, job: DocumentJob, lang: str, fmt: str) -> str:
    gettext = session.views(lang).fmt.gettext
    if fmt == ICS:
        return gettext("Calendar (.ics)")
    if job.delegate:
        return gettext("Delegate programme")
    return gettext("Meeting briefing") if job.meeting_id else gettext("Visit report")
