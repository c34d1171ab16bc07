"""Pydantic's validation errors in the words of the record format.

Pydantic's own messages (``String should match pattern '^[a-z0-9][a-z0-9_-]*$'``,
``Input should be a valid dictionary``) never reach the user: every error type the
schema can raise from YAML (whose values are only texts, lists, mappings and nothing)
has its plain words here, and any other type gets a plain fallback.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from briefings.diagnostics import Diagnostic
from briefings.records.rootcause import COLLECTIONS, MissingKey, MisspeltKey
from briefings.records.schema import COUNTRY_PATTERN, ID_MAX_LENGTH, ID_PATTERN
from briefings.records.suggest import country_code
from briefings.records.yamlsafe import Path_, YamlDocument, format_path

LOCAL_TIME = "should be a local date and time such as 2024-10-23T14:30"
DATE = "should be a date such as 2024-10-23"

PLAIN_WORDS = {
    "missing": "is required but missing",
    "string_type": "should be a text",
    "dict_type": "should be a mapping of languages to texts, e.g. {en: ..., zh: ...}",
    "list_type": "should be a list, e.g. [a, b] or one '- item' per line",
    "model_type": "should be a mapping: one 'key: value' per line, indented under it",
    "datetime_from_date_parsing": LOCAL_TIME,
    "datetime_parsing": LOCAL_TIME,
    "datetime_type": LOCAL_TIME,
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": f"{DATE}, without a time",
    "date_parsing": DATE,
    "date_type": DATE,
}
"""Each error type's words (``value_error``, ``string_pattern_mismatch`` and
``string_too_long`` depend on the error's context)."""

FALLBACK = "is not a valid value here"
"""For an error type the schema is not known to raise: still no pydantic words."""

ID_WORDS = "an id is lower-case letters, digits, '-' and '_'"
COUNTRY_WORDS = "a country is a two-letter code such as BE or CN"


def explain(error: Any, model: type[BaseModel], file: Path, document: YamlDocument) -> Diagnostic:
    """One pydantic error of ``file`` as a diagnostic in plain words."""
    path: Path_ = tuple(error["loc"])
    kind = error["type"]
    on_key = bool(path) and path[-1] == "[key]"  # a mapping's key (an id) is wrong
    if on_key:
        path = path[:-1]
    if kind == "extra_forbidden":
        return _unknown_key(path, model, file, document)
    location = document.locate(file, path, key=on_key)
    if kind == "missing":
        return MissingKey(location, PLAIN_WORDS["missing"])
    value = str(path[-1]) if on_key else error.get("input")
    if kind == "dict_type" and path and path[-1] in COLLECTIONS.values():
        message = f"should be a mapping of ids, each with its {path[-1]} entry indented under it"
    else:
        message = _words(kind, error.get("ctx") or {}, value)
    if value is None:
        message += " (got nothing)"
    elif not isinstance(value, dict | list) and repr(value) not in message:
        message += f" (got {value!r})"
    return Diagnostic(location, message)


def _words(kind: str, context: dict[str, Any], value: Any) -> str:
    if kind == "value_error":
        return str(context.get("error", FALLBACK))
    if kind == "string_pattern_mismatch":
        return _pattern_words(context.get("pattern"), value)
    if kind == "string_too_long":
        return (
            f"is too long: an id is at most {context.get('max_length', ID_MAX_LENGTH)} characters"
        )
    return PLAIN_WORDS.get(kind, FALLBACK)


def _pattern_words(pattern: Any, value: Any) -> str:
    if pattern == COUNTRY_PATTERN and isinstance(value, str):
        if len(value) == 2 and value.isascii() and value.isalpha():
            return f"{COUNTRY_WORDS}, in capitals: write {value.upper()!r}"
        code = country_code(value)
        return f"{COUNTRY_WORDS}; did you mean {code!r}?" if code else COUNTRY_WORDS
    if pattern == ID_PATTERN:
        return ID_WORDS
    return FALLBACK


def _unknown_key(
    path: Path_, model: type[BaseModel], file: Path, document: YamlDocument
) -> Diagnostic:
    key, parent = str(path[-1]), path[:-1]
    known = field_names(model, parent)
    close = get_close_matches(key, known, n=1, cutoff=0.6)
    location = document.locate(file, path, key=True)
    if not close:
        return Diagnostic(location, f"unknown key {key!r}; known keys: {', '.join(known)}")
    message = f"unknown key {key!r}; did you mean {close[0]!r}?"
    given = _value_at(document.data, parent)
    if isinstance(given, dict) and close[0] in given:
        return Diagnostic(location, message)  # the key it resembles is there too
    return MisspeltKey(location, message, meant=format_path((*parent, close[0])))


def _value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` of the YAML data, or None."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def field_names(model: type[BaseModel], path: Path_) -> list[str]:
    """The keys allowed at ``path`` inside ``model``, for did-you-mean hints."""
    current: Any = model
    for part in path:
        current = _strip_optional(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:  # a list index or a dict key: step to the element type
            args = get_args(current)
            current = args[-1] if args else None
    current = _strip_optional(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def _strip_optional(annotation: Any) -> Any:
    """``Place | None`` -> ``Place``; leaves ``list[...]`` and ``dict[...]`` alone."""
    while get_origin(annotation) not in (None, list, dict):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0] if args else None
    return annotation
