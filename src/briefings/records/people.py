"""Checks of the people of a visit: who they are, who is in the delegation and in what
order, and whom each meeting brings together.

Like ``briefings.records.checks`` they read the raw YAML data and take from it
whatever is valid, so that a mistake in one place does not hide another; values of the
wrong type are left to the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefings.diagnostics import Diagnostic, Severity
from briefings.records.checks import Source, mapping_or_empty
from briefings.records.rootcause import unknown_reference
from briefings.records.yamlsafe import Path_


@dataclass(frozen=True)
class PeopleFacts:
    """What meetings are checked against, taken from whatever of visit.yaml is valid."""

    people: frozenset[str]
    organisations: frozenset[str]
    delegates: tuple[str, ...]
    """The visit's delegates in order of precedence, each once; empty if it names none."""

    @classmethod
    def read(cls, visit: Source | None) -> PeopleFacts:
        data = visit.data if visit is not None else {}
        delegates = [ref for _, ref in text_items(data, "delegates")]
        return cls(
            frozenset(mapping_or_empty(data.get("people"))),
            frozenset(mapping_or_empty(data.get("organisations"))),
            tuple(dict.fromkeys(delegates)),
        )

    def attending(self, meeting: dict[str, Any]) -> frozenset[str]:
        """The delegates who attend a meeting: those it names, else all of them."""
        named = meeting.get("delegates")
        if isinstance(named, list):
            return frozenset(ref for ref in named if isinstance(ref, str))
        return frozenset(self.delegates)

    def in_precedence(self, people: frozenset[str]) -> list[str]:
        """``people`` in the order of the visit's delegates."""
        return [ref for ref in self.delegates if ref in people]


def text_items(data: dict[str, Any], *path: str) -> list[tuple[Path_, str]]:
    """``(path, value)`` of every text in the list (or the single text) at ``path``."""
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [((*path, i), item) for i, item in enumerate(value) if isinstance(item, str)]
    return []


def visit_problems(visit: Source, facts: PeopleFacts) -> list[Diagnostic]:
    """Unknown organisations of people; unknown or repeated delegates."""
    found: list[Diagnostic] = []
    organisations = sorted(facts.organisations)
    for key, person in mapping_or_empty(visit.data.get("people")).items():
        org = person.get("organisation") if isinstance(person, dict) else None
        if isinstance(org, str) and org not in facts.organisations:
            location = visit.locate(("people", key, "organisation"))
            found.append(unknown_reference("organisation", org, organisations, location))
    found += _people_list(visit, ("delegates",), facts)
    return found


def meeting_problems(meeting: Source, facts: PeopleFacts) -> list[Diagnostic]:
    """Unknown people; counterparts who are delegates; delegates the visit does not have."""
    found = _people_list(meeting, ("counterparts",), facts)
    for path, ref in text_items(meeting.data, "counterparts"):
        if ref in facts.delegates:
            message = f"{ref!r} is one of the visit's delegates, not someone the delegation meets"
            found.append(Diagnostic(meeting.locate(path), message, Severity.WARNING))
    found += _people_list(meeting, ("delegates",), facts)
    for path, ref in text_items(meeting.data, "delegates"):
        if ref in facts.people and ref not in facts.delegates:
            message = (
                f"{ref!r} is not one of the visit's delegates; add them to delegates in"
                " visit.yaml, or leave them out here"
            )
            found.append(Diagnostic(meeting.locate(path), message))
    for role in ("contact", "interpreter"):
        found += _people_list(meeting, ("logistics", role), facts)
    return found


def _people_list(source: Source, path: Path_, facts: PeopleFacts) -> list[Diagnostic]:
    """Unknown people in the list (or single id) at ``path``, and people listed twice."""
    found: list[Diagnostic] = []
    known = sorted(facts.people)
    seen: set[str] = set()
    name = str(path[-1])
    for where, ref in text_items(source.data, *(str(key) for key in path)):
        if ref not in facts.people:
            found.append(unknown_reference("person", ref, known, source.locate(where)))
        elif ref in seen:
            message = f"{ref!r} is listed twice in {name}; keep one"
            found.append(Diagnostic(source.locate(where), message))
        seen.add(ref)
    return found
