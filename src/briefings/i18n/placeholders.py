"""An interface translation must keep the placeholders of its msgid, and no others.

Interface strings are formatted in two ways:

- Python code calls ``.format`` on the translation of a msgid with ``{name}`` fields
  (``gettext("{start} – {end}").format(...)``), and so do templates that write
  ``_("Generated {date}").format(date=...)``.
- Jinja templates (gettext installed with ``newstyle=True``) apply ``%`` to every
  translation, with the keyword arguments given to ``_()``: a ``%`` in a template's
  string is a placeholder (``%(name)s``), and a percent sign is written ``%%``.

A translation that breaks these rules would fail at render time (``ValueError:
incomplete format``, ``KeyError``) or print a wrong text; it is found when the
catalogue is loaded instead, and reported with the ``.po`` file, line and msgid.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from briefings.diagnostics import Diagnostic, Location
from briefings.i18n.pofiles import singular_id

# Python's %-conversions: %%, %(name)s, %-5.2f, ... A "%" that starts none is an error.
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])?"
)
_JINJA_PLURAL_KEY = "num"
"""Jinja's ngettext passes the count as ``num`` besides the template's arguments."""

KnownLocations = Callable[[], Mapping[str, Sequence[tuple[str, int | None]]]]
"""Where each msgid is used (read from the shipped template), for entries of a
catalogue that do not say; called at most once, and only when needed."""


class FormatStringError(ValueError):
    """A format string that cannot be read (e.g. ``{`` without ``}``)."""


def placeholder_errors(
    catalog: Catalog, path: Path, known_locations: KnownLocations | None = None
) -> list[Diagnostic]:
    """Every translated, non-fuzzy entry of ``catalog`` (read from ``path``) whose
    placeholders differ from its msgid's. An entry's use (Python code or a template)
    is read from its ``#:`` references, else from ``known_locations``; an entry used
    nowhere known is taken to be a template's (user templates add strings)."""
    found = []
    known: Mapping[str, Sequence[tuple[str, int | None]]] | None = None
    for message in catalog:
        if not message.id or message.fuzzy or not _translations(message):
            continue
        locations: list[tuple[str, int | None]] = list(message.locations)
        if not locations and known_locations is not None:
            known = known_locations() if known is None else known
            locations = list(known.get(singular_id(message), []))
        percent = not locations or any(not file.endswith(".py") for file, _ in locations)
        for problem in message_problems(message, percent=percent):
            message_text = f"the translation of {singular_id(message)!r} {problem}"
            found.append(Diagnostic(Location(path, message.lineno), message_text))
    return found


def message_problems(message: Message, *, percent: bool) -> list[str]:
    """What is wrong with the placeholders of ``message``'s translations, in words;
    ``percent`` says that the string is %-formatted too (it is used in a template)."""
    sources = [str(s) for s in (message.id if message.pluralizable else [message.id])]
    plural = message.pluralizable
    problems = []
    for translation in _translations(message):
        problems += _brace_problems(sources, translation, plural)
        if percent:
            problems += _percent_problems(sources, translation, plural)
    return list(dict.fromkeys(problems))


def _translations(message: Message) -> list[str]:
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return [str(s) for s in strings if s]


def _brace_problems(sources: list[str], translation: str, plural: bool) -> list[str]:
    try:
        wanted = set().union(*(_brace_fields(source) for source in sources))
    except FormatStringError:
        return []  # the msgid is no format string: .format is never called on it
    try:
        given = _brace_fields(translation)
    except FormatStringError as exc:
        return [str(exc)] if wanted else []
    return _compare(wanted, given, plural, lambda name: "{" + name + "}")


def _brace_fields(text: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        message = f"cannot be formatted ({exc}): write {{{{ and }}}} for braces"
        raise FormatStringError(message) from None
    return {re.split(r"[.\[]", field)[0] for _, field, _, _ in parsed if field is not None}


def _percent_problems(sources: list[str], translation: str, plural: bool) -> list[str]:
    try:
        wanted = set().union(*(_percent_keys(source) for source in sources))
    except FormatStringError:
        return []  # the msgid itself is no %-format string: not a template's
    if plural:
        wanted.add(_JINJA_PLURAL_KEY)
    try:
        given = _percent_keys(translation)
    except FormatStringError as exc:
        return [str(exc)]
    return _compare(wanted, given, plural, lambda key: f"%({key})s")


def _percent_keys(text: str) -> set[str]:
    keys = set()
    for match in _PERCENT.finditer(text):
        key, conversion = match.group("key"), match.group("conversion")
        if match.group(0) == "%%":
            continue
        if key is None or conversion is None or conversion == "%":
            raise FormatStringError(
                f"has {match.group(0)!r}, which the template's % formatting reads as a "
                "placeholder: write '%%' for a percent sign"
            )
        keys.add(key)
    return keys


def _compare(
    wanted: set[str], given: set[str], plural: bool, spell: Callable[[str], str]
) -> list[str]:
    """One problem (or none): the placeholders given but not wanted, then those
    wanted but not given."""
    parts = []
    extra = sorted(given - wanted)
    if extra:
        parts.append(f"has {_names(extra, spell)}, which the msgid does not have")
    missing = sorted(wanted - given)
    if missing and not plural:  # a plural form may leave out the count
        parts.append(f"lacks {_names(missing, spell)} of the msgid")
    return [" and ".join(parts)] if parts else []


def _names(names: Iterable[str], spell: Callable[[str], str]) -> str:
    return ", ".join(spell(name) for name in names)


def locations_of(template: Catalog) -> Mapping[str, Sequence[tuple[str, int | None]]]:
    """The ``#:`` references of every msgid of ``template`` (the shipped ``.pot``)."""
    return {singular_id(m): list(m.locations) for m in template if m.id}
