"""Edit a ``.po`` file the way a translator's tool does: only ``msgstr`` and flags."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import unescape

_ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr (?:".*"\n)+', re.MULTILINE)


def po_string(text: str) -> str:
    """``text`` as a one-line PO string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill_po(po: Path, translations: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    """Set the translation of each source text (a key may be the start of a long text);
    mark those in ``fuzzy`` as fuzzy. Every key must match an entry."""
    text = po.read_text(encoding="utf-8")
    unused = set(translations)

    def replace(match: re.Match[str]) -> str:
        source = "".join(unescape(line) for line in match.group(1).splitlines())
        prefixes = (k for k in translations if source and source.startswith(k))
        key = source if source in translations else next(prefixes, None)
        if key is None:
            return match.group(0)
        unused.discard(key)
        flag = "#, fuzzy\n" if key in fuzzy else ""
        return f"{flag}msgid {match.group(1)}msgstr {po_string(translations[key])}\n"

    po.write_text(_ENTRY.sub(replace, text), encoding="utf-8")
    assert not unused, f"not in {po}: {unused}"
