"""Read YAML the way a record writer means it, remembering where every value stood.

PyYAML implements YAML 1.1, whose implicit typing corrupts records silently:
``10:30`` becomes the integer 630, ``no`` becomes ``False`` and ``0123`` becomes 83.
This module composes the YAML node tree with the safe loader (so no object is ever
constructed) and converts every plain scalar to the *string* that was written,
except an empty value or ``null``/``~``. The schema then decides what a string means:
``2024-10-23T09:30`` is parsed as a date-time only where a date-time is expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefings.diagnostics import Diagnostic, Location, Severity
from briefings.text import normalise_space

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
# C0 and C1 control characters that neither DOCX (XML 1.0) nor a printed page can hold.
_FORBIDDEN_CONTROLS = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SOFT_CONTROLS = re.compile(r"[\t\x0b]")
# The blocks that hold every right-to-left letter (bidirectional class R or AL):
# Hebrew to Arabic Extended, the right-to-left mark, the presentation forms, and the
# right-to-left blocks of the supplementary planes. Only characters found here are
# looked up in the Unicode database.
_RIGHT_TO_LEFT_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
RIGHT_TO_LEFT = frozenset({"R", "AL"})


@dataclass
class YamlDocument:
    """Plain Python data (dicts, lists, strings, None) plus where each value was written."""

    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, file: Path, path: Path_, *, key: bool = False) -> Location:
        """The file, line and column of the value at ``path`` (or of its key), falling back
        to the nearest enclosing value that has a position."""
        table = self.key_positions if key else self.positions
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
            table = self.positions
        line, column = table.get(probe, (None, None))
        return Location(file, line, column, format_path(path))


def format_path(path: Path_) -> str:
    """``('follow_up', 0, 'due')`` -> ``follow_up[0].due``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Converter:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.doc = YamlDocument(data=None)
        self.diagnostics: list[Diagnostic] = []
        self.nodes_seen = 0

    def error(self, node: yaml.Node, path: Path_, message: str, *, warning: bool = False) -> None:
        mark = node.start_mark
        loc = Location(self.file, mark.line + 1, mark.column + 1, format_path(path))
        severity = Severity.WARNING if warning else Severity.ERROR
        self.diagnostics.append(Diagnostic(loc, message, severity))

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _LimitError(f"the file expands to more than {MAX_NODES} values (aliases?)")
        if depth > MAX_DEPTH:
            raise _LimitError(f"values are nested more than {MAX_DEPTH} levels deep")
        mark = node.start_mark
        self.doc.positions[path] = (mark.line + 1, mark.column + 1)
        if node.tag not in _STANDARD_TAGS:
            self.error(node, path, f"YAML tags such as {node.tag!r} are not allowed in records")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _NULL_TAG and not node.style:  # plain: None, or "" from libyaml
            return None
        return self.clean_text(node, path, node.value)

    def convert_mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, path, "a key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                self.error(key_node, child, f"the key {key!r} is given twice; keep one")
                continue
            mark = key_node.start_mark
            self.doc.key_positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def clean_text(self, node: yaml.Node, path: Path_, text: str) -> str:
        if _SURROGATE.search(text):
            self.error(node, path, "the text contains a lone surrogate (broken UTF-16); retype it")
            return text
        bad = _FORBIDDEN_CONTROLS.search(text)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            self.error(node, path, f"the text contains the control character {code}; remove it")
            return text
        if has_right_to_left(text):
            # The writers lay out text left to right without shaping: Arabic or Hebrew
            # would print reversed and unjoined, so it is refused rather than printed wrong.
            self.error(node, path, "right-to-left text cannot be laid out yet; remove it")
            return text
        if _SOFT_CONTROLS.search(text):
            self.error(
                node, path, "tab or vertical tab (from Word) replaced by a space", warning=True
            )
        return normalise_space(text)


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Arabic, Hebrew, Syriac, ...)."""
    return any(
        unicodedata.bidirectional(match.group()) in RIGHT_TO_LEFT
        for match in _RIGHT_TO_LEFT_BLOCKS.finditer(text)
    )


# libyaml's parser where PyYAML has it (its wheels do): the same nodes and marks,
# several times faster than the pure-Python one on a visit of many meetings.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LimitError(Exception):
    pass


def load_yaml(file: Path) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Load one YAML file safely. Returns the document (None if unreadable) and every
    problem found; syntax errors carry the line and column PyYAML reports."""
    too_large = f"the file is larger than {MAX_FILE_BYTES // 1000} kB; is it really a record?"
    try:
        # The size is checked before reading, and no more than the limit is ever read
        # (the file may grow meanwhile): a huge file costs neither memory nor time.
        if file.stat().st_size > MAX_FILE_BYTES:
            return None, [Diagnostic(Location(file), too_large)]
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Diagnostic(Location(file), f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Diagnostic(Location(file), too_large)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"the file is not UTF-8 (byte {exc.start}); save it as UTF-8"
        return None, [Diagnostic(Location(file), message)]
    converter = _Converter(file)
    try:
        node = yaml.compose(text, Loader=_LOADER)
        converter.doc.data = {} if node is None else converter.convert(node, (), 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            # The real mistake is often where the construct began (an unclosed bracket).
            problem += f" (it began on line {start.line + 1}, column {start.column + 1})"
        return None, [Diagnostic(Location(file, line, column), f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(Location(file), f"YAML error: {exc}")]
    except _LimitError as exc:
        return None, [Diagnostic(Location(file), str(exc))]
    return converter.doc, converter.diagnostics
