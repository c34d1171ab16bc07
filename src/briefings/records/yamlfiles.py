"""Writing record files that people also edit by hand.

Imports and scaffolds change YAML files that users keep under version control, with
their comments and order. ruamel.yaml's round-trip mode keeps both; texts in several
languages are written in flow style (``{en: Brussels, zh: 布鲁塞尔}``) when short, as
the example records are.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from briefings.records.schema import TEXT_LANGUAGE

SHORT_TEXT = 60
"""Texts in several languages up to this many characters in all go on one line."""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, order and quoting
    yaml.width = 4096  # long texts stay on one line rather than being folded oddly
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def is_localised(value: Any) -> bool:
    """True for a mapping of language codes to texts: ``{en: ..., zh: ...}``."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(k, str) and TEXT_LANGUAGE.match(k) and isinstance(v, str)
            for k, v in value.items()
        )
    )


@dataclass
class RecordFile:
    """A YAML record file read for changing: its data (ruamel's commented types) and
    whether anything changed since it was read."""

    path: Path
    data: CommentedMap
    is_new: bool = False
    changed: bool = False
    header: str = ""
    _yaml: YAML = field(default_factory=_yaml, repr=False)

    @classmethod
    def read(cls, path: Path) -> RecordFile:
        data = _yaml().load(path.read_text(encoding="utf-8"))
        return cls(path, data if isinstance(data, CommentedMap) else CommentedMap())

    @classmethod
    def new(cls, path: Path, data: dict[str, Any], header: str = "") -> RecordFile:
        record = cls(path, CommentedMap(), is_new=True, header=header)
        record.merge(data)
        return record

    def merge(self, values: dict[str, Any]) -> list[str]:
        """Put ``values`` into the file's data, keeping what they do not mention;
        returns the dotted paths of the values that changed."""
        changed = _merge_mapping(self.data, values, "")
        self.changed = self.changed or bool(changed) or self.is_new
        return changed

    def text(self) -> str:
        buffer = io.StringIO()
        self._yaml.dump(self.data, buffer)
        return self.header + buffer.getvalue()

    def write(self) -> None:
        """Write the file whole or not at all (a temporary file renamed over it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".import-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(self.text())
            Path(temporary).replace(self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _merge_mapping(target: CommentedMap, values: dict[str, Any], prefix: str) -> list[str]:
    changed: list[str] = []
    for key, value in values.items():
        name = f"{prefix}{key}"
        old = target.get(key)
        if is_localised(value):
            merged = {**(old if is_localised(old) else {}), **value}
            if _plain(old) != merged:
                target[key] = _styled(merged)
                changed.append(name)
        elif isinstance(value, dict):
            if not isinstance(old, dict):
                old = target[key] = CommentedMap()
            changed += _merge_mapping(old, value, f"{name}.")
        elif isinstance(value, list):
            merged_list = _merge_list(old if isinstance(old, list) else [], value)
            if _plain(old) != _plain(merged_list):
                target[key] = merged_list
                changed.append(name)
        elif _plain(old) != value:
            target[key] = value
            changed.append(name)
    return changed


def _merge_list(old: list[Any], new: list[Any]) -> CommentedSeq:
    """Item ``i`` of ``new`` updates item ``i`` of ``old`` (so the languages a sheet
    does not have are kept); the list is as long as ``new``."""
    merged = CommentedSeq()
    for index, item in enumerate(new):
        before = old[index] if index < len(old) else None
        if isinstance(item, dict):
            base = CommentedMap(before) if isinstance(before, dict) else CommentedMap()
            if is_localised(item):
                merged.append(_styled({**(_plain(before) if is_localised(before) else {}), **item}))
            else:
                _merge_mapping(base, item, "")
                merged.append(base)
        else:
            merged.append(item)
    if all(not isinstance(item, dict) for item in merged):
        merged.fa.set_flow_style()
    return merged


def _styled(texts: dict[str, str]) -> CommentedMap:
    styled = CommentedMap(texts)
    if sum(len(t) for t in texts.values()) <= SHORT_TEXT:
        styled.fa.set_flow_style()
    return styled


def _plain(value: Any) -> Any:
    """ruamel's commented types as plain dicts, lists and the strings the records
    mean (the records read ``2024-10-23T14:30`` and ``0123`` as written), for comparing."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str):
        return value
    return str(value)
