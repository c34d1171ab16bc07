"""What each output file is built from, as one digest per output (for incremental builds).

A meeting's briefing depends on ``visit.yaml``, that meeting's file, the templates
(built-in and the user's folders), the language's interface catalogue, the fonts of
the language, the configuration file and theme, the build time printed in it, the
language and format, and the code and library versions that write it. The visit
report depends on all of that and on every meeting's file.

Briefing templates see the visit-level fields only (title, lead, marking); a custom
briefing template that prints other meetings needs ``--force`` after they change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from importlib import metadata
from pathlib import Path

from briefings import __version__
from briefings.build.manifest import combine, file_digest, folder_digest
from briefings.fonts import FontSet
from briefings.i18n.catalogues import catalogue_path, interface_root
from briefings.i18n.content import content_catalogue_path
from briefings.records import Records
from briefings.resources import templates_dir
from briefings.theme import Theme
from briefings.writers import FONT_FORMATS

LIBRARIES = (
    "python-docx",
    "reportlab",
    "icalendar",
    "jinja2",
    "babel",
    "fonttools",
    "pydantic",
    "pyyaml",
)


@cache
def code_digest() -> str:
    """The package's own code and the versions of the libraries that shape the output."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    package = Path(__file__).resolve().parent.parent
    return combine(
        {"briefings": __version__, "code": folder_digest(package, "*.py"), "libraries": versions}
    )


class InputDigests:
    """Digests of the inputs of every output of one build. Shared parts (templates,
    fonts, catalogues) are hashed once per build, file contents once per process."""

    def __init__(
        self,
        records: Records,
        *,
        templates: Sequence[Path],
        theme: Theme,
        config: Path | None,
        created: datetime,
        fonts: Callable[[str], FontSet],
        translations: Path | None = None,
        out: Path | None = None,
    ) -> None:
        """``out``: the output folder, left out of the templates' digest if it is
        inside a template folder."""
        self.records = records
        self.fonts = fonts
        self.translations = translations
        self.shared = {
            "code": code_digest(),
            "visit": file_digest(records.visit_file),
            "templates": [
                folder_digest(folder, exclude=out) for folder in [*templates, templates_dir()]
            ],
            "config": file_digest(config) if config is not None and config.is_file() else "",
            "theme": repr(theme),
            "created": created.isoformat(),
        }
        self._languages: dict[str, dict[str, object]] = {}
        self._meetings = {m.id: file_digest(records.meeting_file(m.id)) for m in records.meetings}

    def language(self, lang: str, fonts: bool = True) -> dict[str, object]:
        """The inputs every document of ``lang`` shares: the interface and content
        catalogues (of both languages of a parallel edition) and (with ``fonts``) the
        fonts."""
        if not fonts:
            return {"catalogues": self.catalogues(lang)}
        if lang not in self._languages:
            catalogues = self.catalogues(lang)
            faces = [
                [face.key, face.index, face.fake_bold, file_digest(face.path)]
                for face in self.fonts(lang).faces()
            ]
            self._languages[lang] = {
                "catalogues": catalogues,
                "fonts": faces,
            }
        return self._languages[lang]

    def catalogues(self, lang: str) -> list[str]:
        """The interface and content catalogues of ``lang`` (both of ``en+zh``)."""
        catalogues = []
        for part in lang.split("+"):
            root = interface_root(part, self.translations)
            interface = catalogue_path(part, root) if root else None
            content = content_catalogue_path(self.records.root, part)
            catalogues += [_digest_if_file(interface), _digest_if_file(content)]
        return catalogues

    def of(
        self,
        lang: str,
        meeting_id: str | None,
        fmt: str,
        part: tuple[str, str, Sequence[str]] | None = None,
    ) -> str:
        """The digest of the inputs of one output: a meeting's briefing, or the report
        (``meeting_id`` None), in ``lang`` and ``fmt``; or with ``part`` (file name,
        person, their entries) a delegate's programme, which depends on the files of
        their own entries only."""
        meetings = {meeting_id: self._meetings[meeting_id]} if meeting_id else self._meetings
        delegate: dict[str, str] = {}
        if part is not None:
            name, person, ids = part
            meetings = {m: self._meetings[m] for m in ids}
            delegate = {"document": name, "delegate": person}
        return combine(
            {
                **self.shared,
                **self.language(lang, fonts=fmt in FONT_FORMATS),
                "lang": lang,
                "format": fmt,
                "document": meeting_id or "",
                "meetings": meetings,
                **delegate,
            }
        )


def _digest_if_file(path: Path | None) -> str:
    return file_digest(path) if path is not None and path.is_file() else ""
