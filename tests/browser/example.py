"""The example visit's documents as the build makes them: the one place the HTML tests
get real ``Document`` objects from (adapt here when the build's internals move)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from briefings.build import BuildOptions, DocumentJob, Session
from briefings.config import load_config
from briefings.model import Document
from briefings.records import load_records
from tests.conftest import EXAMPLE, FIXED_TIME

LANGUAGES = ("en", "zh", "en+zh")


@cache
def _session() -> Session:
    options = BuildOptions(out=Path("unused"), created=FIXED_TIME)
    session = Session(load_records(EXAMPLE), options, load_config(EXAMPLE))
    for lang in ("en", "zh"):
        session.resolve(lang)
    return session


@cache
def example_documents(lang: str) -> dict[str, Document]:
    """Every document of the example in ``lang`` (``en``, ``zh`` or ``en+zh``), by
    file name without extension: each meeting's briefing (travel legs have none) and
    ``visit-report``."""
    session = _session()
    briefed = [m for m in session.records.meetings if not m.is_travel]
    names = [(m.id, m.id) for m in briefed] + [("visit-report", None)]
    return {name: session.document(DocumentJob(lang, name, meeting)) for name, meeting in names}
