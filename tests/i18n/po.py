"""Edit a ``.po`` file the way a translator's tool does: only the ``msgstr`` lines."""

from __future__ import annotations

import re
from pathlib import Path


def po_string(text: str) -> str:
    """``text`` as a one-line PO string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill_po(po: Path, translations: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    """Set the translation of each source text (written on one line, as Babel writes
    short ids); mark those in ``fuzzy`` as fuzzy."""
    text = po.read_text(encoding="utf-8")
    for source, translation in translations.items():
        entry = re.compile(rf"^msgid {re.escape(po_string(source))}\nmsgstr .*$", re.MULTILINE)
        assert entry.search(text), f"{source!r} is not a one-line msgid of {po}"
        flag = "#, fuzzy\n" if source in fuzzy else ""
        replacement = f"{flag}msgid {po_string(source)}\nmsgstr {po_string(translation)}"
        text = entry.sub(lambda _: replacement, text)
    po.write_text(text, encoding="utf-8")
