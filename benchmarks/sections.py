"""The content both floors write: each briefing's and the report's sections, read
from a visit's YAML with no validation, templates or locale formatting.

Sections are (kind, value) pairs: ``h1``, ``h2``, ``p`` and ``li`` hold a text,
``table`` a list of rows of texts. Kept apart from the writers so that the Typst peer
does not import python-docx and reportlab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Sections = list[tuple[str, Any]]


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


class _Texts:
    def __init__(self, visit: dict[str, Any], lang: str) -> None:
        self.visit, self.lang = visit, lang

    def __call__(self, texts: dict[str, str] | None) -> str:
        return (texts or {}).get(self.lang) or (texts or {}).get("en", "")

    def org(self, key: str) -> str:
        return self(self.visit["organisations"][key]["name"])


def _sections(meeting: dict[str, Any], t: _Texts) -> list[tuple[str, Any]]:
    """The content of one briefing as (kind, value) pairs, shared by both writers."""
    orgs = [
        [t.org(k), t.visit["organisations"][k].get("country", "")] for k in meeting["participants"]
    ]
    actions = [[t(a["action"]), t.org(a["owner"]), a["due"]] for a in meeting.get("follow_up", [])]
    fields = [
        ["Date", meeting["start"][:10]],
        ["Time", f"{meeting['start'][11:]}–{meeting['end'][11:]}"],
        ["Venue", t(meeting.get("venue"))],
        ["Hosts", ", ".join(t.org(k) for k in meeting["hosts"])],
        ["Type", meeting["kind"]],
        ["Topics", ", ".join(t(x) for x in meeting.get("topics", []))],
    ]
    return [
        ("h1", t(meeting["title"])),
        ("table", fields),
        ("h2", "Objectives"),
        *[("li", t(x)) for x in meeting.get("objectives", [])],
        ("h2", "Background"),
        ("p", t(meeting.get("background"))),
        ("h2", "Talking points"),
        *[("li", t(x)) for x in meeting.get("talking_points", [])],
        ("h2", "Participants"),
        ("table", orgs),
        ("h2", "Outcomes"),
        *[("li", t(x)) for x in meeting.get("outcomes", [])],
        ("h2", "Follow-up actions"),
        ("table", actions),
    ]


def _report(
    visit: dict[str, Any], meetings: list[dict[str, Any]], t: _Texts
) -> list[tuple[str, Any]]:
    itinerary = [[m["start"][:16], t(m["title"]), t(m.get("venue"))] for m in meetings]
    sections: list[tuple[str, Any]] = [
        ("h1", t(visit["title"])),
        ("p", t(visit["summary"])),
        ("h2", "Itinerary"),
        ("table", itinerary),
    ]
    for meeting in meetings:
        sections += [("h2", t(meeting["title"]))]
        sections += [("li", t(x)) for x in meeting.get("outcomes", [])]
    actions = [
        [t(a["action"]), t.org(a["owner"]), a["due"]]
        for m in meetings
        for a in m.get("follow_up", [])
    ]
    sections += [("h2", "Follow-up actions"), ("table", actions)]
    sections += [("h2", "Conclusions"), ("p", t(visit.get("conclusions")))]
    return sections


def load_visit(visit_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The visit record and its meetings in time order, as plain data."""
    visit = _load(visit_dir / "visit.yaml")
    meetings = sorted(
        (_load(p) for p in sorted((visit_dir / "meetings").glob("*.yaml"))),
        key=lambda m: m["start"],
    )
    return visit, meetings


def documents(
    visit: dict[str, Any], meetings: list[dict[str, Any]], lang: str
) -> list[tuple[str, Sections]]:
    """Every briefing and the report in ``lang``, as (file name, sections)."""
    t = _Texts(visit, lang)
    found = [(m["id"], _sections(m, t)) for m in meetings]
    found.append(("visit-report", _report(visit, meetings, t)))
    return found
